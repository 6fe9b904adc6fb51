#include "large_store.h"

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "core/crypto.h"
#include "large_org.h"
#include "store/metric_settings_store.h"
#include "store/migrations.h"

namespace fupan::bench {
namespace {

double scale() {
  const char* s = std::getenv("FUPAN_BENCH_SCALE");
  return s ? std::strtod(s, nullptr) : 1.0;
}

}  // namespace

LargeStore::LargeStore(const std::string& url) {
  crypto_init();
  db = store::open_database(url, 4);
  store::migrate(*db);
  std::int64_t orgs_there = 0;
  {
    auto c = db->acquire();
    orgs_there = c->query("SELECT COUNT(*) FROM orgs", {}).i64(0, 0);
  }
  if (orgs_there == 0) {
    LargeOrgOptions o;
    o.scale = scale();
    o.progress = [](std::string_view table, std::int64_t rows, double s) {
      std::cerr << "  generated " << table << ": " << rows << " rows in " << s << " s\n";
    };
    const auto t0 = std::chrono::steady_clock::now();
    generate_large_org(*db, o);
    std::cerr << "large org generated in "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
              << " s\n";
  }
  auto c = db->acquire();
  org = OrgId{c->query("SELECT MIN(id) FROM orgs", {}).i64(0, 0)};
  orgs.load_all(*db);
  snapshot = orgs.get(org);
  rep = UserId{c->query("SELECT owner_id FROM orders WHERE org_id = ? GROUP BY owner_id ORDER BY "
                        "COUNT(*) DESC LIMIT 1",
                        {org.value})
                   .i64(0, 0)};
}

engine::Analytics& LargeStore::analytics() {
  if (!engine_) {
    engine_ = std::make_unique<engine::Analytics>(*db, store::read_metric_settings);
    engine_->warm(org);
  }
  return *engine_;
}

LargeStore* sqlite_store() {
  static LargeStore s([] {
    if (const char* p = std::getenv("FUPAN_BENCH_LARGE_DB")) return std::string(p);
    const double f = scale();
    return f == 1.0 ? std::string("/tmp/fupan_large_org.db")
                    : "/tmp/fupan_large_org_" + std::to_string(f) + ".db";
  }());
  return &s;
}

LargeStore* pg_store() {
  const char* url = std::getenv("FUPAN_BENCH_ANALYTICS_PG_URL");
  if (!url) return nullptr;
  static LargeStore s(url);
  return &s;
}

}  // namespace fupan::bench
