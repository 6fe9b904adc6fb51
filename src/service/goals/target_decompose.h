// 一键分解 (SPEC §3): a target decomposed all the way down in one step — down the organisation
// level by level to every person (each level's parts adding up to their parent exactly, equally
// or by last year's share), then each person's part down the calendar (by working days, a year's
// months by the org's seasonality, or by last year's rhythm). "A director sets the year, it
// reaches every rep's day": previewed as a summary per level, saved in one transaction, all or
// nothing, with one audit entry.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/goals/target.h"
#include "service/platform/context.h"

namespace fupan::service {

struct DecomposeRequest {
  std::string method;           // down the organisation: "equal" (default) or "last_year"
  std::string into;             // each person's part into "quarter", "month", "week" or "day";
                                // empty: stop at the people
  std::string calendar_method;  // "working_days" (default), "seasonality" (a year into months,
                                // by the org's weights) or "last_year"
  bool save = false;            // false: only a preview
};

// The parts of one kind at one depth below the target (a team's sub-teams and its members share
// a depth): how many, their sum and how many already have a target.
struct DecomposeLevel {
  int depth = 0;
  std::string kind;  // "region", "team", "user", or the calendar's ("quarter" … "day")
  std::int64_t count = 0, sum = 0, existing = 0;
};

struct DecomposeResult {
  goals::Target root;
  std::vector<DecomposeLevel> levels;  // by depth, then kind
  std::int64_t count = 0;              // every part
  std::int64_t existing = 0;           // parts that already have a target
  std::int64_t saved = 0;              // with save: the targets made
};

// Decomposes target `id` as `req` says. Saving needs the actor to be allowed to set every part's
// target, and refuses (409 already_exists, field "parts") when a part already has one.
Result<DecomposeResult> decompose_target(const Context& ctx, const Actor& actor, std::int64_t id,
                                         const DecomposeRequest& req);

}  // namespace fupan::service
