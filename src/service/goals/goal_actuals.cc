#include "service/goals/goal_actuals.h"

#include <map>

#include "engine/analytics.h"

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

}  // namespace fupan::service
