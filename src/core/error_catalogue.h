// The texts of error details, one catalogue per language: message templates keyed by detail code
// with {name} placeholders for the parameters. The catalogues are error_details.en.json and
// error_details.zh-CN.json beside this file; the build embeds them, the web app imports them into
// vue-i18n (web/src/locales), so the server, the command line and the web app say the same.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error_detail.h"

namespace fupan {

enum class Lang { zh, en };

// Returns the template of `code` in `lang`, "" for none or when the catalogue lacks it.
std::string_view detail_template(DetailCode code, Lang lang);
// Returns the detail in `lang` with its parameters filled in; "" for none.
std::string detail_text(const Detail& detail, Lang lang);
// Returns the keys of the catalogue of `lang` as embedded, in file order (for the catalogue test).
std::vector<std::string_view> catalogue_keys(Lang lang);
// Returns the detail in English, as logs, the command line and import reports show it.
inline std::string english(const Detail& detail) {
  return detail_text(detail, Lang::en);
}

}  // namespace fupan
