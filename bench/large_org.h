// One organisation at the scale of a large company, for benchmarks: 2,000 people in 200 teams
// under 10 regions (some teams nested two levels deep, 5 % of reps moving team once), 200,000
// customers, 1,000,000 opportunities with their stage history, 1,000,000 orders (a share with
// lines) and their payments, 10,000,000 activities and monthly costs, over two years. Rows go
// straight into the tables of store/migrations.cc through Connection::bulk_insert, a
// transaction per table; the values are what the service rules would write.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "store/database.h"

namespace fupan::bench {

// The password of every generated user (admin, manager, rep and u0001…).
inline constexpr const char* kLargeOrgPassword = "fupan-bench";

struct LargeOrgOptions {
  int users = 2000;  // the admin, a director per region, a leader per team, the rest reps
  int teams = 200;   // spread over 10 regions, some nested two levels deep
  int customers = 200'000;
  std::int64_t activities = 10'000'000;
  int opportunities = 1'000'000;
  int orders = 1'000'000;
  // Events fall in [first_day, last_day), local days in Asia/Shanghai (UTC+8): two years.
  LocalDate first_day = LocalDate{std::chrono::year{2024} / 11 / 25};  // a Monday
  LocalDate last_day = LocalDate{std::chrono::year{2026} / 11 / 23};
  std::uint64_t seed = 42;
  double scale = 1.0;  // multiplies every count but users and teams (for quick runs)
  // Called after each table is written (and each planning step, named "plan:…"), if set.
  std::function<void(std::string_view table, std::int64_t rows, double seconds)> progress;
};

struct LargeOrg {
  OrgId org;
  std::vector<UserId> users;  // every user, by id
  std::vector<TeamId> teams;  // by id; parents before their sub-teams
  std::vector<RegionId> regions;
  UserId admin;
  UserId manager;  // leads a top-level team of about 10 reps that has sub-teams
  UserId rep;      // a rep of the manager's own team
};

// Fills a migrated, empty store (SQLite or PostgreSQL) with one org at the scale of `o`. The
// same options give the same rows (only the password hash's salt differs). Throws
// std::invalid_argument when the users cannot staff the teams, store::StoreError when the
// store fails.
LargeOrg generate_large_org(store::Database& db, const LargeOrgOptions& o);

}  // namespace fupan::bench
