// Funnel 漏斗 (SPEC §5): stage counts, stage-to-stage conversion, time in stage, and the
// bottleneck: the stage whose conversion falls furthest below the org's own trailing benchmark.
#pragma once

#include <optional>
#include <vector>

namespace fupan {

// Returns the index (≥ 1) of the stage whose conversion is lowest relative to its benchmark
// (conversion / benchmark), among stages that have both and a benchmark above 0; nullopt when no
// stage falls below its benchmark.
std::optional<std::size_t> bottleneck(const std::vector<std::optional<double>>& conversion,
                                      const std::vector<std::optional<double>>& benchmark);

}  // namespace fupan
