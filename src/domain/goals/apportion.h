// Splitting a target into parts that add up to it exactly (SPEC §3, 分解): by weights, equally,
// by last year's share. Pure.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/error.h"

namespace fupan::goals {

// Splits `total` (≥ 0: 分 or a count) in proportion to `weights` (each ≥ 0, at least one > 0):
// each part is total × weight / Σ weights rounded down, and the units left over go one each to
// the parts with the largest remainders (ties: the earlier part). The parts add up to `total`
// exactly, to the 分, and no part is more than one unit from its exact share (the
// largest-remainder method). Errors are invalid(`field`, ...): no weights, a negative one, all 0,
// or a negative total.
Result<std::vector<std::int64_t>> apportion(std::int64_t total,
                                            std::span<const std::int64_t> weights,
                                            const std::string& field = "weights");

// Splits `total` (≥ 0) into `parts` equal shares, the earlier ones one unit more where it does
// not divide.
std::vector<std::int64_t> split_equally(std::int64_t total, std::size_t parts);

// Splits `total` by last year's actuals of each part; when they are all 0 (nobody sold last
// year), equally. The same errors as apportion on negative actuals.
Result<std::vector<std::int64_t>> split_by_share(std::int64_t total,
                                                 std::span<const std::int64_t> last_year);

}  // namespace fupan::goals
