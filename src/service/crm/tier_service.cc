#include "service/crm/tier_service.h"

#include <date/date.h>
#include <date/tz.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <vector>

#include "domain/customer_tier.h"
#include "domain/field_values.h"
#include "service/platform/change_feed.h"
#include "service/platform/write.h"
#include "store/audit_store.h"
#include "store/customer_store.h"

namespace fupan::service {
namespace {

// The same day a year before, or the last day of that February.
LocalDate one_year_before(LocalDate d) {
  const std::chrono::year_month_day ymd = d.ymd();
  const std::chrono::year_month_day back{ymd.year() - std::chrono::years{1}, ymd.month(),
                                         ymd.day()};
  if (back.ok()) return LocalDate{back};
  return LocalDate{
      std::chrono::year_month_day_last{back.year(), std::chrono::month_day_last{back.month()}}};
}

}  // namespace

Result<TierCounts> recompute_tiers(const Context& ctx, OrgId org, LocalDate today,
                                   std::optional<UserId> by, std::string ip) {
  auto snapshot = ctx.orgs.get(org);
  if (!snapshot) return Error::not_found();
  const OrgRecord& o = snapshot->org();
  const TierRule rule = parse_tier_rule(o.tier_rule).value_or(TierRule::abc);
  const date::time_zone* tz = zone_of(o.timezone);
  const Instant from = start_of(one_year_before(today), tz);
  const Instant to = start_of(today + std::chrono::days{1}, tz);
  const Instant now = ctx.clock.now();

  return write_facts<TierCounts>(ctx, "", [&](store::Connection& c) -> Result<TierCounts> {
    const auto rows = store::customer_sales(c, org, from, to);
    std::vector<CustomerSales> sales;
    sales.reserve(rows.size());
    for (const auto& r : rows) {
      CustomerSales s{r.customer_id, r.revenue, r.orders, std::nullopt};
      if (r.last_ordered_at) s.last_order = local_date(*r.last_ordered_at, o.timezone);
      sales.push_back(s);
    }
    const std::vector<char> tiers = assign_tiers(sales, rule, today);

    TierCounts out;
    out.rule = rule == TierRule::rfm ? "rfm" : "abc";
    // The tier is derived data: this writes it without bumping the customer's version or
    // updated_at. Bumping would make every customer form open at night stale (a 409 on save for
    // a change nobody made) and would mark every customer as edited each night. A concurrent
    // edit may write back the tier it read; the next recompute corrects it.
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::string tier(1, tiers[i]);
      (tiers[i] == 'A' ? out.a : tiers[i] == 'B' ? out.b : out.c) += 1;
      if (rows[i].tier == tier) continue;
      store::set_customer_tier(c, org, rows[i].customer_id, tier);
      ++out.changed;
    }

    store::AuditRecord a;
    a.org = org;
    a.at = now;
    a.user = by;
    a.action = "recompute_tiers";
    a.entity = "customer";
    a.after_json = boost::json::serialize(boost::json::object{{"rule", out.rule},
                                                              {"as_of", format_date(today)},
                                                              {"a", out.a},
                                                              {"b", out.b},
                                                              {"c", out.c},
                                                              {"changed", out.changed}});
    a.ip = std::move(ip);
    store::insert_audit(c, a);
    if (out.changed > 0) note_change(org, "customer", 0);  // tiers segment every metric
    return out;
  });
}

Result<TierCounts> recompute_tiers(const Context& ctx, const Actor& actor) {
  if (!actor.scope().is_admin) return Error::forbidden();
  return recompute_tiers(ctx, actor.org, actor.today, actor.id, actor.ip);
}

}  // namespace fupan::service
