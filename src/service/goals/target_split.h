// Decomposition 分解 (SPEC §3): a target split into its parts, down the organisation (org →
// regions → a region's top teams → a team's sub-teams and members) or down the calendar (a year to
// quarters or months, any period to weeks or days), every split adding up to the parent exactly
// (domain/goals/apportion.h). Previewed first; saved as new targets all at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/goals/target.h"
#include "service/platform/context.h"

namespace fupan::service {

struct SplitRequest {
  std::string down;    // "calendar" or "org"
  std::string into;    // calendar: "quarter", "month", "week" or "day"
  std::string method;  // calendar: "working_days" (default) or "seasonality" (a year into
                       // months); org: "equal" (default), "weights" or "last_year"
  std::vector<std::int64_t> weights;  // seasonality: 12 (none: the org's); weights: one per part
  bool save = false;                  // false: only a preview
};

// A part of the split and the target already set for it, if any.
struct SplitPart {
  ScopeRef scope;
  Period period;
  std::int64_t value = 0;
  std::optional<goals::Target> existing;
};

struct SplitResult {
  goals::Target parent;
  std::vector<SplitPart> parts;      // their values add up to the parent's
  std::vector<goals::Target> saved;  // with save: the targets made
};

// The parts of `parent` one level down the organisation (req.method, req.weights) or down the
// calendar (req.into, req.method, req.weights), as split_target() makes them; nothing is read
// about targets already set.
Result<std::vector<SplitPart>> parts_down_org(const Context& ctx, const Actor& actor,
                                              const goals::Target& parent, const SplitRequest& req);
// `holidays`: the org's (org_holidays()), when the caller splits many and has read them once.
Result<std::vector<SplitPart>> parts_down_calendar(
    const Context& ctx, const Actor& actor, const goals::Target& parent, const SplitRequest& req,
    const std::vector<LocalDate>* holidays = nullptr);

// Splits target `id` as `req` says. The parts are scopes the actor may set targets for; saving
// refuses (409 already_exists, field "parts") when one of them already has a target.
Result<SplitResult> split_target(const Context& ctx, const Actor& actor, std::int64_t id,
                                 const SplitRequest& req);

}  // namespace fupan::service
