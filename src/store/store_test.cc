// The store on SQLite always, and on PostgreSQL when FUPAN_TEST_PG_URL names a scratch database.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "store/audit_store.h"
#include "store/migrations.h"
#include "store/org_store.h"
#include "testkit/test_store.h"

namespace fupan::store {
namespace {

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = testkit::TestStore::open(GetParam(), "store_test_" + std::to_string(++counter_));
    if (!store_) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
    db_ = &store_->db();
    auto c = db_->acquire();
    OrgRecord org;
    org.name = "测试公司";
    org_ = insert_org(*c, org);
  }
  void TearDown() override { store_.reset(); }

  static inline int counter_ = 0;
  std::unique_ptr<testkit::TestStore> store_;
  Database* db_ = nullptr;
  OrgId org_;
};

TEST_P(StoreTest, MigrationsAreIdempotent) {
  EXPECT_EQ(migrate(*db_), 0);
  EXPECT_EQ(schema_version(*db_), all_migrations().back().version);
}

TEST_P(StoreTest, VersionCheckedUpdateRefusesAStaleVersion) {
  auto c = db_->acquire();
  RegionRecord r{RegionId{}, "华东区", "EAST"};
  r.id = insert_region(*c, org_, r);
  r.name = "华东大区";
  EXPECT_TRUE(update_region(*c, org_, r, 1) == WriteOutcome::done);
  r.name = "被覆盖";
  auto stale = update_region(*c, org_, r, 1);
  EXPECT_TRUE(stale == WriteOutcome::stale);
  EXPECT_EQ(stale.current_version, 2);
  auto regions = list_regions(*c, org_);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_EQ(regions[0].name, "华东大区");
  EXPECT_EQ(regions[0].version, 2);
  RegionRecord missing{RegionId{9999}, "x"};
  EXPECT_TRUE(update_region(*c, org_, missing, 1) == WriteOutcome::not_found);
}

TEST_P(StoreTest, ConstraintViolationsAreClassified) {
  auto c = db_->acquire();
  RegionRecord r{RegionId{}, "华南区"};
  r.id = insert_region(*c, org_, r);
  try {
    insert_region(*c, org_, r);
    FAIL() << "duplicate name accepted";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::unique);
  }
  TeamRecord t;
  t.region_id = r.id;
  t.name = "广州团队";
  insert_team(*c, org_, t);
  try {
    delete_region(*c, org_, r.id, 1);
    FAIL() << "region with teams deleted";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::foreign_key);
  }
}

TEST_P(StoreTest, TransactionsRollBackUnlessCommitted) {
  auto c = db_->acquire();
  {
    Transaction tx(*c, true);
    insert_region(*c, org_, RegionRecord{RegionId{}, "华北区"});
  }
  EXPECT_TRUE(list_regions(*c, org_).empty());
}

TEST_P(StoreTest, UsersKeepRolesAndBulkInsertLoadsRows) {
  auto c = db_->acquire();
  UserRecord u;
  u.username = "li.na";
  u.display_name = "李娜";
  u.roles = RoleSet{Role::manager, Role::rep};
  u.id = insert_user(*c, org_, u, "hash");
  auto users = list_users(*c, org_);
  ASSERT_EQ(users.size(), 1u);
  EXPECT_TRUE(users[0].roles.has(Role::manager));
  EXPECT_TRUE(users[0].roles.has(Role::rep));
  EXPECT_FALSE(users[0].roles.has(Role::admin));
  EXPECT_EQ(find_login(*c, "li.na")->id, u.id);

  std::vector<std::string> cols = {"org_id", "at", "action", "entity", "before_json"};
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 1000; ++i) {
    rows.push_back({org_.value, std::int64_t{i}, std::string("create"), std::string("tab\there"),
                    i % 2 ? Value{} : Value{std::string("{\"k\":\"换行\\n\"}")}});
  }
  {
    Transaction tx(*c, true);
    c->bulk_insert("audit_log", cols, rows);
    tx.commit();
  }
  AuditQuery q;
  q.entity = "tab\there";
  EXPECT_EQ(count_audit(*c, org_, q), 1000);
  q.limit = 1;
  auto last = list_audit(*c, org_, q);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].at, instant_from_ms(999));
  EXPECT_FALSE(last[0].before_json.has_value());
}

INSTANTIATE_TEST_SUITE_P(Drivers, StoreTest, ::testing::Values("sqlite", "postgres"));

// Makes `c`'s schema as a build of schema version `last` made it: its migrations applied one by
// one, `strip` (text an older build's SQL lacked) removed from them.
void migrate_sqlite_until(Connection& c, int last, std::string_view strip = {}) {
  c.exec_script(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
      " applied_at BIGINT NOT NULL)");
  for (const Migration& m : all_migrations()) {
    if (m.version > last) break;
    std::string sql = render_migration(m.sql, Dialect::sqlite);
    for (std::size_t at; !strip.empty() && (at = sql.find(strip)) != std::string::npos;)
      sql.erase(at, strip.size());
    if (!sql.empty()) c.exec_script(sql);
    if (m.sqlite_step) m.sqlite_step(c);
    c.exec("INSERT INTO schema_migrations VALUES (?, ?, 0)", {std::int64_t{m.version}, m.name});
  }
}

// A SQLite store made before ids were never reused: its tables take AUTOINCREMENT in the rebuild
// of migration 5, keeping every row, index and reference; a deleted newest id is not given again.
TEST(Migrations, SqliteTablesMadeBeforeAutoincrementAreRebuilt) {
  const auto dir = std::filesystem::temp_directory_path() / "fupan_rebuild_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = open_database((dir / "old.db").string());
  {
    auto c = db->acquire();
    migrate_sqlite_until(*c, 4, " AUTOINCREMENT");
    OrgRecord org;
    org.name = "旧库";
    const OrgId id = insert_org(*c, org);
    insert_region(*c, id, RegionRecord{RegionId{}, "华东区", "EAST"});
    const RegionId newest = insert_region(*c, id, RegionRecord{RegionId{}, "华南区", "SOUTH"});
    c->exec("DELETE FROM regions WHERE id = ?", {newest.value});
  }
  EXPECT_EQ(migrate(*db), static_cast<int>(all_migrations().size()) - 4);
  {
    auto c = db->acquire();
    auto sql = c->query("SELECT sql FROM sqlite_master WHERE name = 'regions'", {});
    EXPECT_NE(sql.str(0, 0).find("AUTOINCREMENT"), std::string::npos);
    auto regions = list_regions(*c, OrgId{1});
    ASSERT_EQ(regions.size(), 1u);
    EXPECT_EQ(regions[0].name, "华东区");
    // The id deleted before the rebuild is unknowable to it; from now on none is given twice.
    const RegionId second = insert_region(*c, OrgId{1}, RegionRecord{RegionId{}, "华北区", "N"});
    c->exec("DELETE FROM regions WHERE id = ?", {second.value});
    const RegionId third = insert_region(*c, OrgId{1}, RegionRecord{RegionId{}, "西南区", "SW"});
    EXPECT_EQ(third.value, second.value + 1) << "a deleted id is not reused";
    EXPECT_TRUE(c->query("PRAGMA foreign_key_check", {}).empty());
    EXPECT_FALSE(
        c->query("SELECT name FROM sqlite_master WHERE name = 'teams_parent'", {}).empty());
    EXPECT_EQ(c->query("PRAGMA foreign_keys", {}).i64(0, 0), 1);
  }
  db.reset();
  std::filesystem::remove_all(dir);
}

// A SQLite store of schema 7 takes the targets' one key in migration 8's rebuild: every target,
// id and adjustment kept, a deleted newest id still not given again, and a second target for the
// same metric, scope and period still refused.
TEST(Migrations, SqliteTargetsRebuiltWithOneKeyKeepEverything) {
  const auto dir = std::filesystem::temp_directory_path() / "fupan_targets_key_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = open_database((dir / "v7.db").string());
  {
    auto c = db->acquire();
    migrate_sqlite_until(*c, 7);
    OrgRecord org;
    org.name = "旧目标";
    const OrgId id = insert_org(*c, org);
    const char* insert =
        "INSERT INTO targets (org_id, metric, scope_type, scope_id, period, start_day, end_day, "
        "value, original_value, version, created_at, updated_at) VALUES (?, 'orders_amount', "
        "'user', 7, ?, ?, ?, ?, ?, 1, 0, 0)";
    c->exec(insert, {id.value, "2026", "2026-01-01", "2027-01-01", 1200, 1000});
    c->exec(insert, {id.value, "2026-12", "2026-12-01", "2027-01-01", 100, 100});
    c->exec(insert, {id.value, "2026-12-07", "2026-12-07", "2026-12-08", 5, 5});
    c->exec("DELETE FROM targets WHERE period = '2026-12-07'", {});
    c->exec(
        "INSERT INTO target_adjustments (org_id, target_id, old_value, new_value, reason, "
        "user_id, at) VALUES (?, 1, 1000, 1200, '年中调整', ?, 0)",
        {id.value, insert_user(*c, id, UserRecord{.username = "wang"}, "hash").value});
  }
  EXPECT_EQ(migrate(*db), static_cast<int>(all_migrations().size()) - 7);
  {
    auto c = db->acquire();
    auto rows = c->query("SELECT id, period, value, original_value FROM targets ORDER BY id", {});
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows.i64(0, 0), 1);
    EXPECT_EQ(rows.i64(0, 2), 1200);
    EXPECT_EQ(rows.i64(0, 3), 1000);
    EXPECT_EQ(rows.str(1, 1), "2026-12");
    auto indexes = c->query(
        "SELECT name FROM sqlite_master WHERE tbl_name = 'targets' AND type = 'index' "
        "ORDER BY name",
        {});
    ASSERT_EQ(indexes.size(), 1u);
    EXPECT_EQ(indexes.str(0, 0), "targets_key");
    c->exec(
        "INSERT INTO targets (org_id, metric, scope_type, scope_id, period, start_day, "
        "end_day, value, version, created_at, updated_at) VALUES (1, 'orders_amount', 'user', "
        "7, '2026-12-08', '2026-12-08', '2026-12-09', 5, 1, 0, 0)",
        {});
    EXPECT_EQ(c->query("SELECT MAX(id) FROM targets", {}).i64(0, 0), 4) << "id 3 was used";
    EXPECT_THROW(c->exec("INSERT INTO targets (org_id, metric, scope_type, scope_id, period, "
                         "start_day, end_day, value, version, created_at, updated_at) VALUES (1, "
                         "'orders_amount', 'user', 7, '2026', '2026-01-01', '2027-01-01', 1, 1, "
                         "0, 0)",
                         {}),
                 StoreError);
    EXPECT_EQ(c->query("SELECT COUNT(*) FROM target_adjustments WHERE target_id = 1", {}).i64(0, 0),
              1);
    EXPECT_TRUE(c->query("PRAGMA foreign_key_check", {}).empty());
  }
  db.reset();
  std::filesystem::remove_all(dir);
}

// Every target deleted before migration 8: the rebuilt table copies no row, and still gives no
// id again.
TEST(Migrations, SqliteTargetsRebuiltEmptyKeepTheirIdSequence) {
  const auto dir = std::filesystem::temp_directory_path() / "fupan_targets_seq_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = open_database((dir / "v7.db").string());
  const char* insert =
      "INSERT INTO targets (org_id, metric, scope_type, scope_id, period, start_day, end_day, "
      "value, version, created_at, updated_at) VALUES (1, 'visits', 'user', 7, '2026-12', "
      "'2026-12-01', '2027-01-01', 10, 1, 0, 0)";
  {
    auto c = db->acquire();
    migrate_sqlite_until(*c, 7);
    OrgRecord org;
    org.name = "空目标";
    insert_org(*c, org);
    c->exec(insert, {});
    c->exec("DELETE FROM targets", {});
  }
  migrate(*db);
  {
    auto c = db->acquire();
    c->exec(insert, {});
    EXPECT_EQ(c->query("SELECT id FROM targets", {}).i64(0, 0), 2) << "id 1 is not given again";
  }
  db.reset();
  std::filesystem::remove_all(dir);
}

// Returns table -> column names as the store reports them.
std::map<std::string, std::set<std::string>> columns(Database& db) {
  std::map<std::string, std::set<std::string>> out;
  auto c = db.acquire();
  if (db.dialect() == Dialect::sqlite) {
    auto tables = c->query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", {});
    for (std::size_t i = 0; i < tables.size(); ++i) {
      auto cols = c->query("SELECT name FROM pragma_table_info(?)", {tables.str(i, 0)});
      for (std::size_t j = 0; j < cols.size(); ++j) out[tables.str(i, 0)].insert(cols.str(j, 0));
    }
  } else {
    auto cols = c->query(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
        "'public'",
        {});
    for (std::size_t i = 0; i < cols.size(); ++i) out[cols.str(i, 0)].insert(cols.str(i, 1));
  }
  return out;
}

// The migration check: both drivers end with the same tables and columns.
TEST(Migrations, SameSchemaOnBothDrivers) {
  auto pg = testkit::TestStore::open("postgres", "schema", 1);
  if (!pg) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
  auto lite = testkit::TestStore::open("sqlite", "schema", 1);
  EXPECT_EQ(columns(lite->db()), columns(pg->db()));
}

}  // namespace
}  // namespace fupan::store
