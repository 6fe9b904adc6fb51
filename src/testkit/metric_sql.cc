#include "testkit/metric_sql.h"

#include <date/tz.h>

#include <algorithm>
#include <charconv>
#include <limits>

#include "domain/field_values.h"
#include "domain/receivable_aging.h"
#include "service/analytics/metrics_service.h"
#include "store/metric_settings_store.h"

namespace fupan::testkit {
namespace {

using std::chrono::days;
using store::Value;

constexpr std::int64_t kAlways = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();
constexpr double kMsPerDay = 86'400'000.0;

// SQL text and its `?` parameters in the order they appear.
struct Sql {
  std::string text;
  std::vector<Value> params;

  Sql& add(std::string_view s, std::initializer_list<Value> p = {}) {
    text += s;
    params.insert(params.end(), p.begin(), p.end());
    return *this;
  }
  Sql& add(const Sql& s) {
    text += s.text;
    params.insert(params.end(), s.params.begin(), s.params.end());
    return *this;
  }
};

// "(?, ?, ...)" of `ids`; the caller makes sure the list is not empty.
Sql in_list(const std::vector<std::int64_t>& ids) {
  Sql s;
  s.add("(");
  for (std::size_t i = 0; i < ids.size(); ++i) s.add(i ? ", ?" : "?", {ids[i]});
  s.add(")");
  return s;
}

// An id written as text ("12"), or -1 (no such row) when it is not a number.
std::int64_t id_of(std::string_view text) {
  std::int64_t v = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size()) return -1;
  return v;
}

// The same day of the month `n` months earlier, clamped to that month's last day.
LocalDate months_before(LocalDate d, int n) {
  using namespace std::chrono;
  const year_month_day ymd = d.ymd();
  const year_month ym = year_month{ymd.year(), ymd.month()} - months{n};
  const day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  return LocalDate{ym / std::min(ymd.day(), last)};
}

MetricValue quotient(double a, double b) {
  if (b == 0) return std::monostate{};
  return a / b;
}

// A span [from, to) of instants (ms) in which `user`'s events count for the scope.
struct Span {
  std::int64_t user, from, to;
};

// The instants [from, to) of a period.
struct Window {
  std::int64_t from, to;
};

// One metric question against the store: the scope resolved once, then one query per figure.
class Reference {
 public:
  Reference(store::Connection& c, OrgId org, const MetricSettings& s, const MetricQuery& q)
      : c_(c), org_(org), settings_(s), q_(q), tz_(zone_of(s.timezone)) {
    resolve_scope();
  }

  MetricValue value(Metric m, const Period& p);

 private:
  // The instant local midnight starts day `d` in the org's zone.
  std::int64_t midnight(LocalDate d) const { return to_ms(start_of(d, tz_)); }
  Window window(const Period& p) const { return {midnight(p.start), midnight(p.end)}; }

  // The teams of a team scope (the team and every team under it, as the tree is now) or of a
  // region scope (the teams whose region it is).
  std::vector<std::int64_t> teams_of(const ScopeRef& s) {
    store::Rows rows =
        s.kind == ScopeRef::Kind::team
            ? c_.query(
                  "WITH RECURSIVE sub(id) AS (SELECT id FROM teams WHERE org_id = ? AND id = ? "
                  "UNION SELECT t.id FROM teams t JOIN sub ON t.parent_id = sub.id) "
                  "SELECT id FROM sub ORDER BY id",
                  {org_.value, s.id})
            : c_.query("SELECT id FROM teams WHERE org_id = ? AND region_id = ? ORDER BY id",
                       {org_.value, s.id});
    std::vector<std::int64_t> ids;
    for (std::size_t r = 0; r < rows.size(); ++r) ids.push_back(rows.i64(r, 0));
    return ids;
  }

  // Every membership of `teams` as a span of instants: [midnight(valid_from), midnight(valid_to)).
  void add_memberships(const std::vector<std::int64_t>& teams) {
    if (teams.empty()) return;
    Sql s;
    s.add("SELECT user_id, valid_from, valid_to FROM memberships WHERE org_id = ? AND team_id IN ",
          {org_.value})
        .add(in_list(teams));
    const auto rows = c_.query(s.text, s.params);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto from = parse_date(rows.str(r, 1));
      if (!from) continue;
      std::int64_t to = kForever;
      if (const auto text = rows.opt_str(r, 2)) {
        const auto end = parse_date(*text);
        if (!end) continue;
        to = midnight(*end);
      }
      spans_.push_back({rows.i64(r, 0), midnight(*from), to});
    }
  }

  void resolve_scope() {
    for (const ScopeRef& s : q_.scopes) {
      switch (s.kind) {
        case ScopeRef::Kind::org:
          everyone_ = true;
          break;
        case ScopeRef::Kind::user:
          spans_.push_back({s.id, kAlways, kForever});
          break;
        case ScopeRef::Kind::team:
        case ScopeRef::Kind::region:
          add_memberships(teams_of(s));
          break;
      }
    }
  }

  // True iff the event of user `user_col` at instant `at_col` counts for the scope. The spans
  // may overlap (a union of scopes): EXISTS counts an event once.
  Sql in_scope(std::string_view user_col, std::string_view at_col) const {
    Sql s;
    if (everyone_) return s.add("1 = 1");
    if (spans_.empty()) return s.add("1 = 0");
    s.add("EXISTS (SELECT 1 FROM (VALUES ");
    for (std::size_t i = 0; i < spans_.size(); ++i) {
      s.add(i ? ", " : "");
      s.add("(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))",
            {spans_[i].user, spans_[i].from, spans_[i].to});
    }
    s.text += ") w WHERE w.column1 = " + std::string(user_col) + " AND " + std::string(at_col) +
              " >= w.column2 AND " + std::string(at_col) + " < w.column3)";
    return s;
  }

  // True iff the customer `cu` is in the segment (industry, channel, tier, region); true when
  // there is no segment or it is by product (handled by the order metrics).
  Sql in_segment(std::string_view cu) const {
    Sql s;
    if (!q_.segment || q_.segment->dim == SegmentDim::product) return s.add("1 = 1");
    const std::string& key = q_.segment->key;
    if (q_.segment->dim == SegmentDim::region) {
      if (key.empty()) return s.add(std::string(cu) + ".region_id IS NULL");
      return s.add(std::string(cu) + ".region_id = ?", {id_of(key)});
    }
    const std::string col = std::string(cu) + "." + std::string(segment_dim_name(q_.segment->dim));
    if (key.empty()) return s.add("(" + col + " IS NULL OR " + col + " = '')");
    return s.add(col + " = ?", {key});
  }

  // FROM/WHERE of the orders (not cancelled) in scope and segment ordered in `w`, as `o` with
  // their customer `cu`.
  Sql orders_in(Window w) const {
    Sql s;
    s.add(
        " FROM orders o JOIN customers cu ON cu.id = o.customer_id WHERE o.org_id = ? AND "
        "o.status <> 'cancelled' AND o.ordered_at >= ? AND o.ordered_at < ? AND ",
        {org_.value, w.from, w.to});
    return s.add(in_scope("o.owner_id", "o.ordered_at")).add(" AND ").add(in_segment("cu"));
  }

  std::int64_t count(const Sql& s) { return c_.query(s.text, s.params).i64(0, 0); }

  // Σ total and number of orders in `p`; by product, Σ line totals of the product and the orders
  // holding it, or the orders without lines for the key "".
  std::pair<std::int64_t, std::int64_t> orders(const Period& p) {
    Sql s;
    if (q_.segment && q_.segment->dim == SegmentDim::product) {
      if (q_.segment->key.empty()) {
        s.add("SELECT CAST(COALESCE(SUM(o.total), 0) AS BIGINT), COUNT(*)")
            .add(orders_in(window(p)))
            .add(" AND NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.order_id = o.id)");
      } else {
        const std::int64_t product = id_of(q_.segment->key);
        s.add(
             "SELECT CAST(COALESCE(SUM((SELECT SUM(l.line_total) FROM document_lines l WHERE "
             "l.order_id = o.id AND l.product_id = ?)), 0) AS BIGINT), COUNT(*)",
             {product})
            .add(orders_in(window(p)))
            .add(
                " AND EXISTS (SELECT 1 FROM document_lines l WHERE l.order_id = o.id AND "
                "l.product_id = ?)",
                {product});
      }
    } else {
      s.add("SELECT CAST(COALESCE(SUM(o.total), 0) AS BIGINT), COUNT(*)").add(orders_in(window(p)));
    }
    const auto rows = c_.query(s.text, s.params);
    return {rows.i64(0, 0), rows.i64(0, 1)};
  }

  std::int64_t payments_amount(const Period& p) {
    const Window w = window(p);
    Sql s;
    s.add(
         "SELECT CAST(COALESCE(SUM(p.amount), 0) AS BIGINT) FROM payments p JOIN customers cu ON "
         "cu.id = p.customer_id WHERE p.org_id = ? AND p.received_at >= ? AND p.received_at < ? "
         "AND ",
         {org_.value, w.from, w.to})
        .add(in_scope("p.owner_id", "p.received_at"))
        .add(" AND ")
        .add(in_segment("cu"));
    return count(s);
  }

  // FROM/WHERE of the customers in scope and segment created in `p`, as `cu`.
  Sql leads_in(const Period& p) const {
    const Window w = window(p);
    Sql s;
    s.add(
        " FROM customers cu WHERE cu.org_id = ? AND cu.created_at >= ? AND cu.created_at < ? AND ",
        {org_.value, w.from, w.to});
    return s.add(in_scope("cu.owner_id", "cu.created_at")).add(" AND ").add(in_segment("cu"));
  }

  std::int64_t new_leads(const Period& p) {
    return count(Sql{}.add("SELECT COUNT(*)").add(leads_in(p)));
  }

  MetricValue lead_conversion(const Period& p) {
    Sql s;
    s.add(
         "SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM orders f WHERE "
         "f.customer_id = cu.id AND f.status <> 'cancelled' AND f.ordered_at < ?) THEN 1 ELSE 0 "
         "END), 0)",
         {window(p).to})
        .add(leads_in(p));
    const auto rows = c_.query(s.text, s.params);
    return quotient(static_cast<double>(rows.i64(0, 1)), static_cast<double>(rows.i64(0, 0)));
  }

  // Customers whose first order (earliest ordered_at, then smallest id; cancelled orders are not
  // orders) is in scope and in `p`.
  std::int64_t new_buyers(const Period& p) {
    Sql s;
    s.add("SELECT COUNT(*)")
        .add(orders_in(window(p)))
        .add(
            " AND NOT EXISTS (SELECT 1 FROM orders e WHERE e.customer_id = o.customer_id AND "
            "e.status <> 'cancelled' AND (e.ordered_at < o.ordered_at OR (e.ordered_at = "
            "o.ordered_at AND e.id < o.id)))");
    return count(s);
  }

  // FROM/WHERE of the opportunities in scope and segment that closed in `p` with a status in
  // `statuses`, as `op`.
  Sql closed_in(const Period& p, std::string_view statuses) const {
    const Window w = window(p);
    Sql s;
    s.add(
        " FROM opportunities op JOIN customers cu ON cu.id = op.customer_id WHERE op.org_id = ? "
        "AND op.status IN " +
            std::string(statuses) +
            " AND op.closed_at IS NOT NULL AND op.closed_at >= ? AND op.closed_at < ? AND ",
        {org_.value, w.from, w.to});
    return s.add(in_scope("op.owner_id", "op.closed_at")).add(" AND ").add(in_segment("cu"));
  }

  MetricValue win_rate(const Period& p) {
    Sql s;
    s.add("SELECT COALESCE(SUM(CASE WHEN op.status = 'won' THEN 1 ELSE 0 END), 0), COUNT(*)")
        .add(closed_in(p, "('won', 'lost')"));
    const auto rows = c_.query(s.text, s.params);
    return quotient(static_cast<double>(rows.i64(0, 0)), static_cast<double>(rows.i64(0, 1)));
  }

  // closed_at − created_at in ms of the won opportunities closed in `p`, ascending.
  std::vector<std::int64_t> cycles(const Period& p) {
    Sql s;
    s.add("SELECT op.closed_at - op.created_at").add(closed_in(p, "('won')"));
    const auto rows = c_.query(s.text, s.params);
    std::vector<std::int64_t> ms;
    for (std::size_t r = 0; r < rows.size(); ++r) ms.push_back(rows.i64(r, 0));
    std::sort(ms.begin(), ms.end());
    return ms;
  }

  MetricValue cycle_median(const Period& p) {
    const auto ms = cycles(p);
    if (ms.empty()) return std::monostate{};
    const std::size_t mid = ms.size() / 2;
    if (ms.size() % 2 == 1) return static_cast<double>(ms[mid]) / kMsPerDay;
    return (static_cast<double>(ms[mid - 1]) / kMsPerDay +
            static_cast<double>(ms[mid]) / kMsPerDay) /
           2.0;
  }

  MetricValue cycle_mean(const Period& p) {
    const auto ms = cycles(p);
    if (ms.empty()) return std::monostate{};
    std::int64_t sum = 0;
    for (std::int64_t v : ms) sum += v;
    return static_cast<double>(sum) / static_cast<double>(ms.size()) / kMsPerDay;
  }

  // FROM/WHERE of the activities in scope and segment started in `p`, as `a`.
  Sql activities_in(const Period& p) const {
    const Window w = window(p);
    Sql s;
    s.add(
        " FROM activities a JOIN customers cu ON cu.id = a.customer_id WHERE a.org_id = ? AND "
        "a.started_at >= ? AND a.started_at < ? AND ",
        {org_.value, w.from, w.to});
    return s.add(in_scope("a.user_id", "a.started_at")).add(" AND ").add(in_segment("cu"));
  }

  std::int64_t activities(const Period& p, std::optional<std::string_view> type = std::nullopt) {
    Sql s;
    s.add("SELECT COUNT(*)").add(activities_in(p));
    if (type) s.add(" AND a.type = ?", {std::string(*type)});
    return count(s);
  }

  MetricValue satisfaction(const Period& p) {
    Sql s;
    s.add("SELECT CAST(COALESCE(SUM(a.satisfaction), 0) AS BIGINT), COUNT(*)")
        .add(activities_in(p))
        .add(" AND a.is_revisit = 1 AND a.satisfaction IS NOT NULL");
    const auto rows = c_.query(s.text, s.params);
    return quotient(static_cast<double>(rows.i64(0, 0)), static_cast<double>(rows.i64(0, 1)));
  }

  // Of the customers with an order in scope (and segment) in `before`, the share that also have
  // an order in scope in `now`.
  MetricValue retention(Window before, Window now) {
    Sql s;
    s.add(
         "SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM orders n WHERE "
         "n.customer_id = b.customer_id AND n.org_id = ? AND n.status <> 'cancelled' AND "
         "n.ordered_at >= ? AND n.ordered_at < ? AND ",
         {org_.value, now.from, now.to})
        .add(in_scope("n.owner_id", "n.ordered_at"))
        .add(") THEN 1 ELSE 0 END), 0) FROM (SELECT DISTINCT o.customer_id")
        .add(orders_in(before))
        .add(") b");
    const auto rows = c_.query(s.text, s.params);
    return quotient(static_cast<double>(rows.i64(0, 1)), static_cast<double>(rows.i64(0, 0)));
  }

  // True iff the cost entry `k` counts for the scope (docs/metrics.md, cost entries).
  Sql cost_in_scope() {
    Sql s;
    if (everyone_) return s.add("1 = 1");
    s.add("(1 = 0");
    for (const ScopeRef& ref : q_.scopes) {
      if (ref.kind == ScopeRef::Kind::user) {
        s.add(" OR (k.scope_type = 'user' AND k.scope_id = ?)", {ref.id});
        continue;
      }
      if (ref.kind == ScopeRef::Kind::region) {
        s.add(" OR (k.scope_type = 'region' AND k.scope_id = ?)", {ref.id});
      }
      const std::vector<std::int64_t> teams = teams_of(ref);
      if (teams.empty()) continue;
      s.add(" OR (k.scope_type = 'team' AND k.scope_id IN ").add(in_list(teams)).add(")");
      s.add(
           " OR (k.scope_type = 'user' AND EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = "
           "? AND m.user_id = k.scope_id AND m.valid_from <= k.spent_on AND (m.valid_to IS NULL "
           "OR k.spent_on < m.valid_to) AND m.team_id IN ",
           {org_.value})
          .add(in_list(teams))
          .add("))");
    }
    return s.add(")");
  }

  MetricValue cac(const Period& p) {
    Sql s;
    s.add(
         "SELECT CAST(COALESCE(SUM(k.amount), 0) AS BIGINT) FROM costs k WHERE k.org_id = ? AND "
         "k.spent_on >= ? AND k.spent_on < ? AND ",
         {org_.value, format_date(p.start), format_date(p.end)})
        .add(cost_in_scope());
    const std::int64_t cost = count(s);
    return quotient(static_cast<double>(cost), static_cast<double>(new_buyers(p)));
  }

  // W = the twelve months that end where `p` ends, W' the twelve before.
  MetricValue clv(const Period& p) {
    const LocalDate w_start = months_before(p.end, 12);
    const Window w{midnight(w_start), midnight(p.end)};
    const Window w_before{midnight(months_before(w_start, 12)), w.from};
    Sql s;
    s.add("SELECT CAST(COALESCE(SUM(o.total), 0) AS BIGINT), COUNT(DISTINCT o.customer_id)")
        .add(orders_in(w));
    const auto rows = c_.query(s.text, s.params);
    const std::int64_t amount = rows.i64(0, 0), customers = rows.i64(0, 1);
    const MetricValue kept = retention(w_before, w);
    if (customers == 0 || !std::holds_alternative<double>(kept)) return std::monostate{};
    const double r = std::get<double>(kept);
    if (r == 1.0) return std::monostate{};
    return static_cast<double>(amount) / static_cast<double>(customers) *
           (settings_.gross_margin_bp / 10000.0) / (1.0 - r);
  }

  // As of the last day of `p`: what the orders in scope ordered before its end still owe.
  Receivables receivables(const Period& p) {
    const std::int64_t cutoff = midnight(p.end);
    const LocalDate as_of = p.end - days(1);
    Sql s;
    s.add(
         "SELECT CAST(o.total - COALESCE((SELECT SUM(pay.amount) FROM payments pay WHERE "
         "pay.order_id = o.id AND pay.received_at < ?), 0) AS BIGINT), o.due_date FROM orders o "
         "JOIN customers cu ON cu.id = o.customer_id WHERE o.org_id = ? AND o.status <> "
         "'cancelled' AND o.ordered_at < ? AND ",
         {cutoff, org_.value, cutoff})
        .add(in_scope("o.owner_id", "o.ordered_at"))
        .add(" AND ")
        .add(in_segment("cu"));
    const auto rows = c_.query(s.text, s.params);
    Receivables out;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const Fen owed{rows.i64(r, 0)};
      if (owed <= Fen{0}) continue;
      ++out.orders;
      const auto due_text = rows.opt_str(r, 1);
      const auto due = due_text ? parse_date(*due_text) : std::nullopt;
      if (due) {
        out.aging.add(owed, *due, as_of);
      } else {
        out.aging.d0_30 += owed;
      }
    }
    return out;
  }

  MetricValue stage_conversion(const Period& p) {
    const auto pipeline =
        q_.pipeline_id
            ? c_.query("SELECT id FROM pipelines WHERE org_id = ? AND id = ?",
                       {org_.value, *q_.pipeline_id})
            : c_.query(
                  "SELECT id FROM pipelines WHERE org_id = ? AND is_default = 1 ORDER BY id "
                  "LIMIT 1",
                  {org_.value});
    if (pipeline.empty()) return std::monostate{};
    const std::int64_t pipeline_id = pipeline.i64(0, 0);
    const auto stages = c_.query(
        "SELECT id, name, position FROM pipeline_stages WHERE pipeline_id = ? AND kind <> 'lost' "
        "ORDER BY position, id",
        {pipeline_id});
    const Window w = window(p);
    std::vector<StageReach> out;
    for (std::size_t r = 0; r < stages.size(); ++r) {
      StageReach reach;
      reach.stage_id = stages.i64(r, 0);
      reach.name = stages.str(r, 1);
      Sql s;
      s.add(
           "SELECT COUNT(*) FROM opportunities op JOIN customers cu ON cu.id = op.customer_id "
           "WHERE op.org_id = ? AND op.pipeline_id = ? AND op.created_at >= ? AND op.created_at "
           "< ? AND EXISTS (SELECT 1 FROM opportunity_stage_history h JOIN pipeline_stages ps ON "
           "ps.id = h.stage_id WHERE h.opportunity_id = op.id AND ps.pipeline_id = ? AND ps.kind "
           "<> 'lost' AND ps.position >= ?) AND ",
           {org_.value, pipeline_id, w.from, w.to, pipeline_id, stages.i64(r, 2)})
          .add(in_scope("op.owner_id", "op.created_at"))
          .add(" AND ")
          .add(in_segment("cu"));
      reach.reached = count(s);
      if (!out.empty() && out.back().reached != 0) {
        reach.conversion =
            static_cast<double>(reach.reached) / static_cast<double>(out.back().reached);
      }
      out.push_back(std::move(reach));
    }
    return out;
  }

  store::Connection& c_;
  OrgId org_;
  const MetricSettings& settings_;
  const MetricQuery& q_;
  const date::time_zone* tz_;
  bool everyone_ = false;
  std::vector<Span> spans_;
};

MetricValue Reference::value(Metric m, const Period& p) {
  // Segments that do not apply (docs/metrics.md, Segments) have no value.
  if (q_.segment) {
    if (m == Metric::cac || m == Metric::clv) return std::monostate{};
    if (q_.segment->dim == SegmentDim::product && m != Metric::orders_amount &&
        m != Metric::orders_count) {
      return std::monostate{};
    }
  }
  switch (m) {
    case Metric::orders_amount:
      return orders(p).first;
    case Metric::orders_count:
      return orders(p).second;
    case Metric::aov: {
      const auto [amount, n] = orders(p);
      return quotient(static_cast<double>(amount), static_cast<double>(n));
    }
    case Metric::payments_amount:
      return payments_amount(p);
    case Metric::new_leads:
      return new_leads(p);
    case Metric::new_buyers:
      return new_buyers(p);
    case Metric::lead_conversion:
      return lead_conversion(p);
    case Metric::win_rate:
      return win_rate(p);
    case Metric::stage_conversion:
      return stage_conversion(p);
    case Metric::sales_cycle_days:
      return cycle_median(p);
    case Metric::sales_cycle_days_mean:
      return cycle_mean(p);
    case Metric::activities:
      return activities(p);
    case Metric::visits:
      return activities(p, "visit");
    case Metric::calls:
      return activities(p, "call");
    case Metric::emails:
      return activities(p, "email");
    case Metric::meetings:
      return activities(p, "meeting");
    case Metric::activities_per_day:
      return quotient(static_cast<double>(activities(p)),
                      working_days(p.start, p.end, settings_.holidays));
    case Metric::satisfaction:
      return satisfaction(p);
    case Metric::retention:
      return retention(window(previous_period(p, settings_.fiscal_start_month)), window(p));
    case Metric::cac:
      return cac(p);
    case Metric::clv:
      return clv(p);
    case Metric::receivables:
      return receivables(p);
  }
  return std::monostate{};
}

}  // namespace

MetricValue metric_by_sql(store::Connection& c, OrgId org, const MetricSettings& settings, Metric m,
                          const MetricQuery& q, const Period& period) {
  return Reference(c, org, settings, q).value(m, period);
}

MetricAnswer answer_metric_by_sql(const service::Context& ctx, OrgId org, const MetricQuery& q) {
  auto conn = ctx.db.acquire();
  const MetricSettings settings = store::read_metric_settings(*conn, org);
  const TargetFn target = service::target_fn(ctx, org, q);
  store::Transaction tx(*conn, false);
  return answer(
      q, settings,
      [&](Metric m, const Period& p) { return metric_by_sql(*conn, org, settings, m, q, p); },
      target);
}

MetricAnswer answer_metric(const service::Context& ctx, OrgId org, const MetricQuery& q,
                           MetricSource source) {
  return source == MetricSource::sql ? answer_metric_by_sql(ctx, org, q)
                                     : service::answer_metric(ctx, org, q);
}

}  // namespace fupan::testkit
