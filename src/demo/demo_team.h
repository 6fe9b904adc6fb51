// The demo team the later demo steps write for: the demo manager (as the actor the pages would
// have), the team they lead and the demo rep in it, read from the store as it stands.
#pragma once

#include <memory>
#include <optional>

#include "service/platform/context.h"

namespace fupan::demo {

struct DemoTeam {
  std::shared_ptr<const OrgSnapshot> snapshot;
  service::Actor actor;  // the demo manager, today
  const UserRecord* manager = nullptr;
  const UserRecord* rep = nullptr;
  TeamId team;
};

// Nullopt when `org` has no demo manager leading a team, or no demo rep.
std::optional<DemoTeam> demo_team(const service::Context& ctx, OrgId org);

}  // namespace fupan::demo
