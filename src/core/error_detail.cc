#include "core/error_detail.h"

#include <array>

namespace fupan {
namespace {

struct Spec {
  std::string_view name;
  std::string_view params;  // space-separated
};

#define FUPAN_PLAIN_SPEC(name) {#name, ""},
#define FUPAN_PARAM_SPEC(name, params) {#name, params},
constexpr Spec kSpecs[] = {{"", ""},  // none
                           FUPAN_PLAIN_DETAILS(FUPAN_PLAIN_SPEC)
                               FUPAN_PARAM_DETAILS(FUPAN_PARAM_SPEC)};
#undef FUPAN_PLAIN_SPEC
#undef FUPAN_PARAM_SPEC

constexpr std::size_t kCount = std::size(kSpecs);

constexpr auto kAllCodes = [] {
  std::array<DetailCode, kCount - 1> all{};
  for (std::size_t i = 1; i < kCount; ++i) all[i - 1] = static_cast<DetailCode>(i);
  return all;
}();

}  // namespace

std::string_view detail_code_name(DetailCode code) {
  const auto i = static_cast<std::size_t>(code);
  return i < kCount ? kSpecs[i].name : "";
}

std::vector<std::string_view> detail_param_names(DetailCode code) {
  const auto i = static_cast<std::size_t>(code);
  std::vector<std::string_view> out;
  if (i >= kCount) return out;
  std::string_view rest = kSpecs[i].params;
  while (!rest.empty()) {
    const std::size_t sp = rest.find(' ');
    out.push_back(rest.substr(0, sp));
    rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
  }
  return out;
}

std::span<const DetailCode> all_detail_codes() {
  return kAllCodes;
}

}  // namespace fupan
