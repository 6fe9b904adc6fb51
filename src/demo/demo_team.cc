#include "demo/demo_team.h"

#include "service/platform/org_directory.h"

namespace fupan::demo {

std::optional<DemoTeam> demo_team(const service::Context& ctx, OrgId org) {
  std::shared_ptr<const OrgSnapshot> snapshot;
  {
    auto conn = ctx.db.acquire();
    snapshot = service::read_org_snapshot(*conn, org);
  }
  if (!snapshot) return std::nullopt;
  const UserRecord* manager = nullptr;
  const UserRecord* rep = nullptr;
  for (const UserRecord& u : snapshot->users()) {
    if (u.username == "manager") manager = &u;
    if (u.username == "rep") rep = &u;
  }
  if (!manager || !rep) return std::nullopt;
  service::Actor actor = service::make_actor(ctx, snapshot, manager->id, "cli");
  for (const MembershipRecord* m : snapshot->memberships_of(manager->id, actor.today)) {
    if (m->role == TeamRole::leader) {
      return DemoTeam{snapshot, std::move(actor), manager, rep, m->team_id};
    }
  }
  return std::nullopt;
}

}  // namespace fupan::demo
