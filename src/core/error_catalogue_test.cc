#include "core/error_catalogue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace fupan {
namespace {

// The {name} placeholders of a template.
std::set<std::string> placeholders(std::string_view t) {
  std::set<std::string> out;
  for (std::size_t open = t.find('{'); open != std::string_view::npos;
       open = t.find('{', open + 1)) {
    const std::size_t close = t.find('}', open);
    if (close == std::string_view::npos) break;
    out.emplace(t.substr(open + 1, close - open - 1));
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every detail code has a message in both languages, and each message names exactly the code's
// parameters: a code added without its messages, or a message with a misspelt placeholder, fails.
TEST(ErrorCatalogue, EveryCodeHasBothMessagesWithItsParameters) {
  ASSERT_FALSE(all_detail_codes().empty());
  for (DetailCode code : all_detail_codes()) {
    const std::string_view name = detail_code_name(code);
    const std::vector<std::string_view> names = detail_param_names(code);
    const std::set<std::string> params(names.begin(), names.end());
    for (Lang lang : {Lang::en, Lang::zh}) {
      const char* language = lang == Lang::en ? "en" : "zh-CN";
      const std::string_view t = detail_template(code, lang);
      EXPECT_FALSE(t.empty()) << name << " has no message in " << language;
      EXPECT_EQ(placeholders(t), params) << name << " in " << language << ": " << t;
    }
  }
}

// Each catalogue holds the codes and nothing else (a stale or misspelt key is no code).
TEST(ErrorCatalogue, CataloguesHoldOnlyDetailCodes) {
  std::set<std::string_view> codes;
  for (DetailCode code : all_detail_codes()) codes.insert(detail_code_name(code));
  for (Lang lang : {Lang::en, Lang::zh}) {
    const std::vector<std::string_view> keys = catalogue_keys(lang);
    for (std::string_view key : keys) EXPECT_TRUE(codes.contains(key)) << key << " is no code";
    EXPECT_EQ(std::set<std::string_view>(keys.begin(), keys.end()).size(), keys.size());
  }
}

// The web app's vue-i18n messages are these same files (errorDetails), so it has the same codes.
TEST(ErrorCatalogue, TheWebAppUsesTheSameCatalogues) {
  for (const auto& [locale, file] :
       {std::pair{"en", "error_details.en.json"}, std::pair{"zh-CN", "error_details.zh-CN.json"}}) {
    const std::string js =
        read_file(std::string(FUPAN_SOURCE_DIR) + "/web/src/locales/" + locale + ".js");
    EXPECT_NE(js.find(std::string("src/core/") + file + "'"), std::string::npos)
        << "web/src/locales/" << locale << ".js does not import src/core/" << file;
    EXPECT_NE(js.find("errorDetails"), std::string::npos) << locale;
  }
}

TEST(ErrorCatalogue, RendersParametersInEitherLanguage) {
  EXPECT_EQ(english(detail::range(1, 12)), "1..12");
  EXPECT_EQ(detail_text(detail::range(1, 12), Lang::zh), "应为 1 到 12");
  EXPECT_EQ(english(detail::line_unknown_field(3, "colour")),
            "line 3: colour is not accepted here");
  EXPECT_EQ(detail_text(detail::line_unknown_field(3, "colour"), Lang::zh),
            "第 3 行：colour 不是可接受的字段");
  EXPECT_EQ(english(detail::string), "must be a string");
  EXPECT_EQ(english(Detail{}), "");
  EXPECT_EQ(detail_code_name(DetailCode::range), "range");
}

}  // namespace
}  // namespace fupan
