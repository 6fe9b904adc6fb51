#include "domain/funnel.h"

namespace fupan {

std::optional<std::size_t> bottleneck(const std::vector<std::optional<double>>& conversion,
                                      const std::vector<std::optional<double>>& benchmark) {
  std::optional<std::size_t> worst;
  double worst_ratio = 1;
  for (std::size_t k = 1; k < conversion.size() && k < benchmark.size(); ++k) {
    if (!conversion[k] || !benchmark[k] || *benchmark[k] <= 0) continue;
    const double r = *conversion[k] / *benchmark[k];
    if (r < worst_ratio) {
      worst_ratio = r;
      worst = k;
    }
  }
  return worst;
}

}  // namespace fupan
