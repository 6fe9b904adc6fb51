#include "service/goals/goal_actuals.h"

#include <map>

#include "engine/analytics.h"
#include "store/metric_settings_store.h"

namespace fupan::service {

std::vector<std::int64_t> goal_actuals(const Context& ctx, const Actor& actor,
                                       std::span<const ActualAsk> asks) {
  std::vector<std::int64_t> out(asks.size(), 0);
  if (!ctx.analytics || asks.empty()) return out;
  ctx.analytics->read(actor.org, [&](const engine::OrgIndex& index) {
    std::map<std::string, engine::ResolvedScope> resolved;  // by scope text
    for (std::size_t i = 0; i < asks.size(); ++i) {
      const ActualAsk& a = asks[i];
      if (!(a.from < a.to)) continue;
      auto metric = parse_metric(a.metric);
      if (!metric.ok()) continue;
      const std::string key = a.scope.text();
      auto it = resolved.find(key);
      if (it == resolved.end())
        it = resolved.emplace(key, index.resolve({a.scope}, *actor.snapshot)).first;
      const Period days{PeriodKind::range, a.from, a.to, ""};
      const MetricValue v = index.base(metric->base, it->second, days, std::nullopt, std::nullopt);
      if (const auto* n = std::get_if<std::int64_t>(&v)) out[i] = *n;
    }
  });
  return out;
}

std::vector<LocalDate> org_holidays(const Context& ctx, OrgId org) {
  if (ctx.analytics) {
    return ctx.analytics->read(org,
                               [](const engine::OrgIndex& i) { return i.settings().holidays; });
  }
  return store::read_metric_settings(*ctx.db.acquire(), org).holidays;
}

}  // namespace fupan::service
