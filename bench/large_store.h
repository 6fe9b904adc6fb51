// The large org (large_org.h) in a store kept between runs, with its analytics index, shared by
// the benchmarks that ask it questions.
// SQLite: FUPAN_BENCH_LARGE_DB (default /tmp/fupan_large_org.db), generated on first use and kept.
// PostgreSQL: FUPAN_BENCH_ANALYTICS_PG_URL, generated there when its orgs table is empty.
// FUPAN_BENCH_SCALE shrinks the org for quick runs (a new SQLite file is made per scale).
#pragma once

#include <memory>
#include <string>

#include "engine/analytics.h"
#include "service/platform/org_directory.h"
#include "store/database.h"

namespace fupan::bench {

struct LargeStore {
  explicit LargeStore(const std::string& url);
  // The index of the org, built at the first call.
  engine::Analytics& analytics();

  std::unique_ptr<store::Database> db;
  service::OrgDirectory orgs;
  std::shared_ptr<const OrgSnapshot> snapshot;
  OrgId org;
  UserId rep;  // the member with the most orders
  std::unique_ptr<engine::Analytics> engine_;
};

// The SQLite store (made on first use), and the PostgreSQL one (null when not configured).
LargeStore* sqlite_store();
LargeStore* pg_store();

}  // namespace fupan::bench
