// In-process cost of answering requests (no network): the routes that bench/run.sh loads with wrk.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/crypto.h"
#include "demo/demo_org.h"
#include "http/app.h"
#include "service/platform/store_watch.h"
#include "store/migrations.h"

namespace {

using namespace fupan;

struct Fixture {
  Fixture() {
    crypto_init();
    path = std::filesystem::temp_directory_path() /
           ("fupan_http_bench_" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    db = store::open_database(path.string(), 4);
    store::migrate(*db);
    (void)demo::create_demo_org(*db, clock);
    watch = std::make_unique<service::StoreWatch>(*db);
    orgs.load_all(*db);
    app = std::make_unique<http::App>(service::Context{*db, orgs, clock, sessions, scopes},
                                      http::AppOptions{"", false, false});
    // As `fupan serve` runs it: other processes' changes looked for before each request.
    watched = std::make_unique<http::App>(
        service::Context{*db, orgs, clock, sessions, scopes, nullptr, watch.get()},
        http::AppOptions{"", false, false});
    auto login = app->auth().login("manager", demo::kDemoPassword, "127.0.0.1", "bench");
    token = login->token;
  }
  ~Fixture() {
    watched.reset();
    app.reset();
    db.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
  }
  http::Request get(const std::string& path, bool authenticated) {
    http::Request r;
    r.method = "GET";
    auto q = path.find('?');
    r.path = path.substr(0, q);
    if (q != std::string::npos) {
      std::string query = path.substr(q + 1);
      auto eq = query.find('=');
      r.query.emplace(query.substr(0, eq), query.substr(eq + 1));
    }
    if (authenticated) r.headers["authorization"] = "Bearer " + token;
    r.remote_ip = "127.0.0.1";
    return r;
  }

  std::filesystem::path path;
  SystemClock clock;
  std::unique_ptr<store::Database> db;
  service::OrgDirectory orgs;
  service::SessionCache sessions;
  service::ScopeCache scopes;
  std::unique_ptr<service::StoreWatch> watch;
  std::unique_ptr<http::App> app, watched;
  std::string token;
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void run(benchmark::State& state, const std::string& path, bool authenticated,
         bool watched = false) {
  auto& f = fixture();
  http::App& app = watched ? *f.watched : *f.app;
  for (auto _ : state) {
    auto req = f.get(path, authenticated);
    auto res = app.handle(req);
    if (res.status != 200) state.SkipWithError("unexpected status");
    benchmark::DoNotOptimize(res.body.data());
  }
}

void BM_Health(benchmark::State& s) {
  run(s, "/api/health", false);
}
void BM_AuthMe(benchmark::State& s) {
  run(s, "/api/auth/me", true);
}
void BM_UsersList(benchmark::State& s) {
  run(s, "/api/users?page_size=20", true);
}
// The same with the store watch `fupan serve` runs (service/platform/store_watch.h): one read of
// the audit log's newest entries per authenticated request.
void BM_AuthMeWatched(benchmark::State& s) {
  run(s, "/api/auth/me", true, true);
}
BENCHMARK(BM_Health);
BENCHMARK(BM_AuthMe);
BENCHMARK(BM_UsersList);
BENCHMARK(BM_AuthMeWatched);

}  // namespace
