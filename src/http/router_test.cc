#include "http/router.h"

#include <gtest/gtest.h>

namespace fupan::http {
namespace {

Response tagged(int tag) {
  Response r;
  r.status = tag;
  return r;
}

TEST(Router, MatchesParamsAndPrefersLiterals) {
  Router router;
  router.add("GET", "/api/users/{id}", [](Request&) { return tagged(1); });
  router.add("GET", "/api/users/me", [](Request&) { return tagged(2); });
  router.add("POST", "/api/users/{id}/password", [](Request&) { return tagged(3); });
  Request req;
  req.method = "GET";
  req.path = "/api/users/42";
  auto found = router.find(req);
  ASSERT_EQ(found.match, Router::Match::found);
  EXPECT_EQ((*found.handler)(req)->status, 1);
  EXPECT_EQ(req.params["id"], "42");
  req.path = "/api/users/me";
  EXPECT_EQ((*router.find(req).handler)(req)->status, 2);
  req.method = "DELETE";
  EXPECT_EQ(router.find(req).match, Router::Match::wrong_method);
  req.path = "/api/nothing";
  EXPECT_EQ(router.find(req).match, Router::Match::none);
}

TEST(Router, SplitsPaths) {
  EXPECT_EQ(split_path("//api//users/"), (std::vector<std::string>{"api", "users"}));
  EXPECT_TRUE(split_path("/").empty());
}

}  // namespace
}  // namespace fupan::http
