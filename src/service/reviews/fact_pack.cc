#include "service/reviews/fact_pack.h"

#include <boost/json/parse.hpp>
#include <set>

#include "core/json_writer.h"
#include "domain/metric.h"
#include "domain/reviews/action_item.h"
#include "domain/scope_people.h"
#include "service/analytics/analysis_service.h"
#include "service/analytics/metric_json.h"
#include "service/analytics/metrics_service.h"
#include "service/goals/goal_actuals.h"
#include "store/review_store.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

// The four figures a review's trend follows (SPEC §5): sales, payments, new customers, activity.
const std::vector<std::string> kTrendMetrics = {"orders_amount", "payments_amount", "new_buyers",
                                                "activities"};
constexpr int kLargestDeals = 10;

void write_optional(JsonWriter& w, const std::optional<double>& v) {
  v ? w.value(*v) : w.null();
}

std::optional<double> number_of(const Context& ctx, const Actor& actor, const std::string& metric,
                                const ScopeRef& scope, const std::string& period) {
  auto a = ask_metric(ctx, actor, {metric, scope.text(), period, {}, {}, {}, {}});
  if (!a.ok()) return std::nullopt;
  return as_number(a->second.value);
}

std::optional<double> per(double a, double b) {
  if (b == 0) return std::nullopt;
  return a / b;
}

// targets: every metric the scope has a target for in the period, its target for the period
// (target:M, prorated as the metrics prorate it) against the actual, the gap, and the pace the
// whole target needed per working day from the first day.
void write_targets(JsonWriter& w, const Context& ctx, const Actor& actor, const ScopeRef& scope,
                   const Period& period) {
  std::set<std::string> metrics;
  {
    store::TargetQuery q;
    q.scope = scope;
    q.from = period.start;
    q.to = period.end;
    for (const auto& t : store::list_targets(*ctx.db.acquire(), actor.org, q)) {
      metrics.insert(t.metric);
    }
  }
  const int days = working_days(period.start, period.end, org_holidays(ctx, actor.org));
  w.key("targets").begin_array();
  for (const auto& m : metrics) {
    const auto target = number_of(ctx, actor, "target:" + m, scope, period.label);
    const auto actual = number_of(ctx, actor, m, scope, period.label);
    w.begin_object();
    w.field("metric", m);
    w.key("target");
    write_optional(w, target);
    w.key("actual");
    write_optional(w, actual);
    w.key("attainment");
    write_optional(w, target && actual ? per(*actual, *target) : std::nullopt);
    w.key("gap");
    write_optional(w, target && actual ? std::optional<double>(*target - *actual) : std::nullopt);
    w.field("working_days", days);
    w.key("daily_needed");
    write_optional(w, target ? per(*target, days) : std::nullopt);
    w.end_object();
  }
  w.end_array();
}

void write_trend(JsonWriter& w, const Context& ctx, const Actor& actor, const ScopeRef& scope,
                 const Period& period) {
  w.key("trend").begin_array();
  auto batch = ask_metric_batch(ctx, actor, kTrendMetrics, {scope.text()}, period.label);
  if (batch.ok()) {
    for (const auto& [q, a] : *batch) {
      w.begin_object();
      w.field("metric", q.metric.text());
      w.field("previous_period", a.previous_period.label);
      w.field("yoy_period", a.yoy_period.label);
      write_answer_members(w, a);
      write_comparison_members(w, a);
      w.key("growth");
      write_metric_value(w, growth_of(a.value, a.previous));
      w.key("yoy_growth");
      write_metric_value(w, growth_of(a.value, a.yoy));
      w.end_object();
    }
  }
  w.end_array();
}

void write_funnel(JsonWriter& w, const Context& ctx, const Actor& actor, const ScopeRef& scope,
                  const Period& period) {
  w.key("funnel");
  auto f = funnel_analysis(ctx, actor, {"", scope.text(), period.label, {}, {}, {}, {}});
  if (!f.ok()) {
    w.null();
    return;
  }
  w.begin_object();
  w.key("stages").begin_array();
  for (std::size_t i = 0; i < f->stages.size(); ++i) {
    const auto& s = f->stages[i];
    w.begin_object();
    w.field("stage_id", s.stage_id);
    w.field("name", s.name);
    w.field("reached", s.reached);
    w.key("conversion");
    write_optional(w, s.conversion);
    w.key("benchmark");
    write_optional(w, i < f->benchmark.size() ? f->benchmark[i] : std::nullopt);
    w.key("median_days");
    write_optional(w, s.median_days);
    w.end_object();
  }
  w.end_array();
  w.key("bottleneck_stage_id");
  f->bottleneck_stage_id ? w.value(*f->bottleneck_stage_id) : w.null();
  w.field("benchmark_period", f->benchmark_period.label);
  w.end_object();
}

// The deals closed in the period by the scope's people: what was won and lost, the largest of
// each with their cycles, lost reasons by amount, and the win rate against each competitor.
void write_wins_losses(JsonWriter& w, const Context& ctx, const Actor& actor, const ScopeRef& scope,
                       const Period& period) {
  const OrgSnapshot& org = *actor.snapshot;
  const auto* zone = zone_of(org.org().timezone);
  const std::vector<std::int64_t> people = people_of(org, scope, period);
  std::string owners = " AND o.owner_id IN (" + store::placeholders(people.size()) + ")";
  if (scope.kind == ScopeRef::Kind::org) owners.clear();
  std::vector<store::Value> params{actor.org.value, to_ms(start_of(period.start, zone)),
                                   to_ms(start_of(period.end, zone))};
  if (!owners.empty()) {
    for (auto id : people) params.emplace_back(id);
  }
  const std::string where =
      " FROM opportunities o WHERE o.org_id = ? AND o.closed_at >= ? AND "
      "o.closed_at < ? AND o.status IN ('won', 'lost')" +
      owners;
  auto conn = ctx.db.acquire();
  w.key("wins_losses").begin_object();
  if (people.empty()) {
    w.end_object();
    return;
  }
  auto totals = conn->query(
      "SELECT o.status, COUNT(*), COALESCE(SUM(o.amount), 0)" + where + " GROUP BY o.status",
      params);
  std::int64_t counts[2] = {0, 0}, amounts[2] = {0, 0};
  for (std::size_t i = 0; i < totals.size(); ++i) {
    const int at = totals.str(i, 0) == "won" ? 0 : 1;
    counts[at] = totals.i64(i, 1);
    amounts[at] = totals.i64(i, 2);
  }
  w.field("won_count", counts[0]);
  w.field("won_amount", amounts[0]);
  w.field("lost_count", counts[1]);
  w.field("lost_amount", amounts[1]);
  w.key("win_rate");
  write_optional(w, number_of(ctx, actor, "win_rate", scope, period.label));
  for (const char* status : {"won", "lost"}) {
    auto rows = conn->query(
        "SELECT o.id, o.name, cu.name, o.owner_id, o.amount, o.created_at, o.closed_at, "
        "o.lost_reason, o.competitor FROM opportunities o JOIN customers cu ON cu.id = "
        "o.customer_id WHERE o.org_id = ? AND o.closed_at >= ? AND o.closed_at < ? AND "
        "o.status = '" +
            std::string(status) + "'" + owners + " ORDER BY o.amount DESC, o.id LIMIT " +
            std::to_string(kLargestDeals),
        params);
    w.key(std::string("largest_") + status).begin_array();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const LocalDate created = local_date(instant_from_ms(rows.i64(i, 5)), zone);
      const LocalDate closed = local_date(instant_from_ms(rows.i64(i, 6)), zone);
      const UserRecord* owner = org.user(UserId{rows.i64(i, 3)});
      w.begin_object();
      w.field("id", rows.i64(i, 0));
      w.field("name", rows.str(i, 1));
      w.field("customer", rows.str(i, 2));
      w.field("owner_id", rows.i64(i, 3));
      w.field("owner", owner ? owner->display_name : "");
      w.field("amount", rows.i64(i, 4));
      w.field("closed_on", format_date(closed));
      w.field("cycle_days", static_cast<std::int64_t>((closed - created).count()));
      w.field("lost_reason", rows.opt_str(i, 7).value_or(""));
      w.field("competitor", rows.opt_str(i, 8).value_or(""));
      w.end_object();
    }
    w.end_array();
  }
  auto reasons = conn->query("SELECT COALESCE(o.lost_reason, ''), COUNT(*), SUM(o.amount)" + where +
                                 " AND o.status = 'lost' GROUP BY COALESCE(o.lost_reason, "
                                 "'') ORDER BY SUM(o.amount) DESC, COUNT(*) DESC",
                             params);
  w.key("lost_reasons").begin_array();
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    w.begin_object();
    w.field("reason", reasons.str(i, 0));
    w.field("count", reasons.i64(i, 1));
    w.field("amount", reasons.i64(i, 2));
    w.end_object();
  }
  w.end_array();
  auto rivals = conn->query(
      "SELECT o.competitor, SUM(CASE WHEN o.status = 'won' THEN 1 ELSE 0 END), SUM(CASE WHEN "
      "o.status = 'lost' THEN 1 ELSE 0 END), SUM(o.amount)" +
          where +
          " AND o.competitor IS NOT NULL AND o.competitor <> '' GROUP BY o.competitor ORDER BY "
          "SUM(o.amount) DESC, o.competitor",
      params);
  w.key("competitors").begin_array();
  for (std::size_t i = 0; i < rivals.size(); ++i) {
    const auto won = rivals.i64(i, 1), lost = rivals.i64(i, 2);
    w.begin_object();
    w.field("competitor", rivals.str(i, 0));
    w.field("won", won);
    w.field("lost", lost);
    w.key("win_rate");
    write_optional(w, per(static_cast<double>(won), static_cast<double>(won + lost)));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// Per rep: activities and visits (the metrics' figures), the deals they won and the opportunities
// they opened in the period, activities per won deal, visits per opportunity opened.
void write_efficiency(JsonWriter& w, const Context& ctx, const Actor& actor, const ScopeRef& scope,
                      const Period& period) {
  const OrgSnapshot& org = *actor.snapshot;
  std::map<std::int64_t, std::pair<double, double>> by_user;  // activities, visits
  auto figures = [&](const std::string& metric, bool visits) {
    if (scope.kind == ScopeRef::Kind::user) {
      auto v = number_of(ctx, actor, metric, scope, period.label);
      auto& f = by_user[scope.id];
      (visits ? f.second : f.first) = v.value_or(0);
      return;
    }
    auto rows =
        breakdown_metric(ctx, actor, {metric, scope.text(), period.label, {}, {}, {}, {}}, "user");
    if (!rows.ok()) return;
    for (const auto& r : *rows) {
      if (!r.key.starts_with("user:")) continue;
      auto& f = by_user[std::stoll(r.key.substr(5))];
      (visits ? f.second : f.first) = as_number(r.answer.value).value_or(0);
    }
  };
  figures("activities", false);
  figures("visits", true);
  const auto* zone = zone_of(org.org().timezone);
  const std::vector<std::int64_t> people = people_of(org, scope, period);
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> deals;  // won, created
  if (!people.empty()) {
    const std::int64_t from = to_ms(start_of(period.start, zone));
    const std::int64_t to = to_ms(start_of(period.end, zone));
    std::vector<store::Value> params{from, to, from, to, actor.org.value, from, to, from, to};
    std::string owners;
    if (scope.kind != ScopeRef::Kind::org) {
      owners = " AND owner_id IN (" + store::placeholders(people.size()) + ")";
      for (auto id : people) params.emplace_back(id);
    }
    auto rows = ctx.db.acquire()->query(
        "SELECT owner_id, SUM(CASE WHEN status = 'won' AND closed_at >= ? AND closed_at < ? THEN "
        "1 ELSE 0 END), SUM(CASE WHEN created_at >= ? AND created_at < ? THEN 1 ELSE 0 END) FROM "
        "opportunities WHERE org_id = ? AND ((closed_at >= ? AND closed_at < ?) OR (created_at >= "
        "? AND created_at < ?))" +
            owners + " GROUP BY owner_id",
        params);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      deals[rows.i64(i, 0)] = {rows.i64(i, 1), rows.i64(i, 2)};
    }
  }
  w.key("efficiency").begin_array();
  for (const auto& [user, f] : by_user) {
    const UserRecord* u = org.user(UserId{user});
    if (!u) continue;
    const auto [won, created] = deals[user];
    w.begin_object();
    w.field("user_id", user);
    w.field("name", u->display_name);
    w.field("activities", f.first);
    w.field("visits", f.second);
    w.field("won", won);
    w.field("created", created);
    w.key("activities_per_won");
    write_optional(w, per(f.first, static_cast<double>(won)));
    w.key("visits_per_opportunity");
    write_optional(w, per(f.second, static_cast<double>(created)));
    w.end_object();
  }
  w.end_array();
}

void write_customers(JsonWriter& w, const Context& ctx, const Actor& actor, const ScopeRef& scope,
                     const Period& period) {
  w.key("customers").begin_object();
  for (const char* m : {"new_buyers", "cac", "clv", "satisfaction"}) {
    w.key(m);
    write_optional(w, number_of(ctx, actor, m, scope, period.label));
  }
  w.end_object();
}

void write_quadrant(JsonWriter& w, const Context& ctx, const Actor& actor, const ScopeRef& scope,
                    const Period& period) {
  w.key("quadrant");
  if (scope.kind == ScopeRef::Kind::user) {
    w.null();
    return;
  }
  auto q = quadrant_analysis(
      ctx, actor, {"orders_amount", scope.text(), period.label, {}, {}, {}, {}}, "child");
  if (!q.ok()) {
    w.null();
    return;
  }
  w.begin_object();
  w.key("split").begin_object();
  w.field("sales", q->split.sales);
  w.field("growth", q->split.growth);
  w.end_object();
  w.key("points").begin_array();
  for (const auto& p : q->points) {
    w.begin_object();
    w.field("key", p.key);
    w.field("label", p.label);
    w.field("sales", p.sales);
    w.key("growth");
    write_optional(w, p.growth);
    w.key("quadrant");
    p.quadrant ? w.value(quadrant_name(*p.quadrant)) : w.null();
    w.key("action");
    p.quadrant ? w.value(quadrant_action(*p.quadrant, false)) : w.null();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// PDCA's check: the previous review of the scope, its action items done, open and overdue, and
// whether the metric each named moved from that review's period to this one.
void write_pdca(JsonWriter& w, const Context& ctx, const Actor& actor, const ScopeRef& scope,
                const Period& period, std::int64_t review_id) {
  std::optional<reviews::Review> last;
  std::vector<reviews::ActionItem> items;
  {
    auto c = ctx.db.acquire();
    last = store::previous_review(*c, actor.org, scope, period.start, review_id);
    if (last) items = store::list_review_action_items(*c, actor.org, last->id);
  }
  w.key("pdca").begin_object();
  w.key("review");
  if (!last) {
    w.null();
    w.end_object();
    return;
  }
  w.begin_object();
  w.field("id", last->id);
  w.field("title", last->title);
  w.field("period", last->period.label);
  w.end_object();
  const auto t = reviews::tally(items, actor.today);
  w.field("done", t.done);
  w.field("open", t.open);
  w.field("overdue", t.overdue);
  w.key("items").begin_array();
  for (const auto& a : items) {
    const UserRecord* owner = actor.snapshot->user(a.owner);
    w.begin_object();
    w.field("id", a.id);
    w.field("title", a.title);
    w.field("owner_id", a.owner.value);
    w.field("owner", owner ? owner->display_name : "");
    w.field("due_date", format_date(a.due));
    w.field("status", reviews::is_overdue(a, actor.today) ? std::string_view("overdue")
                                                          : reviews::action_status_name(a.status));
    w.key("metric");
    a.metric ? w.value(*a.metric) : w.null();
    std::optional<double> before, after;
    if (a.metric) {
      before = number_of(ctx, actor, *a.metric, scope, last->period.label);
      after = number_of(ctx, actor, *a.metric, scope, period.label);
    }
    w.key("before");
    write_optional(w, before);
    w.key("after");
    write_optional(w, after);
    w.field("movement", a.metric ? reviews::movement(before, after) : "unknown");
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string assemble_fact_pack(const Context& ctx, const Actor& actor, const ScopeRef& scope,
                               const Period& period, std::int64_t review_id) {
  JsonWriter w;
  w.begin_object();
  w.field("scope", scope.text());
  w.field("period", period.label);
  w.field("from", format_date(period.start));
  w.field("to", format_date(period.end - std::chrono::days{1}));
  w.field("as_of", format_date(actor.today));
  write_targets(w, ctx, actor, scope, period);
  write_trend(w, ctx, actor, scope, period);
  write_funnel(w, ctx, actor, scope, period);
  write_wins_losses(w, ctx, actor, scope, period);
  write_efficiency(w, ctx, actor, scope, period);
  write_customers(w, ctx, actor, scope, period);
  write_quadrant(w, ctx, actor, scope, period);
  write_pdca(w, ctx, actor, scope, period, review_id);
  w.end_object();
  return std::move(w).str();
}

std::optional<LocalDate> fact_pack_as_of(const std::string& json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto* d = v.as_object().if_contains("as_of");
  if (!d || !d->is_string()) return std::nullopt;
  return parse_date(d->as_string());
}

bool fact_packs_differ(const std::string& a_json, const std::string& b_json) {
  boost::system::error_code ea, eb;
  auto a = boost::json::parse(a_json, ea);
  auto b = boost::json::parse(b_json, eb);
  if (ea || eb || !a.is_object() || !b.is_object()) return a_json != b_json;
  for (const char* key :
       {"targets", "trend", "funnel", "wins_losses", "efficiency", "customers", "quadrant"}) {
    const auto* x = a.as_object().if_contains(key);
    const auto* y = b.as_object().if_contains(key);
    if (!x || !y || *x != *y) return true;
  }
  return false;
}

}  // namespace fupan::service
