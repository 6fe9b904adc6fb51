// The generated SQL of every CRM kind against the migrated tables, on SQLite always and on
// PostgreSQL when FUPAN_TEST_PG_URL names a scratch database: every field has a column that keeps
// its value exactly (money beyond 2^31 分, Chinese text, null), and writes are version-checked.
#include "store/entity_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "store/bulk_load.h"
#include "store/migrations.h"
#include "testkit/test_store.h"

namespace fupan::store {
namespace {

class EntityStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = testkit::TestStore::open(GetParam(), "entity_store_test");
    if (!store_) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
    db_ = &store_->db();
    auto c = db_->acquire();
    OrgRecord org;
    org.name = "测试公司";
    org_ = insert_org(*c, org);
    UserRecord u;
    u.username = "wang.fang";
    u.display_name = "王芳";
    refs_[RefKind::user] = insert_user(*c, org_, u, "hash").value;
    RegionRecord region{RegionId{}, "华东区", "EAST"};
    refs_[RefKind::region] = insert_region(*c, org_, region).value;
    refs_[RefKind::pipeline] =
        c->query(
             "INSERT INTO pipelines (org_id, name, is_default, created_at, updated_at) "
             "VALUES (?, '默认', 1, 0, 0) RETURNING id",
             {org_.value})
            .i64(0, 0);
    refs_[RefKind::stage] =
        c->query(
             "INSERT INTO pipeline_stages (org_id, pipeline_id, name, position, probability, "
             "kind) VALUES (?, ?, '初步接触', 1, 10, 'open') RETURNING id",
             {org_.value, refs_[RefKind::pipeline]})
            .i64(0, 0);
  }
  void TearDown() override { store_.reset(); }

  // A record of `kind` with a value in every field, referring to records made before.
  EntityRecord sample(const EntityKind& kind) {
    EntityRecord r = EntityRecord::empty(kind);
    r.created_at = r.updated_at = instant_from_ms(1'763'900'000'000);
    r.external_id = "X-" + std::string(kind.name);
    for (std::size_t i = 0; i < kind.fields.size(); ++i) {
      const Field& f = kind.fields[i];
      switch (f.type) {
        case FieldType::text:
          r.values[i] = std::string("上海·") + std::string(f.name);
          break;
        case FieldType::integer:
          r.values[i] = std::max<std::int64_t>(f.min, 1);
          break;
        case FieldType::money:
          r.values[i] = std::int64_t{5'000'000'000'123};  // beyond 2^31 分
          break;
        case FieldType::date:
          r.values[i] = std::string("2026-11-23");
          break;
        case FieldType::instant:
          r.values[i] = std::int64_t{1'763'911'800'000};
          break;
        case FieldType::boolean:
          r.values[i] = std::int64_t{1};
          break;
        case FieldType::choice:
          r.values[i] = std::string(f.choices.front().value);
          break;
        case FieldType::tags:
          r.values[i] = std::string("重点,华东");
          break;
        case FieldType::coordinate:
          r.values[i] = std::int64_t{-31'230'416};
          break;
        case FieldType::ref:
          if (refs_.contains(f.ref)) r.values[i] = refs_[f.ref];
          break;
      }
    }
    return r;
  }

  static RefKind ref_of(const EntityKind& k) {
    static const std::map<std::string_view, RefKind> kRefs = {{"customer", RefKind::customer},
                                                              {"opportunity", RefKind::opportunity},
                                                              {"product", RefKind::product},
                                                              {"quote", RefKind::quote},
                                                              {"order", RefKind::order}};
    auto it = kRefs.find(k.name);
    return it == kRefs.end() ? RefKind::none : it->second;
  }

  std::unique_ptr<testkit::TestStore> store_;
  Database* db_ = nullptr;
  OrgId org_;
  std::map<RefKind, std::int64_t> refs_;
};

TEST_P(EntityStoreTest, EveryKindKeepsEveryFieldExactly) {
  auto c = db_->acquire();
  for (const EntityKind* kind : entity_kinds()) {
    SCOPED_TRACE(std::string(kind->name));
    EntityRecord r = sample(*kind);
    r.id = insert_entity(*c, org_, r);
    if (RefKind ref = ref_of(*kind); ref != RefKind::none) refs_[ref] = r.id;
    auto back = find_entity(*c, org_, *kind, r.id);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->values, r.values);
    EXPECT_EQ(back->external_id, r.external_id);
    EXPECT_EQ(back->created_at, r.created_at);
    EXPECT_EQ(find_by_external_id(*c, org_, *kind, *r.external_id), r.id);
  }
}

TEST_P(EntityStoreTest, QueriesFilterSortAndCountWithinTheOrg) {
  auto c = db_->acquire();
  const EntityKind& kind = *find_entity_kind("customer");
  for (int i = 0; i < 5; ++i) {
    EntityRecord r = sample(kind);
    r.external_id = "C" + std::to_string(i);
    r.set("name", std::string("客户") + std::to_string(i));
    insert_entity(*c, org_, r);
  }
  EntityQuery q;
  q.where = "t.name >= ?";
  q.params = {std::string("客户2")};
  q.order_by = "t.name DESC";
  q.limit = 2;
  auto page = query_entities(*c, org_, kind, q);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].text("name"), "客户4");
  EXPECT_EQ(page[1].text("name"), "客户3");
  EXPECT_EQ(count_entities(*c, org_, kind, q), 3);
  EXPECT_EQ(count_entities(*c, OrgId{org_.value + 1}, kind, q), 0);
}

TEST_P(EntityStoreTest, UpdatesAndDeletesCheckTheVersion) {
  auto c = db_->acquire();
  const EntityKind& kind = *find_entity_kind("customer");
  EntityRecord r = sample(kind);
  r.id = insert_entity(*c, org_, r);
  r.set("name", std::string("改名"));
  r.version = 2;
  EXPECT_EQ(update_entity(*c, org_, r, 1).kind, WriteOutcome::done);
  r.version = 3;
  auto stale = update_entity(*c, org_, r, 1);
  EXPECT_EQ(stale.kind, WriteOutcome::stale);
  EXPECT_EQ(stale.current_version, 2);
  EXPECT_EQ(find_entity(*c, org_, kind, r.id)->text("name"), "改名");
  EXPECT_EQ(delete_entity(*c, org_, kind, r.id, 1).kind, WriteOutcome::stale);
  EXPECT_EQ(delete_entity(*c, org_, kind, r.id, 2).kind, WriteOutcome::done);
  EXPECT_EQ(delete_entity(*c, org_, kind, r.id, 2).kind, WriteOutcome::not_found);
}

TEST_P(EntityStoreTest, BulkInsertLoadsWhatSingleInsertsWould) {
  auto c = db_->acquire();
  const EntityKind& kind = *find_entity_kind("customer");
  std::vector<EntityRecord> records;
  for (int i = 0; i < 1000; ++i) {
    EntityRecord r = sample(kind);
    r.external_id = "B" + std::to_string(i);
    r.set("notes", i % 2 ? FieldValue{} : FieldValue{std::string("含\t制表符\n和换行")});
    records.push_back(std::move(r));
  }
  {
    Transaction tx(*c, true);
    bulk_insert_entities(*c, org_, records);
    tx.commit();
  }
  EntityQuery q;
  q.order_by = "t.external_id";
  q.limit = 2000;
  auto all = query_entities(*c, org_, kind, q);
  ASSERT_EQ(all.size(), 1000u);
  auto b0 = find_by_external_id(*c, org_, kind, "B0");
  ASSERT_TRUE(b0.has_value());
  EXPECT_EQ(find_entity(*c, org_, kind, *b0)->text("notes"), "含\t制表符\n和换行");
  auto b1 = find_by_external_id(*c, org_, kind, "B1");
  EXPECT_TRUE(find_entity(*c, org_, kind, *b1)->is_null("notes"));
}

TEST_P(EntityStoreTest, ABulkLoadBuildsTheDroppedIndexesAgain) {
  auto c = db_->acquire();
  const char* indexes =
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers' "
      "ORDER BY name";
  auto count_indexes = [&] { return c->query(indexes).size(); };
  const std::size_t before = GetParam() == "sqlite" ? count_indexes() : 0;
  const EntityKind& kind = *find_entity_kind("customer");
  std::vector<EntityRecord> records;
  for (int i = 0; i < 100; ++i) {
    EntityRecord r = sample(kind);
    r.external_id = "L" + std::to_string(i);
    records.push_back(std::move(r));
  }
  {
    Transaction tx(*c, true);
    BulkLoad load(*c, "customers");
    if (GetParam() == "sqlite") {
      EXPECT_EQ(load.dropped(), 6u);  // all but the unique external id index
      EXPECT_EQ(count_indexes(), before - 6);
    } else {
      EXPECT_EQ(load.dropped(), 0u);  // PostgreSQL keeps its indexes (readers)
    }
    bulk_insert_entities(*c, org_, records);
    load.finish();
    tx.commit();
  }
  if (GetParam() == "sqlite") {
    EXPECT_EQ(count_indexes(), before);
    EXPECT_EQ(c->query("PRAGMA integrity_check").str(0, 0), "ok");
  }
  EXPECT_EQ(find_by_external_id(*c, org_, kind, "L42").has_value(), true);
}

INSTANTIATE_TEST_SUITE_P(Drivers, EntityStoreTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace fupan::store
