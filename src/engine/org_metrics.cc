// OrgIndex::base: each metric of docs/metrics.md from the rollups when it is additive and not
// segmented, else by scanning the scope's users' day-ordered lists over the period.
#include <algorithm>
#include <charconv>

#include "engine/org_index.h"

namespace fupan::engine {
namespace {

Day day_of(LocalDate d) {
  return DayClock::day_number(d);
}

// The period's days [from, to) as day numbers.
std::pair<Day, Day> days_of(const Period& p) {
  return {day_of(p.start), day_of(p.end)};
}

std::optional<double> median_of(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

std::int64_t OrgIndex::rollup(Series s, const ResolvedScope& scope, const Period& p) const {
  const auto [from, to] = days_of(p);
  std::int64_t total = 0;
  for (const auto& m : scope.members) {
    for (const auto& [a, b] : m.days) {
      const Day lo = std::max(a, from), hi = std::min(b, to);
      if (lo < hi) total += rollup_.sum(m.user, s, lo, hi);
    }
  }
  return total;
}

bool OrgIndex::customer_in(Slot cs, const Segment& seg) const {
  const CustomerFact* c = cs == kNone ? nullptr : &customers_[cs];
  switch (seg.dim) {
    case SegmentDim::industry:
      return (c ? industries_.name(c->industry) : std::string()) == seg.key;
    case SegmentDim::channel:
      return (c ? channels_.name(c->channel) : std::string()) == seg.key;
    case SegmentDim::tier:
      return (c ? tiers_.name(c->tier) : std::string()) == seg.key;
    case SegmentDim::region: {
      const std::int64_t region = c ? c->region : 0;
      return region == 0 ? seg.key.empty() : std::to_string(region) == seg.key;
    }
    case SegmentDim::product:
      return true;  // orders only: order_sum looks at the lines
  }
  return false;
}

std::int64_t OrgIndex::order_sum(const ResolvedScope& scope, const Period& p,
                                 const std::optional<Segment>& seg, bool amount) const {
  if (!seg) return rollup(amount ? Series::orders_amount : Series::orders_count, scope, p);
  const auto [from, to] = days_of(p);
  std::int64_t product = 0;
  if (seg->dim == SegmentDim::product && !seg->key.empty()) {
    std::from_chars(seg->key.data(), seg->key.data() + seg->key.size(), product);
  }
  std::int64_t total = 0;
  scan(user_orders_, scope, from, to, [&](Slot o) {
    const OrderFact& f = orders_[o];
    if (seg->dim != SegmentDim::product) {
      if (customer_in(f.customer, *seg)) total += amount ? f.total : 1;
      return;
    }
    if (seg->key.empty()) {
      if (f.first_line == kNone) total += amount ? f.total : 1;
      return;
    }
    std::int64_t sum = 0;
    bool holds = false;
    for (Slot li = f.first_line; li != kNone; li = lines_[li].next) {
      const LineFact& l = lines_[li];
      if (l.product != product) continue;
      holds = true;
      sum += l.total;
    }
    if (holds) total += amount ? sum : 1;
  });
  return total;
}

// Customers with an order in the scope in [from, to), each once, sorted.
std::vector<Slot> OrgIndex::buyers(const ResolvedScope& scope, Day from, Day to,
                                   const std::optional<Segment>& seg) const {
  std::vector<Slot> out;
  scan(user_orders_, scope, from, to, [&](Slot o) {
    const Slot cs = orders_[o].customer;
    if (cs != kNone && (!seg || customer_in(cs, *seg))) out.push_back(cs);
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

MetricValue OrgIndex::retention(const ResolvedScope& scope, const Period& p,
                                const std::optional<Segment>& seg) const {
  const Period prev = previous_period(p, settings_.fiscal_start_month);
  const auto [from, to] = days_of(p);
  const auto [pfrom, pto] = days_of(prev);
  const std::vector<Slot> before = buyers(scope, pfrom, pto, seg);
  const std::vector<Slot> now = buyers(scope, from, to, seg);
  std::vector<Slot> both;
  std::set_intersection(before.begin(), before.end(), now.begin(), now.end(),
                        std::back_inserter(both));
  return ratio(static_cast<double>(both.size()), static_cast<double>(before.size()));
}

MetricValue OrgIndex::clv(const ResolvedScope& scope, const Period& p) const {
  const LocalDate w_start = add_months(p.end, -12);
  const LocalDate w0_start = add_months(w_start, -12);
  const Period w{PeriodKind::range, w_start, p.end, ""};
  const Day from = day_of(w_start), to = day_of(p.end), from0 = day_of(w0_start);
  const std::int64_t amount = rollup(Series::orders_amount, scope, w);
  const std::vector<Slot> now = buyers(scope, from, to, std::nullopt);
  const std::vector<Slot> before = buyers(scope, from0, from, std::nullopt);
  if (now.empty() || before.empty()) return std::monostate{};
  std::vector<Slot> both;
  std::set_intersection(before.begin(), before.end(), now.begin(), now.end(),
                        std::back_inserter(both));
  const double retention = static_cast<double>(both.size()) / static_cast<double>(before.size());
  if (retention == 1.0) return std::monostate{};
  const double margin = settings_.gross_margin_bp / 10000.0;
  return static_cast<double>(amount) / static_cast<double>(now.size()) * margin / (1.0 - retention);
}

MetricValue OrgIndex::receivables(const ResolvedScope& scope, const Period& p,
                                  const std::optional<Segment>& seg) const {
  const Day end = day_of(p.end);
  const LocalDate as_of = p.end - std::chrono::days{1};
  Receivables out;
  scan(user_orders_, scope, std::numeric_limits<Day>::min() + 1, end, [&](Slot o) {
    const OrderFact& f = orders_[o];
    if (seg && !customer_in(f.customer, *seg)) return;
    Fen owed{f.total};
    for (Slot pay = f.first_payment; pay != kNone; pay = payments_[pay].next_of_order) {
      if (payments_[pay].day < end) owed -= Fen{payments_[pay].amount};
    }
    if (owed <= Fen{0}) return;
    out.aging.add(owed, f.due == kNoDay ? as_of : DayClock::date_of(f.due), as_of);
    ++out.orders;
  });
  return out;
}

MetricValue OrgIndex::stage_conversion(const ResolvedScope& scope, const Period& p,
                                       const std::optional<Segment>& seg,
                                       std::optional<std::int64_t> pipeline) const {
  const std::int64_t pl = pipeline.value_or(default_pipeline_);
  auto it = pipeline_stages_.find(pl);
  if (it == pipeline_stages_.end()) return std::monostate{};
  const auto& stages = it->second;
  std::vector<std::int64_t> reached_at_least(stages.size() + 1, 0);
  const auto [from, to] = days_of(p);
  scan(user_opps_created_, scope, from, to, [&](Slot s) {
    const OpportunityFact& f = opportunities_[s];
    if (f.pipeline != pl || f.reached < 0) return;
    if (seg && !customer_in(f.customer, *seg)) return;
    ++reached_at_least[static_cast<std::size_t>(f.reached)];
  });
  // reached(k) = opportunities whose highest stage is k or later.
  for (std::size_t k = stages.size(); k-- > 1;) reached_at_least[k - 1] += reached_at_least[k];
  std::vector<StageReach> out;
  for (std::size_t k = 0; k < stages.size(); ++k) {
    StageReach r{stages[k].id, stages[k].name, reached_at_least[k], std::nullopt};
    if (k > 0 && reached_at_least[k - 1] > 0) {
      r.conversion =
          static_cast<double>(reached_at_least[k]) / static_cast<double>(reached_at_least[k - 1]);
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<double> OrgIndex::sales_cycles(const ResolvedScope& scope, const Period& p,
                                           const std::optional<Segment>& seg) const {
  std::vector<double> out;
  const auto [from, to] = days_of(p);
  scan(user_opps_closed_, scope, from, to, [&](Slot s) {
    const OpportunityFact& f = opportunities_[s];
    if (f.status != OppStatus::won) return;
    if (seg && !customer_in(f.customer, *seg)) return;
    out.push_back(static_cast<double>(f.closed_ms - f.created_ms) / 86'400'000.0);
  });
  return out;
}

std::int64_t OrgIndex::count_customers(Series s, const ResolvedScope& scope, const Period& p,
                                       const std::optional<Segment>& seg) const {
  if (!seg) return rollup(s, scope, p);
  const auto [from, to] = days_of(p);
  std::int64_t n = 0;
  if (s == Series::new_leads) {
    scan(user_customers_, scope, from, to, [&](Slot cs) { n += customer_in(cs, *seg); });
    return n;
  }
  // new buyers: by where each customer's first order counts.
  std::vector<const ResolvedScope::Member*> member_of(user_ids_.size(), nullptr);
  for (const auto& m : scope.members) member_of[m.user] = &m;
  for (Slot cs = 0; cs < static_cast<Slot>(customers_.size()); ++cs) {
    const CustomerFact& c = customers_[cs];
    if (!c.alive || c.first_user == kNone || c.first_day < from || c.first_day >= to) continue;
    const auto* m = member_of[c.first_user];
    if (m == nullptr || !customer_in(cs, *seg)) continue;
    for (const auto& [a, b] : m->days) {
      if (a <= c.first_day && c.first_day < b) {
        ++n;
        break;
      }
    }
  }
  return n;
}

std::int64_t OrgIndex::count_activities(Metric m, const ResolvedScope& scope, const Period& p,
                                        const std::optional<Segment>& seg, bool score) const {
  if (!seg) {
    if (score) {
      return m == Metric::satisfaction ? rollup(Series::satisfaction_sum, scope, p)
                                       : rollup(Series::satisfaction_count, scope, p);
    }
    switch (m) {
      case Metric::visits:
        return rollup(Series::visits, scope, p);
      case Metric::calls:
        return rollup(Series::calls, scope, p);
      case Metric::emails:
        return rollup(Series::emails, scope, p);
      case Metric::meetings:
        return rollup(Series::meetings, scope, p);
      default:
        return rollup(Series::visits, scope, p) + rollup(Series::calls, scope, p) +
               rollup(Series::emails, scope, p) + rollup(Series::meetings, scope, p) +
               rollup(Series::other_activities, scope, p);
    }
  }
  // A segment: scan the activities of the period, keeping those of the scope's users on their days.
  const auto [from, to] = days_of(p);
  std::vector<const ResolvedScope::Member*> member_of(user_ids_.size(), nullptr);
  for (const auto& mb : scope.members) member_of[mb.user] = &mb;
  std::int64_t n = 0;
  for (const ActivityFact& f : activities_) {
    if (!f.alive || f.day < from || f.day >= to) continue;
    const auto* mb = member_of[f.user];  // every user has a slot: member_of covers them
    if (mb == nullptr) continue;
    bool counts = false;
    for (const auto& [a, b] : mb->days) counts = counts || (a <= f.day && f.day < b);
    if (!counts) continue;
    if (!customer_in(f.customer, *seg)) continue;
    if (score) {
      if (f.satisfaction > 0) n += m == Metric::satisfaction ? f.satisfaction : 1;
      continue;
    }
    switch (m) {
      case Metric::visits:
        n += f.kind() == ActivityType::visit;
        break;
      case Metric::calls:
        n += f.kind() == ActivityType::call;
        break;
      case Metric::emails:
        n += f.kind() == ActivityType::email;
        break;
      case Metric::meetings:
        n += f.kind() == ActivityType::meeting;
        break;
      default:
        ++n;
    }
  }
  return n;
}

MetricValue OrgIndex::base(Metric m, const ResolvedScope& scope, const Period& p,
                           const std::optional<Segment>& seg,
                           std::optional<std::int64_t> pipeline) const {
  const auto [from, to] = days_of(p);
  switch (m) {
    case Metric::orders_amount:
      return order_sum(scope, p, seg, true);
    case Metric::orders_count:
      return order_sum(scope, p, seg, false);
    case Metric::aov:
      return ratio(static_cast<double>(order_sum(scope, p, seg, true)),
                   static_cast<double>(order_sum(scope, p, seg, false)));
    case Metric::payments_amount: {
      if (!seg) return rollup(Series::payments_amount, scope, p);
      std::int64_t total = 0;
      scan(user_payments_, scope, from, to, [&](Slot s) {
        if (customer_in(payments_[s].customer, *seg)) total += payments_[s].amount;
      });
      return total;
    }
    case Metric::new_leads:
      return count_customers(Series::new_leads, scope, p, seg);
    case Metric::new_buyers:
      return count_customers(Series::new_buyers, scope, p, seg);
    case Metric::lead_conversion: {
      std::int64_t created = 0, converted = 0;
      scan(user_customers_, scope, from, to, [&](Slot cs) {
        if (seg && !customer_in(cs, *seg)) return;
        ++created;
        const Day first = customers_[cs].first_day;
        converted += first != kNoDay && first < to;
      });
      return ratio(static_cast<double>(converted), static_cast<double>(created));
    }
    case Metric::win_rate: {
      std::int64_t won = 0, lost = 0;
      if (!seg) {
        won = rollup(Series::won, scope, p);
        lost = rollup(Series::lost, scope, p);
      } else {
        scan(user_opps_closed_, scope, from, to, [&](Slot s) {
          const OpportunityFact& f = opportunities_[s];
          if (!customer_in(f.customer, *seg)) return;
          (f.status == OppStatus::won ? won : lost) += 1;
        });
      }
      return ratio(static_cast<double>(won), static_cast<double>(won + lost));
    }
    case Metric::stage_conversion:
      return stage_conversion(scope, p, seg, pipeline);
    case Metric::sales_cycle_days: {
      auto median = median_of(sales_cycles(scope, p, seg));
      return median ? MetricValue{*median} : MetricValue{};
    }
    case Metric::sales_cycle_days_mean: {
      const auto cycles = sales_cycles(scope, p, seg);
      double sum = 0;
      for (double c : cycles) sum += c;
      return ratio(sum, static_cast<double>(cycles.size()));
    }
    case Metric::activities:
    case Metric::visits:
    case Metric::calls:
    case Metric::emails:
    case Metric::meetings:
      return count_activities(m, scope, p, seg, false);
    case Metric::activities_per_day:
      return ratio(static_cast<double>(count_activities(Metric::activities, scope, p, seg, false)),
                   working_days(p.start, p.end, settings_.holidays));
    case Metric::satisfaction:
      return ratio(static_cast<double>(count_activities(Metric::satisfaction, scope, p, seg, true)),
                   static_cast<double>(count_activities(Metric::activities, scope, p, seg, true)));
    case Metric::retention:
      return retention(scope, p, seg);
    case Metric::cac: {
      std::int64_t cost = 0;
      static constexpr std::string_view kTypes[] = {"org", "region", "team", "user"};
      for (const CostFact& c : costs_) {
        if (!c.alive || c.day < from || c.day >= to) continue;
        if (scope.costs->counts(kTypes[c.scope_type], c.scope_id, DayClock::date_of(c.day))) {
          cost += c.amount;
        }
      }
      return ratio(static_cast<double>(cost),
                   static_cast<double>(rollup(Series::new_buyers, scope, p)));
    }
    case Metric::clv:
      return clv(scope, p);
    case Metric::receivables:
      return receivables(scope, p, seg);
  }
  return std::monostate{};
}

std::vector<std::string> OrgIndex::segment_keys(SegmentDim dim) const {
  std::vector<std::string> out;
  auto names = [&](const Interner& in) {
    for (std::size_t i = 0; i < in.size(); ++i) out.push_back(in.name(static_cast<int>(i)));
  };
  switch (dim) {
    case SegmentDim::industry:
      names(industries_);
      break;
    case SegmentDim::channel:
      names(channels_);
      break;
    case SegmentDim::tier:
      names(tiers_);
      break;
    case SegmentDim::region: {
      std::vector<std::int64_t> ids{0};
      for (const CustomerFact& c : customers_) {
        if (c.alive) ids.push_back(c.region);
      }
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      for (std::int64_t id : ids) out.push_back(id ? std::to_string(id) : "");
      break;
    }
    case SegmentDim::product: {
      std::vector<std::int64_t> ids{0};
      for (const OrderFact& o : orders_) {
        if (!o.alive) continue;
        for (Slot li = o.first_line; li != kNone; li = lines_[li].next) {
          ids.push_back(lines_[li].product);
        }
      }
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      for (std::int64_t id : ids) out.push_back(id ? std::to_string(id) : "");
      break;
    }
  }
  return out;
}

}  // namespace fupan::engine
