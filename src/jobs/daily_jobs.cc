#include "jobs/daily_jobs.h"

#include <stdexcept>

#include "core/error_catalogue.h"
#include "service/crm/tier_service.h"
#include "store/org_store.h"

namespace fupan::jobs {

void register_daily_jobs(Scheduler& scheduler, const service::Context& ctx) {
  scheduler.daily("recompute_tiers", std::chrono::hours{2}, [ctx](OrgId org, LocalDate today) {
    auto result = service::recompute_tiers(ctx, org, today);
    if (!result.ok())
      throw std::runtime_error("recompute_tiers: " + english(result.error().detail));
  });
}

std::vector<OrgZone> org_zones(const service::Context& ctx) {
  std::vector<OrgId> ids;
  {
    auto conn = ctx.db.acquire();
    ids = store::list_org_ids(*conn);
  }
  std::vector<OrgZone> out;
  for (OrgId id : ids) {
    if (auto snapshot = ctx.orgs.get(id)) out.push_back({id, snapshot->org().timezone});
  }
  return out;
}

}  // namespace fupan::jobs
