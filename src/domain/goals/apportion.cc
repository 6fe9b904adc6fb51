#include "domain/goals/apportion.h"

#include <algorithm>
#include <numeric>

namespace fupan::goals {
namespace {

__extension__ typedef __int128 Wide;

}  // namespace

Result<std::vector<std::int64_t>> apportion(std::int64_t total,
                                            std::span<const std::int64_t> weights,
                                            const std::string& field) {
  if (total < 0) return Error::invalid("value", detail::not_negative);
  if (weights.empty()) return Error::invalid(field, detail::no_weights);
  Wide sum = 0;
  for (std::int64_t w : weights) {
    if (w < 0) return Error::invalid(field, detail::negative_weight);
    sum += w;
  }
  if (sum == 0) return Error::invalid(field, detail::all_weights_zero);
  std::vector<std::int64_t> parts(weights.size());
  std::vector<Wide> remainders(weights.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide exact = static_cast<Wide>(total) * weights[i];  // < 2^126
    parts[i] = static_cast<std::int64_t>(exact / sum);         // ≤ total
    remainders[i] = exact % sum;
    given += parts[i];
  }
  // Fewer units are left than there are parts (each part lost less than one).
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::int64_t left = total - given, k = 0; left > 0; --left, ++k) {
    ++parts[order[static_cast<std::size_t>(k)]];
  }
  return parts;
}

std::vector<std::int64_t> split_equally(std::int64_t total, std::size_t parts) {
  if (parts == 0 || total < 0) return std::vector<std::int64_t>(parts, 0);
  const std::vector<std::int64_t> ones(parts, 1);
  auto parts_of = apportion(total, ones);  // cannot fail: total ≥ 0, every weight 1
  return std::move(*parts_of);
}

Result<std::vector<std::int64_t>> split_by_share(std::int64_t total,
                                                 std::span<const std::int64_t> last_year) {
  if (!last_year.empty() &&
      std::all_of(last_year.begin(), last_year.end(), [](std::int64_t v) { return v == 0; })) {
    return split_equally(total, last_year.size());
  }
  return apportion(total, last_year, "last_year");
}

}  // namespace fupan::goals
