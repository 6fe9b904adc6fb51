#include "service/context.h"

namespace fupan::service {

Actor make_actor(const Context& ctx, OrgId org, UserId user, std::string ip) {
  Actor a;
  a.id = user;
  a.org = org;
  a.snapshot = ctx.orgs.get(org);
  a.ip = std::move(ip);
  if (a.snapshot) {
    a.today = local_date(ctx.clock.now(), a.snapshot->org().timezone);
    a.scope_ptr = ctx.scopes.get(a.snapshot, user, a.today);
  }
  return a;
}

}  // namespace fupan::service
