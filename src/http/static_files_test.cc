#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fupan::http {
namespace {

namespace fs = std::filesystem;

TEST(AcceptEncoding, ReadsCodingsAndRefusesWeightZero) {
  auto a = parse_accept_encoding("gzip, deflate, br");
  EXPECT_TRUE(a.br);
  EXPECT_TRUE(a.gzip);
  a = parse_accept_encoding("gzip;q=1.0, br;q=0");
  EXPECT_FALSE(a.br);
  EXPECT_TRUE(a.gzip);
  a = parse_accept_encoding("br;q=0.5,gzip;q=0.000");
  EXPECT_TRUE(a.br);
  EXPECT_FALSE(a.gzip);
  a = parse_accept_encoding("");
  EXPECT_FALSE(a.br || a.gzip);
  a = parse_accept_encoding("identity, x-gzip");
  EXPECT_TRUE(a.gzip);
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("fupan_static_" + std::to_string(::getpid()));
    fs::create_directories(root_ / "assets");
    write("index.html", "<html>app</html>");
    write("assets/app-1a2b.js", "console.log(1)");
    write("assets/app-1a2b.js.br", "BR");
    write("assets/app-1a2b.js.gz", "GZ");
    write("assets/plain-3c4d.css", "body{}");
    write("favicon.ico", "ICO");
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& name, const std::string& body) {
    std::ofstream(root_ / name, std::ios::binary) << body;
  }
  static std::string header(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesTheCompressedTwinTheBrowserAccepts) {
  StaticFiles files(root_.string());
  auto br = files.serve("/assets/app-1a2b.js", "gzip, br");
  ASSERT_TRUE(br);
  EXPECT_EQ(br->body, "BR");
  EXPECT_EQ(header(*br, "Content-Encoding"), "br");
  EXPECT_EQ(header(*br, "Vary"), "Accept-Encoding");
  EXPECT_EQ(br->content_type, "text/javascript; charset=utf-8");
  auto gz = files.serve("/assets/app-1a2b.js", "gzip");
  EXPECT_EQ(gz->body, "GZ");
  EXPECT_EQ(header(*gz, "Content-Encoding"), "gzip");
  auto plain = files.serve("/assets/app-1a2b.js", "");
  EXPECT_EQ(plain->body, "console.log(1)");
  EXPECT_EQ(header(*plain, "Content-Encoding"), "");
  // No twin: the file as it is, whatever is accepted (twice: the miss is remembered).
  for (int i = 0; i < 2; ++i) {
    auto css = files.serve("/assets/plain-3c4d.css", "br, gzip");
    EXPECT_EQ(css->body, "body{}");
    EXPECT_EQ(header(*css, "Content-Encoding"), "");
  }
}

TEST_F(StaticFilesTest, CachesHashedAssetsForAYearAndRevalidatesTheRest) {
  StaticFiles files(root_.string());
  EXPECT_EQ(header(*files.serve("/assets/app-1a2b.js"), "Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(header(*files.serve("/"), "Cache-Control"), "no-cache");
  EXPECT_EQ(header(*files.serve("/favicon.ico"), "Cache-Control"), "no-cache");
  // An app route answers index.html, revalidated.
  auto route = files.serve("/customers/12");
  EXPECT_EQ(route->body, "<html>app</html>");
  EXPECT_EQ(header(*route, "Cache-Control"), "no-cache");
  // index.html is read again each time: a new build shows without a restart.
  write("index.html", "<html>new</html>");
  EXPECT_EQ(files.serve("/")->body, "<html>new</html>");
}

}  // namespace
}  // namespace fupan::http
