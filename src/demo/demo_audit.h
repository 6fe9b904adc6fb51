// The audit row each step of the demo leaves: the org, the step ("demo_goals"), when, from the CLI.
#pragma once

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/time.h"
#include "store/database.h"

namespace fupan::demo {

void audit_demo_step(store::Connection& c, OrgId org, std::string action, Instant at,
                     std::optional<std::string> after_json = std::nullopt);

}  // namespace fupan::demo
