// The nightly work of every org, registered on the scheduler by `fupan serve`.
#pragma once

#include <vector>

#include "jobs/scheduler.h"
#include "service/platform/context.h"

namespace fupan::jobs {

// Registers the daily tasks: customer tiers recomputed at 02:00 local time.
void register_daily_jobs(Scheduler& scheduler, const service::Context& ctx);
// Returns the orgs of the store with their time zones, as the org directory holds them.
std::vector<OrgZone> org_zones(const service::Context& ctx);

}  // namespace fupan::jobs
