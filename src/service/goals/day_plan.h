// A rep's day plan (SPEC §3 weekly goal → daily plan): the day's quotas from their targets (a day
// target as set, else the day's share of the smallest target period holding it, split by working
// days: 10 new leads a week → 2 a working day) with what is done so far from the analytics index,
// and one to-do list in the important / urgent quadrant mixing the quotas, the CRM's follow-ups
// and the tasks they add themselves (those left open on earlier days carried over).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/goals/plan_task.h"
#include "domain/period.h"
#include "service/platform/context.h"

namespace fupan::service {

struct DayQuota {
  std::string metric;
  std::int64_t quota = 0;  // 分 for a money metric, else a count
  std::int64_t done = 0;   // the day's actual
  std::int64_t target_id = 0;
  Period source;          // the target's period
  bool prorated = false;  // false: a target set for the day itself
};

// One line of the to-do list.
struct PlanItem {
  enum class Kind { quota, follow_up, stalled, task } kind = Kind::task;
  std::string title;  // quota: the metric; follow_up / stalled: the record's name
  bool important = false, urgent = false, done = false;
  std::optional<LocalDate> due;
  std::string entity;  // follow_up: customer; stalled: opportunity
  std::int64_t entity_id = 0;
  std::optional<goals::PlanTask> task;  // kind task
};
std::string_view plan_item_kind_name(PlanItem::Kind k);

struct DayPlan {
  LocalDate date;
  UserId user;
  bool working_day = true;
  std::vector<DayQuota> quotas;
  std::vector<PlanItem> items;  // urgent and important first, then important, urgent, the rest
};

// The plan of `user` (none: the actor) for `date` (empty: today); not_found unless the actor
// sees the user. The CRM's follow-ups are today's only (they are as of now).
Result<DayPlan> day_plan(const Context& ctx, const Actor& actor, std::optional<UserId> user,
                         const std::string& date);

}  // namespace fupan::service
