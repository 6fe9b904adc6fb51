#include "service/platform/context.h"

namespace fupan::service {

Actor make_actor(const Context& ctx, std::shared_ptr<const OrgSnapshot> snapshot, UserId user,
                 std::string ip) {
  Actor a;
  a.id = user;
  a.org = snapshot->org().id;
  a.snapshot = std::move(snapshot);
  a.ip = std::move(ip);
  a.today = local_date(ctx.clock.now(), a.snapshot->org().timezone);
  a.scope_ptr = ctx.scopes.get(a.snapshot, user, a.today);
  return a;
}

}  // namespace fupan::service
