// What one committed transaction changed, as the analytics engine takes it.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/ids.h"

namespace fupan::engine {

// Record ids per kind ("order", "payment", ...); a kind with id 0 was changed in bulk (an import)
// and is re-read whole.
struct ChangeSet {
  OrgId org;
  std::unordered_map<std::string, std::vector<std::int64_t>> ids;
  bool settings = false;  // the org's time zone, fiscal year, margin or holidays
};

}  // namespace fupan::engine
