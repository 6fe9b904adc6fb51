#include "domain/reviews/root_cause.h"

#include <algorithm>

#include "domain/org_validation.h"

namespace fupan::reviews {

const std::vector<RootCause>& builtin_root_causes() {
  static const std::vector<RootCause> all = {
      {"price", "价格", true, true, 1},
      {"product_fit", "产品匹配", true, true, 2},
      {"relationship", "客户关系", true, true, 3},
      {"timing", "时机", true, true, 4},
      {"competitor", "竞争对手", true, true, 5},
      {"execution", "执行", true, true, 6},
  };
  return all;
}

std::vector<RootCause> root_causes(const std::vector<RootCause>& stored) {
  std::vector<RootCause> out = builtin_root_causes();
  for (const RootCause& s : stored) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const RootCause& b) { return b.builtin && b.key == s.key; });
    if (it != out.end()) {
      it->name = s.name;
      it->active = s.active;
      it->position = s.position;
      it->version = s.version;
    } else {
      RootCause own = s;
      own.builtin = false;
      out.push_back(std::move(own));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const RootCause& a, const RootCause& b) {
    return a.position != b.position ? a.position < b.position : a.key < b.key;
  });
  return out;
}

Status check_root_cause_name(const std::string& name) {
  constexpr std::size_t kMax = 20;
  if (name.find_first_not_of(" \t\r\n") == std::string::npos) return Error::missing("name");
  const std::size_t n = utf8_length(name);
  if (n == std::string::npos || n > kMax)
    return Error::invalid("name", detail::at_most_chars(kMax));
  return {};
}

}  // namespace fupan::reviews
