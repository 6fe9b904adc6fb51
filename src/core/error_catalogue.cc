#include "core/error_catalogue.h"

#include <utility>
#include <vector>

// The catalogues as the build embeds them (CMakeLists.txt writes this table from the JSON files).
namespace fupan::generated {
using CatalogueEntry = std::pair<std::string_view, std::string_view>;
extern const CatalogueEntry kErrorDetailsEn[];
extern const std::size_t kErrorDetailsEnCount;
extern const CatalogueEntry kErrorDetailsZh[];
extern const std::size_t kErrorDetailsZhCount;
}  // namespace fupan::generated

namespace fupan {
namespace {

// One language's templates indexed by code.
std::vector<std::string_view> by_code(const generated::CatalogueEntry* entries, std::size_t n) {
  std::vector<std::string_view> out(all_detail_codes().size() + 1);
  for (DetailCode code : all_detail_codes()) {
    for (std::size_t i = 0; i < n; ++i) {
      if (entries[i].first == detail_code_name(code))
        out[static_cast<std::size_t>(code)] = entries[i].second;
    }
  }
  return out;
}

const std::vector<std::string_view>& templates(Lang lang) {
  static const auto en = by_code(generated::kErrorDetailsEn, generated::kErrorDetailsEnCount);
  static const auto zh = by_code(generated::kErrorDetailsZh, generated::kErrorDetailsZhCount);
  return lang == Lang::en ? en : zh;
}

std::string param_text(const DetailParam& p) {
  if (const auto* n = std::get_if<std::int64_t>(&p)) return std::to_string(*n);
  return std::get<std::string>(p);
}

}  // namespace

std::string_view detail_template(DetailCode code, Lang lang) {
  const auto& t = templates(lang);
  const auto i = static_cast<std::size_t>(code);
  return i < t.size() ? t[i] : std::string_view();
}

std::string detail_text(const Detail& detail, Lang lang) {
  const std::string_view tmpl = detail_template(detail.code, lang);
  const std::vector<std::string_view> names = detail_param_names(detail.code);
  std::string out;
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const std::size_t open = tmpl.find('{', i);
    const std::size_t close = open == std::string_view::npos ? open : tmpl.find('}', open);
    if (close == std::string_view::npos) break;
    out += tmpl.substr(i, open - i);
    const std::string_view name = tmpl.substr(open + 1, close - open - 1);
    std::size_t k = 0;
    while (k < names.size() && names[k] != name) ++k;
    if (k < detail.params.size()) {
      out += param_text(detail.params[k]);
    } else {
      out += tmpl.substr(open, close - open + 1);  // a parameter it lacks stays visible
    }
    i = close + 1;
  }
  if (i < tmpl.size()) out += tmpl.substr(i);
  return out;
}

std::vector<std::string_view> catalogue_keys(Lang lang) {
  std::vector<std::string_view> keys;
  const auto* entries = lang == Lang::en ? generated::kErrorDetailsEn : generated::kErrorDetailsZh;
  const std::size_t n =
      lang == Lang::en ? generated::kErrorDetailsEnCount : generated::kErrorDetailsZhCount;
  for (std::size_t i = 0; i < n; ++i) keys.push_back(entries[i].first);
  return keys;
}

}  // namespace fupan
