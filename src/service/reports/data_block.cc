#include "service/reports/data_block.h"

#include <boost/json/parse.hpp>
#include <map>
#include <set>

#include "core/json_writer.h"
#include "domain/attainment.h"
#include "domain/compare_to_date.h"
#include "domain/scope_people.h"
#include "service/goals/goal_actuals.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

constexpr std::size_t kMaxLines = 20;  // per list: a team's roll-up names its largest

// "(?, ?, …)": an IN list of `n` placeholders.
std::string in_list(std::size_t n) {
  return "(" + store::placeholders(n) + ")";
}

std::optional<double> attainment(std::int64_t actual, const std::optional<double>& target) {
  if (!target || *target == 0) return std::nullopt;
  return static_cast<double>(actual) / *target;
}

// Days of [from, to) as the org counts a period to date: calendar days, or working days.
int days_between(LocalDate from, LocalDate to, ElapsedBasis basis,
                 const std::vector<LocalDate>& holidays) {
  if (!(from < to)) return 0;
  if (basis == ElapsedBasis::working_days) return working_days(from, to, holidays);
  return static_cast<int>((to - from).count());
}

void write_figure(JsonWriter& w, const KpiFigure& f) {
  w.field("actual", f.actual);
  w.key("target");
  f.target ? w.value(*f.target) : w.null();
  w.key("attainment");
  f.attainment ? w.value(*f.attainment) : w.null();
}

void write_lines(JsonWriter& w, std::string_view name, const std::vector<OpportunityLine>& lines,
                 bool closed, bool lost) {
  w.key(name).begin_array();
  for (const OpportunityLine& l : lines) {
    w.begin_object();
    w.field("id", l.id);
    w.field("name", l.name);
    w.field("customer", l.customer);
    if (!closed) w.field("stage", l.stage);
    if (closed) {
      w.field("amount", l.amount);
      w.key("closed_on");
      l.closed_on ? w.value(format_date(*l.closed_on)) : w.null();
    }
    if (lost) {
      w.field("reason", l.reason);
      w.field("competitor", l.competitor);
    }
    w.end_object();
  }
  w.end_array();
}

}  // namespace

const std::vector<std::string>& data_block_metrics() {
  static const std::vector<std::string> metrics = {"orders_amount", "payments_amount", "new_buyers",
                                                   "new_leads",     "activities",      "visits",
                                                   "calls"};
  return metrics;
}

DataBlock assemble_data_block(const Context& ctx, const Actor& actor, const ScopeRef& scope,
                              const Period& period, LocalDate as_of) {
  DataBlock b;
  b.period = period;
  const OrgSnapshot& org = *actor.snapshot;
  const LocalDate last = period.end - std::chrono::days{1};
  as_of = std::min(as_of, last);
  b.as_of = as_of;
  const Period month = period_containing(PeriodKind::month, last);
  const LocalDate mtd_from = month.start;
  const LocalDate mtd_to = period.end;  // the month to the period's end

  // KPIs: the period and the month to date, one read of the analytics index.
  std::vector<ActualAsk> asks;
  for (const std::string& m : data_block_metrics()) {
    asks.push_back({m, scope, period.start, period.end});
    asks.push_back({m, scope, mtd_from, mtd_to});
  }
  const std::vector<std::int64_t> actuals = goal_actuals(ctx, actor, asks);

  const std::vector<LocalDate> holidays = org_holidays(ctx, actor.org);
  auto conn = ctx.db.acquire();  // the one lease of the assembly (no other taken while held)
  // Targets as the metrics read target:M: the period's own or its share of an enclosing one.
  // The scope's targets overlapping the month and the period, one read for every metric: a target
  // that encloses either overlaps it.
  std::map<std::string, std::vector<TargetPeriod>> targets_by_metric;
  {
    store::TargetQuery q;
    q.scope = scope;
    q.from = std::min(period.start, month.start);
    q.to = std::max(period.end, month.end);
    for (const goals::Target& t : store::list_targets(*conn, actor.org, q)) {
      targets_by_metric[t.metric].push_back({t.period.start, t.period.end, t.value});
    }
  }
  auto target_of = [&](const std::vector<TargetPeriod>& targets, const std::string& metric,
                       const Period& p) -> std::optional<double> {
    if (metric == "orders_amount" || metric == "payments_amount") {
      const auto fen = money_target_for(targets, p, holidays);
      if (!fen) return std::nullopt;
      return static_cast<double>(fen->value());
    }
    return target_for(targets, p, holidays);
  };

  // The month's pace to the earlier of the period's end and the day after `as_of`, counted as the
  // org compares a period to date.
  const ElapsedBasis basis =
      parse_elapsed_basis(org.org().compare_basis).value_or(ElapsedBasis::calendar_days);
  const LocalDate pace_to = std::min(mtd_to, as_of + std::chrono::days{1});
  const int month_days = days_between(month.start, month.end, basis, holidays);
  const int month_elapsed = days_between(month.start, pace_to, basis, holidays);
  for (std::size_t i = 0; i < data_block_metrics().size(); ++i) {
    Kpi k;
    k.metric = data_block_metrics()[i];
    k.money = k.metric == "orders_amount" || k.metric == "payments_amount";
    k.period.actual = actuals[2 * i];
    const std::vector<TargetPeriod>& targets = targets_by_metric[k.metric];
    k.period.target = target_of(targets, k.metric, period);
    k.period.attainment = attainment(k.period.actual, k.period.target);
    k.month = month;
    k.month.start = mtd_from;
    k.month.end = mtd_to;
    k.month_to_date.actual = actuals[2 * i + 1];
    k.month_to_date.target = target_of(targets, k.metric, month);
    k.month_to_date.attainment = attainment(k.month_to_date.actual, k.month_to_date.target);
    if (k.month_to_date.target && month_days > 0) {
      k.month_expected = static_cast<double>(*k.month_to_date.target) * month_elapsed / month_days;
    }
    b.kpis.push_back(std::move(k));
  }

  // Opportunities of the period, from the store.
  const std::vector<std::int64_t> people = people_of(org, scope, period);
  if (people.empty()) return b;
  const auto* zone = zone_of(org.org().timezone);
  const std::int64_t from_ms = to_ms(start_of(period.start, zone));
  const std::int64_t to_ms_ = to_ms(start_of(period.end, zone));
  auto params = [&](std::initializer_list<store::Value> head,
                    std::initializer_list<store::Value> tail) {
    std::vector<store::Value> out(head);
    for (auto id : people) out.emplace_back(id);
    out.insert(out.end(), tail);
    return out;
  };
  const std::string owners = in_list(people.size());

  auto created = conn->query(
      "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM opportunities WHERE org_id = ? AND "
      "owner_id IN " +
          owners + " AND created_at >= ? AND created_at < ?",
      params({actor.org.value}, {from_ms, to_ms_}));
  b.created_count = created.i64(0, 0);
  b.created_amount = created.i64(0, 1);

  auto closed = conn->query(
      "SELECT o.id, o.name, c.name, o.amount, o.status, o.closed_at, o.lost_reason, "
      "o.competitor FROM opportunities o JOIN customers c ON c.id = o.customer_id WHERE "
      "o.org_id = ? AND o.owner_id IN " +
          owners +
          " AND o.closed_at >= ? AND o.closed_at < ? "
          "AND o.status IN ('won', 'lost') ORDER BY o.amount DESC, o.id",
      params({actor.org.value}, {from_ms, to_ms_}));
  for (std::size_t i = 0; i < closed.size(); ++i) {
    OpportunityLine l;
    l.id = closed.i64(i, 0);
    l.name = closed.str(i, 1);
    l.customer = closed.str(i, 2);
    l.amount = closed.i64(i, 3);
    l.closed_on = local_date(instant_from_ms(closed.i64(i, 5)), zone);
    l.reason = closed.opt_str(i, 6).value_or("");
    l.competitor = closed.opt_str(i, 7).value_or("");
    const bool won = closed.str(i, 4) == "won";
    (won ? b.won_amount : b.lost_amount) += l.amount;
    auto& list = won ? b.won : b.lost;
    if (list.size() < kMaxLines) list.push_back(std::move(l));
  }
  b.pipeline_change = b.created_amount - b.won_amount - b.lost_amount;

  // Advanced: an open stage entered in the period by the people, after the opportunity's start;
  // each opportunity once, at the last stage it entered.
  auto advanced = conn->query(
      "SELECT h.opportunity_id, o.name, c.name, s.name, h.entered_at FROM "
      "opportunity_stage_history h JOIN opportunities o ON o.id = h.opportunity_id JOIN "
      "pipeline_stages s ON s.id = h.stage_id JOIN customers c ON c.id = o.customer_id WHERE "
      "h.org_id = ? AND h.user_id IN " +
          owners +
          " AND h.entered_at >= ? AND h.entered_at < ? "
          "AND h.entered_at > o.created_at AND s.kind = 'open' ORDER BY h.entered_at DESC, h.id "
          "DESC",
      params({actor.org.value}, {from_ms, to_ms_}));
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < advanced.size() && b.advanced.size() < kMaxLines; ++i) {
    if (!seen.insert(advanced.i64(i, 0)).second) continue;
    OpportunityLine l;
    l.id = advanced.i64(i, 0);
    l.name = advanced.str(i, 1);
    l.customer = advanced.str(i, 2);
    l.stage = advanced.str(i, 3);
    b.advanced.push_back(std::move(l));
  }

  // Overdue follow-ups on `as_of`: a next follow-up day before it (YYYY-MM-DD text compares as a
  // date).
  auto overdue = conn->query(
      "SELECT COUNT(*) FROM customers WHERE org_id = ? AND owner_id IN " + owners +
          " AND next_follow_up IS NOT NULL AND next_follow_up <> '' AND next_follow_up < ?",
      params({actor.org.value}, {format_date(as_of)}));
  b.overdue_follow_ups = overdue.i64(0, 0);
  b.action_items = open_action_items_of(*conn, actor.org, people);
  for (auto& line : b.action_items) {
    if (const UserRecord* u = org.user(line.item.owner)) line.owner_name = u->display_name;
  }
  return b;
}

std::string data_block_json(const DataBlock& b) {
  JsonWriter w;
  w.begin_object();
  w.field("period", b.period.label);
  w.field("from", format_date(b.period.start));
  w.field("to", format_date(b.period.end - std::chrono::days{1}));
  w.field("as_of", format_date(b.as_of));
  w.key("kpis").begin_array();
  for (const Kpi& k : b.kpis) {
    w.begin_object();
    w.field("metric", k.metric);
    w.field("unit", k.money ? "fen" : "count");
    write_figure(w, k.period);
    w.key("mtd").begin_object();
    w.field("period", k.month.label);
    w.field("from", format_date(k.month.start));
    w.field("to", format_date(k.month.end - std::chrono::days{1}));
    write_figure(w, k.month_to_date);
    w.key("expected");
    k.month_expected ? w.value(*k.month_expected) : w.null();
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("opportunities").begin_object();
  w.field("created_count", b.created_count);
  w.field("created_amount", b.created_amount);
  write_lines(w, "advanced", b.advanced, false, false);
  write_lines(w, "won", b.won, true, false);
  write_lines(w, "lost", b.lost, true, true);
  w.field("won_amount", b.won_amount);
  w.field("lost_amount", b.lost_amount);
  w.field("pipeline_change", b.pipeline_change);
  w.end_object();
  w.field("overdue_follow_ups", b.overdue_follow_ups);
  w.key("action_items").begin_array();
  for (const auto& line : b.action_items) {
    const auto& a = line.item;
    w.begin_object();
    w.field("id", a.id);
    w.field("title", a.title);
    w.field("owner_id", a.owner.value);
    w.field("owner", line.owner_name);
    w.field("due_date", format_date(a.due));
    w.field("overdue", reviews::is_overdue(a, b.as_of));
    w.key("metric");
    a.metric ? w.value(*a.metric) : w.null();
    w.field("review_id", a.review_id);
    w.field("review_title", line.review_title);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

bool facts_differ(std::string_view a_json, std::string_view b_json) {
  boost::system::error_code ea, eb;
  auto a = boost::json::parse(a_json, ea);
  auto b = boost::json::parse(b_json, eb);
  if (ea || eb || !a.is_object() || !b.is_object()) return a_json != b_json;
  for (const char* key : {"kpis", "opportunities"}) {
    const auto* x = a.as_object().if_contains(key);
    const auto* y = b.as_object().if_contains(key);
    if (!x || !y || *x != *y) return true;
  }
  return false;
}

std::optional<LocalDate> data_block_as_of(std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto* d = v.as_object().if_contains("as_of");
  if (!d || !d->is_string()) return std::nullopt;
  return parse_date(d->as_string());
}

}  // namespace fupan::service
