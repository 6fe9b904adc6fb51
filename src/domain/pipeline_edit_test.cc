#include "domain/pipeline_edit.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

std::vector<StageDef> stored() {
  return {
      {11, "初步接触", 1, 10, StageKind::open},
      {12, "谈判", 2, 80, StageKind::open},
      {13, "赢单", 3, 100, StageKind::won},
      {14, "输单", 4, 0, StageKind::lost},
  };
}

std::vector<std::int64_t> ids(const std::vector<StageDef>& stages) {
  std::vector<std::int64_t> out;
  for (const StageDef& s : stages) out.push_back(s.id);
  return out;
}

TEST(PlanStageEdit, SplitsTheRequestIntoInsertsUpdatesAndRemovals) {
  const std::vector<StageDef> requested = {
      {11, "初步接触", 1, 10, StageKind::open},
      {0, "方案报价", 2, 60, StageKind::open},
      {13, "赢单", 3, 100, StageKind::won},
      {14, "输单", 4, 0, StageKind::lost},
  };
  auto plan = plan_stage_edit(stored(), requested);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(ids(plan->updates), (std::vector<std::int64_t>{11, 13, 14}));
  ASSERT_EQ(plan->inserts.size(), 1u);
  EXPECT_EQ(plan->inserts[0].name, "方案报价");
  EXPECT_EQ(plan->inserts[0].position, 2);
  EXPECT_EQ(ids(plan->removals), (std::vector<std::int64_t>{12}));
  EXPECT_EQ(plan->removals[0].name, "谈判");
  EXPECT_TRUE(plan->kind_changes.empty());
}

TEST(PlanStageEdit, UpdatesCarryTheRequestedValues) {
  std::vector<StageDef> requested = stored();
  requested[1].name = "商务谈判";
  requested[1].probability = 70;
  std::swap(requested[0].position, requested[1].position);
  auto plan = plan_stage_edit(stored(), requested);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->updates.size(), 4u);
  EXPECT_EQ(plan->updates[1].name, "商务谈判");
  EXPECT_EQ(plan->updates[1].probability, 70);
  EXPECT_EQ(plan->updates[1].position, 1);
  EXPECT_TRUE(plan->removals.empty());
  EXPECT_TRUE(plan->inserts.empty());
}

TEST(PlanStageEdit, NotesKindChangesWithTheStoredStage) {
  std::vector<StageDef> requested = stored();
  requested[1].kind = StageKind::lost;
  auto plan = plan_stage_edit(stored(), requested);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->kind_changes.size(), 1u);
  EXPECT_EQ(plan->kind_changes[0].id, 12);
  EXPECT_EQ(plan->kind_changes[0].kind, StageKind::open);
}

TEST(PlanStageEdit, RejectsAnIdOfAnotherPipeline) {
  std::vector<StageDef> requested = stored();
  requested[0].id = 99;
  auto plan = plan_stage_edit(stored(), requested);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::invalid_field);
  EXPECT_EQ(plan.error().field, "stages");
  EXPECT_EQ(english(plan.error().detail), "stage 99 is not in this pipeline");
}

TEST(PlanStageEdit, RejectsAStageListedTwice) {
  std::vector<StageDef> requested = stored();
  requested[1].id = 11;
  auto plan = plan_stage_edit(stored(), requested);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(english(plan.error().detail), "stage 11 is listed twice");
}

TEST(PlanStageEdit, AnEmptyRequestRemovesEverything) {
  auto plan = plan_stage_edit(stored(), {});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(ids(plan->removals), (std::vector<std::int64_t>{11, 12, 13, 14}));
}

}  // namespace
}  // namespace fupan
