// The analytics index of one org: its facts as compact rows (engine/facts.h), per-user lists of
// them in day order, and per-user daily rollups of the additive series (engine/daily_rollup.h).
// It answers every base metric of docs/metrics.md for any scope and period (org_metrics.cc) and
// takes changed rows one at a time (put_* / remove_*), so it stays in step with the store.
// Not thread-safe: engine/analytics.h guards it.
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "domain/metric_query.h"
#include "engine/daily_rollup.h"
#include "engine/day_clock.h"
#include "engine/facts.h"
#include "store/fact_reader.h"

namespace fupan::engine {

// A scope resolved against the index: each user slot with the day ranges it counts on.
struct ResolvedScope {
  struct Member {
    Slot user;
    std::vector<std::pair<Day, Day>> days;  // [from, to), sorted, disjoint
  };
  std::vector<Member> members;
  std::shared_ptr<const CostScope> costs;
};

// Slots of each user's records of one kind, ordered by (day, slot).
class DayLists {
 public:
  struct Entry {
    Day day;
    Slot slot;
    friend auto operator<=>(const Entry&, const Entry&) = default;
  };
  void insert(Slot user, Entry e);
  void erase(Slot user, Entry e);
  // Appends without ordering (bulk builds); sort() once after.
  void append(Slot user, Entry e);
  void sort();
  // The entries of `user` with a day in [from, to).
  std::pair<const Entry*, const Entry*> range(Slot user, Day from, Day to) const;
  std::size_t bytes() const;
  template <class A>
  void io(A& a) {
    a(lists_);
  }

 private:
  std::vector<std::vector<Entry>> lists_;
};

class OrgIndex {
 public:
  OrgIndex(OrgId org, MetricSettings settings);

  // Reads every fact of the org from the store.
  void load(store::Connection& c);

  void put_customer(const store::CustomerRow& r);
  void remove_customer(std::int64_t id);
  // `lines` are all the order's lines.
  void put_order(const store::OrderRow& r, std::vector<LineFact> lines);
  void remove_order(std::int64_t id);
  void put_payment(const store::PaymentRow& r);
  void remove_payment(std::int64_t id);
  void put_opportunity(const store::OpportunityRow& r);
  void remove_opportunity(std::int64_t id);
  void put_activity(const store::ActivityRow& r);
  void remove_activity(std::int64_t id);
  void put_cost(const store::CostRow& r);
  void remove_cost(std::int64_t id);
  void set_stages(const std::vector<store::StageFactRow>& stages);

  const MetricSettings& settings() const { return settings_; }
  OrgId org() const { return org_; }

  ResolvedScope resolve(const std::vector<ScopeRef>& scopes, const OrgSnapshot& snapshot) const;
  // One user on the given days only (a member's row in a team's breakdown).
  ResolvedScope resolve_member(UserId user, std::vector<DayRange> days) const;
  // The user id of a slot.
  std::int64_t user_id(Slot user) const { return user_ids_[user]; }
  // Base metric `m` over `p` for a resolved scope (org_metrics.cc).
  MetricValue base(Metric m, const ResolvedScope& scope, const Period& p,
                   const std::optional<Segment>& segment,
                   std::optional<std::int64_t> pipeline) const;

  // The funnel of the opportunities of `pipeline` (default when absent) in scope created in
  // `p`, stage by stage (org_analysis.cc).
  struct FunnelStage {
    std::int64_t stage_id = 0;
    std::string name;
    std::int64_t probability = 0;
    std::int64_t reached = 0;
    std::optional<double> conversion;  // reached / reached of the stage before
    std::int64_t stays = 0;            // completed stays in the stage (left for a later step)
    std::optional<double> median_days, mean_days;
  };
  // `with_stays` false leaves time in stage out (stays 0, no days): a benchmark needs only the
  // conversions, and the org's year of stays is most of the cost.
  std::optional<std::vector<FunnelStage>> funnel(const ResolvedScope& scope, const Period& p,
                                                 std::optional<std::int64_t> pipeline,
                                                 bool with_stays = true) const;

  // Opportunities in scope won and lost (closed in `p`) and created in `p`, every pipeline: what
  // the reverse funnel plans from (service/goals).
  struct OpportunityCounts {
    std::int64_t won = 0, lost = 0, created = 0;
  };
  OpportunityCounts opportunity_counts(const ResolvedScope& scope, const Period& p) const;

  // Open opportunities in scope (by their owner on `today`) by expected close month, from the
  // month of `today` on for `months` months; those expected before it are "slipped".
  struct PipelineMonth {
    Day month_start = 0;
    std::int64_t count = 0, amount = 0, commit = 0, best_case = 0;
    Fen weighted;                 // Σ amount × stage probability ÷ 100, rounded once
    std::int64_t won_amount = 0;  // won and closed in the month (this month so far)
  };
  struct OpenPipeline {
    PipelineMonth slipped;  // expected close before this month, still open
    std::vector<PipelineMonth> months;
  };
  OpenPipeline open_pipeline(const ResolvedScope& scope, LocalDate today, int months) const;

  // Customers at risk of churn on `today`: at least two orders, and no order for longer than
  // their usual interval (the median gap between their order days). Only customers whose owner
  // `visible(owner id)` accepts; longest overdue (days since / interval) first, at most `limit`.
  struct ChurnRisk {
    std::int64_t customer_id = 0, owner_id = 0;
    Day last_order = 0;
    double usual_days = 0;
    std::int64_t days_since = 0;
  };
  std::vector<ChurnRisk> churn_risks(const std::function<bool(std::int64_t)>& visible,
                                     LocalDate today, std::size_t limit, std::size_t* total) const;

  // What commissions are paid on (org_commissions.cc): each order booked (not cancelled) or each
  // payment received in `p` by the scope's users on their days, in (day, id) order.
  struct CreditRow {
    std::int64_t record_id = 0;  // the order's or the payment's id
    std::int64_t order_id = 0;   // the order (a payment's order; 0 when it has none)
    std::int64_t user_id = 0;
    Day day = 0;
    std::int64_t amount = 0;
  };
  std::vector<CreditRow> credits(bool payments, const ResolvedScope& scope, const Period& p) const;
  // An order as it stands, with what was paid on it before day `paid_before`; none when the
  // index has no such order.
  struct OrderState {
    std::int64_t owner_id = 0;
    Day day = 0;
    std::int64_t total = 0, paid = 0;
    bool cancelled = false;
  };
  std::optional<OrderState> order_state(std::int64_t id, Day paid_before) const;

  // The keys a segment breakdown by `dim` has rows for: every value seen, "" included.
  std::vector<std::string> segment_keys(SegmentDim dim) const;

  // Every field but the settings, to an archive or from one (engine/index_file.cc).
  template <class A>
  void io(A& a);

  // Sizes, for the benchmark and /metrics.
  struct Stats {
    std::size_t customers, orders, payments, opportunities, activities, costs, bytes;
  };
  Stats stats() const;

 private:
  Slot user_slot(std::int64_t user_id);
  Slot find_user(std::int64_t user_id) const;
  void add_order_effects(Slot o, int sign);
  void unlink_from_customer(Slot o);
  void unlink_payment(Slot p);
  void build_rollups();
  void reserve(store::Connection& c);
  void bump(Slot user, Series s, Day d, std::int64_t v);
  void refresh_first_order(Slot customer);
  std::int8_t stage_index(std::int64_t pipeline, std::int64_t stage) const;

  // The pieces of base() (org_metrics.cc).
  std::int64_t rollup(Series s, const ResolvedScope& scope, const Period& p) const;
  bool customer_in(Slot customer, const Segment& seg) const;
  // Calls fn(slot) for each entry of `lists` of the scope's users on their days within [from, to).
  template <class Fn>
  void scan(const DayLists& lists, const ResolvedScope& scope, Day from, Day to, Fn&& fn) const {
    for (const auto& m : scope.members) {
      for (const auto& [a, b] : m.days) {
        const Day lo = std::max(a, from), hi = std::min(b, to);
        if (lo >= hi) continue;
        auto [first, last] = lists.range(m.user, lo, hi);
        for (const auto* e = first; e != last; ++e) fn(e->slot);
      }
    }
  }
  std::int64_t order_sum(const ResolvedScope& scope, const Period& p,
                         const std::optional<Segment>& seg, bool amount) const;
  std::vector<Slot> buyers(const ResolvedScope& scope, Day from, Day to,
                           const std::optional<Segment>& seg) const;
  MetricValue retention(const ResolvedScope& scope, const Period& p,
                        const std::optional<Segment>& seg) const;
  MetricValue clv(const ResolvedScope& scope, const Period& p) const;
  MetricValue receivables(const ResolvedScope& scope, const Period& p,
                          const std::optional<Segment>& seg) const;
  MetricValue stage_conversion(const ResolvedScope& scope, const Period& p,
                               const std::optional<Segment>& seg,
                               std::optional<std::int64_t> pipeline) const;
  std::vector<double> sales_cycles(const ResolvedScope& scope, const Period& p,
                                   const std::optional<Segment>& seg) const;
  std::int64_t count_customers(Series s, const ResolvedScope& scope, const Period& p,
                               const std::optional<Segment>& seg) const;
  std::int64_t count_activities(Metric m, const ResolvedScope& scope, const Period& p,
                                const std::optional<Segment>& seg, bool score) const;

  OrgId org_;
  MetricSettings settings_;
  DayClock clock_;

  static constexpr std::int64_t kDenseUserIds = 1 << 22;
  std::vector<Slot> dense_user_slots_;                 // user id → slot for ids below 2^22
  std::unordered_map<std::int64_t, Slot> user_slots_;  // the others
  std::vector<std::int64_t> user_ids_;

  Interner industries_, channels_, tiers_;

  SlotIndex customer_ids_, order_ids_, payment_ids_, opportunity_ids_, activity_ids_, cost_ids_;
  std::vector<CustomerFact> customers_;
  std::vector<OrderFact> orders_;
  std::vector<LineFact> lines_;  // a changed order's old lines stay unreferenced until a rebuild
  std::vector<PaymentFact> payments_;
  std::vector<OpportunityFact> opportunities_;
  std::vector<HistoryStep> steps_;  // likewise for a changed opportunity's old history
  std::vector<ActivityFact> activities_;
  std::vector<CostFact> costs_;

  // Per user, in day order: orders (by order day), payments, customers (by creation),
  // opportunities by creation and by close. Activities have no list: ten million entries would
  // cost more than scanning them costs the rare question that needs it (a segment).
  DayLists user_orders_, user_payments_, user_customers_, user_opps_created_, user_opps_closed_;

  // Stages: for each pipeline, its stages that are not lost, in position order.
  struct StageInfo {
    std::int64_t pipeline = 0;
    std::int8_t index = -1;  // -1 for a lost stage
    std::int64_t probability = 0;
  };
  std::unordered_map<std::int64_t, StageInfo> stages_;
  std::unordered_map<std::int64_t, std::vector<store::StageFactRow>> pipeline_stages_;
  std::int64_t default_pipeline_ = 0;

  DailyRollup rollup_;
  bool bulk_ = false;  // inside load(): lists appended and rollups summed at the end
};

}  // namespace fupan::engine
