// OrgIndex's analyses beyond single metrics: the funnel with time in stage, and the open pipeline
// by expected close month (for the forecast).
#include <algorithm>

#include "engine/org_index.h"

namespace fupan::engine {
OrgIndex::OpportunityCounts OrgIndex::opportunity_counts(const ResolvedScope& scope,
                                                         const Period& p) const {
  OpportunityCounts out;
  out.won = rollup(Series::won, scope, p);
  out.lost = rollup(Series::lost, scope, p);
  const Day from = DayClock::day_number(p.start), to = DayClock::day_number(p.end);
  scan(user_opps_created_, scope, from, to, [&](Slot) { ++out.created; });
  return out;
}

std::optional<std::vector<OrgIndex::FunnelStage>> OrgIndex::funnel(
    const ResolvedScope& scope, const Period& p, std::optional<std::int64_t> pipeline,
    bool with_stays) const {
  const std::int64_t pl = pipeline.value_or(default_pipeline_);
  auto it = pipeline_stages_.find(pl);
  if (it == pipeline_stages_.end()) return std::nullopt;
  const auto& stages = it->second;
  const std::size_t n = stages.size();
  std::vector<std::int64_t> at_least(n + 1, 0);
  std::vector<std::vector<double>> stays(n);
  const Day from = DayClock::day_number(p.start), to = DayClock::day_number(p.end);
  scan(user_opps_created_, scope, from, to, [&](Slot s) {
    const OpportunityFact& f = opportunities_[s];
    if (f.pipeline != pl) return;
    if (f.reached >= 0) ++at_least[static_cast<std::size_t>(f.reached)];
    if (!with_stays) return;
    // A stay ends when the next step begins; the last step is still going on (or final).
    const HistoryStep* steps = steps_.data() + f.first_step;
    for (std::int32_t i = 0; i + 1 < f.steps; ++i) {
      if (steps[i].index < 0) continue;
      stays[static_cast<std::size_t>(steps[i].index)].push_back(
          static_cast<double>(steps[i + 1].at_ms - steps[i].at_ms) / 86'400'000.0);
    }
  });
  for (std::size_t k = n; k-- > 1;) at_least[k - 1] += at_least[k];
  std::vector<FunnelStage> out;
  for (std::size_t k = 0; k < n; ++k) {
    FunnelStage st{stages[k].id, stages[k].name, stages[k].probability, at_least[k], {}, 0, {}, {}};
    if (k > 0 && at_least[k - 1] > 0) {
      st.conversion = static_cast<double>(at_least[k]) / static_cast<double>(at_least[k - 1]);
    }
    auto& days = stays[k];
    st.stays = static_cast<std::int64_t>(days.size());
    if (!days.empty()) {
      double sum = 0;
      for (double d : days) sum += d;
      st.mean_days = sum / static_cast<double>(days.size());
      std::sort(days.begin(), days.end());
      const std::size_t m = days.size();
      st.median_days = m % 2 ? days[m / 2] : (days[m / 2 - 1] + days[m / 2]) / 2;
    }
    out.push_back(std::move(st));
  }
  return out;
}

OrgIndex::OpenPipeline OrgIndex::open_pipeline(const ResolvedScope& scope, LocalDate today,
                                               int months) const {
  OpenPipeline out;
  const LocalDate first = month_start(today);
  std::vector<Day> starts;
  for (int i = 0; i <= months; ++i) {
    using namespace std::chrono;
    const year_month_day ymd = first.ymd();
    starts.push_back(DayClock::day_number(
        LocalDate{(year_month{ymd.year(), ymd.month()} + std::chrono::months{i}) / 1}));
  }
  for (int i = 0; i < months; ++i) out.months.push_back({starts[static_cast<std::size_t>(i)]});
  const Day day = DayClock::day_number(today);
  const Day this_month = starts.front();
  // Each bucket's weighted amount, exact until the end (one rounding, not one per opportunity).
  WeightedFen slipped_weighted;
  std::vector<WeightedFen> months_weighted(out.months.size());
  // Who counts today, and for won amounts on their close day.
  for (const auto& m : scope.members) {
    bool counts_today = false;
    for (const auto& [a, b] : m.days) counts_today = counts_today || (a <= day && day < b);
    // Open opportunities: every one the user owns (listed by creation).
    auto [first_e, last_e] = user_opps_created_.range(m.user, std::numeric_limits<Day>::min() + 1,
                                                      std::numeric_limits<Day>::max());
    for (const auto* e = first_e; e != last_e && counts_today; ++e) {
      const OpportunityFact& f = opportunities_[e->slot];
      if (f.status != OppStatus::open || f.expected_close == kNoDay) continue;
      PipelineMonth* bucket = nullptr;
      WeightedFen* weighted = nullptr;
      if (f.expected_close < this_month) {
        bucket = &out.slipped;
        weighted = &slipped_weighted;
      } else {
        auto up = std::upper_bound(starts.begin(), starts.end(), f.expected_close);
        const auto i = static_cast<std::size_t>(up - starts.begin()) - 1;
        if (i < out.months.size()) {
          bucket = &out.months[i];
          weighted = &months_weighted[i];
        }
      }
      if (!bucket) continue;
      auto st = stages_.find(f.stage);
      const std::int64_t probability = st == stages_.end() ? 0 : st->second.probability;
      ++bucket->count;
      bucket->amount += f.amount;
      weighted->add(Fen{f.amount}, probability);
      if (f.category == ForecastCategory::commit) bucket->commit += f.amount;
      if (f.category != ForecastCategory::pipeline) bucket->best_case += f.amount;
    }
    // Won in each month, on the days the user counts.
    for (const auto& [a, b] : m.days) {
      const Day lo = std::max(a, starts.front()), hi = std::min(b, starts.back());
      if (lo >= hi) continue;
      auto [w0, w1] = user_opps_closed_.range(m.user, lo, hi);
      for (const auto* e = w0; e != w1; ++e) {
        const OpportunityFact& f = opportunities_[e->slot];
        if (f.status != OppStatus::won) continue;
        auto up = std::upper_bound(starts.begin(), starts.end(), f.closed);
        out.months[static_cast<std::size_t>(up - starts.begin()) - 1].won_amount += f.amount;
      }
    }
  }
  // Weighted never exceeds the amounts, whose int64 sums these buckets already hold.
  out.slipped.weighted = slipped_weighted.divided_by(100).value_or(Fen::max());
  for (std::size_t i = 0; i < out.months.size(); ++i) {
    out.months[i].weighted = months_weighted[i].divided_by(100).value_or(Fen::max());
  }
  return out;
}

std::vector<OrgIndex::ChurnRisk> OrgIndex::churn_risks(
    const std::function<bool(std::int64_t)>& visible, LocalDate today, std::size_t limit,
    std::size_t* total) const {
  std::vector<ChurnRisk> out;
  const Day day = DayClock::day_number(today);
  std::vector<Day> days;
  for (Slot cs = 0; cs < static_cast<Slot>(customers_.size()); ++cs) {
    const CustomerFact& c = customers_[cs];
    if (!c.alive) continue;
    days.clear();
    for (Slot o = c.first_order; o != kNone; o = orders_[o].next_of_customer) {
      const OrderFact& f = orders_[o];
      if (f.alive && !f.cancelled && f.day <= day) days.push_back(f.day);
    }
    if (days.size() < 2) continue;
    std::sort(days.begin(), days.end());
    std::vector<double> gaps;
    for (std::size_t i = 1; i < days.size(); ++i) gaps.push_back(days[i] - days[i - 1]);
    std::sort(gaps.begin(), gaps.end());
    const std::size_t m = gaps.size();
    const double usual = m % 2 ? gaps[m / 2] : (gaps[m / 2 - 1] + gaps[m / 2]) / 2;
    const std::int64_t since = day - days.back();
    if (usual <= 0 || static_cast<double>(since) <= usual) continue;
    const std::int64_t owner = user_ids_[c.user];
    if (!visible(owner)) continue;
    out.push_back({c.id, owner, days.back(), usual, since});
  }
  if (total) *total = out.size();
  std::sort(out.begin(), out.end(), [](const ChurnRisk& a, const ChurnRisk& b) {
    const double ra = static_cast<double>(a.days_since) / a.usual_days;
    const double rb = static_cast<double>(b.days_since) / b.usual_days;
    return ra != rb ? ra > rb : a.customer_id < b.customer_id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace fupan::engine
