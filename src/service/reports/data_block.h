// The data block of a report (SPEC §4): what the facts say about a person's (or a team's) period,
// so the author writes only what data cannot say. KPIs come from the analytics index, the same
// numbers as /api/metrics; the opportunities of the period and the overdue follow-ups from the
// store. Frozen into a report when it is submitted, as JSON (docs/reports.md).
#pragma once

#include <string>
#include <vector>

#include "domain/metric_scope.h"
#include "domain/period.h"
#include "service/platform/context.h"
#include "service/reviews/action_items.h"

namespace fupan::service {

// A target as the metrics answer target:M (docs/metrics.md): the period's own, else its share
// of the smallest enclosing one by working days (whole 分 for money, a count's share unrounded).
struct KpiFigure {
  std::int64_t actual = 0;
  std::optional<double> target;
  std::optional<double> attainment;  // actual ÷ target; null without a target or for 0
};

struct Kpi {
  std::string metric;
  bool money = false;
  KpiFigure period;
  Period month;  // month to date: from the month's first day to the period's end
  KpiFigure month_to_date;
  // The month's target × the month's days so far ÷ all its days, counted as the org compares a
  // period to date (calendar or working days).
  std::optional<double> month_expected;
};

struct OpportunityLine {
  std::int64_t id = 0;
  std::string name, customer, stage;
  std::int64_t amount = 0;
  std::optional<LocalDate> closed_on;
  std::string reason, competitor;
};

struct DataBlock {
  Period period;
  // What "to date" and "overdue" count to: the day it was assembled, or the period's last day
  // when that was before.
  LocalDate as_of;
  std::vector<Kpi> kpis;
  std::int64_t created_count = 0, created_amount = 0;
  std::vector<OpportunityLine> advanced, won, lost;
  std::int64_t won_amount = 0, lost_amount = 0;
  std::int64_t pipeline_change = 0;  // created − won − lost amounts
  std::int64_t overdue_follow_ups = 0;
  // Open action items of the people (复盘's PDCA), by due date; overdue ones as of `as_of`.
  std::vector<ActionItemLine> action_items;
};

// The metrics a data block reports, in order.
const std::vector<std::string>& data_block_metrics();

// The data block of `scope` (a user, or a team for the roll-up) for `period` as of `as_of`
// (moved back to the period's last day when after it). The caller has checked that the actor
// sees the scope.
DataBlock assemble_data_block(const Context& ctx, const Actor& actor, const ScopeRef& scope,
                              const Period& period, LocalDate as_of);

// {period, from, to, as_of, kpis, opportunities, overdue_follow_ups, action_items}
std::string data_block_json(const DataBlock& b);
// Whether two data blocks' facts differ (KPIs and opportunities; the follow-ups overdue on the day
// and the action items are a snapshot, not facts of the period).
bool facts_differ(std::string_view a_json, std::string_view b_json);
// The `as_of` day of a stored data block.
std::optional<LocalDate> data_block_as_of(std::string_view json);

}  // namespace fupan::service
