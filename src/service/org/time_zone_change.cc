#include "service/org/time_zone_change.h"

#include <date/tz.h>

#include "domain/field_values.h"
#include "store/fact_instants.h"

namespace fupan::service {

std::int64_t facts_changing_day(store::Connection& c, OrgId org, std::string_view from,
                                std::string_view to) {
  const date::time_zone* a = zone_of(from);
  const date::time_zone* b = zone_of(to);
  if (a == b) return 0;
  std::int64_t moved = 0;
  store::for_each_fact_instant(c, org, [&](std::int64_t ms) {
    const Instant t = instant_from_ms(ms);
    moved += local_date(t, a) != local_date(t, b);
  });
  return moved;
}

}  // namespace fupan::service
