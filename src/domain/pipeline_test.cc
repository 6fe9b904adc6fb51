#include "domain/pipeline.h"

#include <gtest/gtest.h>

#include <functional>

namespace fupan {
namespace {

TEST(Pipeline, StageKindNamesRoundTrip) {
  for (StageKind kind : {StageKind::open, StageKind::won, StageKind::lost}) {
    EXPECT_EQ(parse_stage_kind(stage_kind_name(kind)), kind);
  }
  EXPECT_EQ(stage_kind_name(StageKind::won), "won");
  EXPECT_EQ(parse_stage_kind("Won"), std::nullopt);
  EXPECT_EQ(parse_stage_kind(""), std::nullopt);
  EXPECT_EQ(parse_stage_kind("closed"), std::nullopt);
}

TEST(Pipeline, DefaultStagesFollowTheSpec) {
  const auto stages = default_stages();
  ASSERT_EQ(stages.size(), 6u);
  const char* names[] = {"初步接触", "需求确认", "方案报价", "谈判", "赢单", "输单"};
  const int probabilities[] = {10, 30, 60, 80, 100, 0};
  const StageKind kinds[] = {StageKind::open, StageKind::open, StageKind::open,
                             StageKind::open, StageKind::won,  StageKind::lost};
  for (std::size_t i = 0; i < stages.size(); ++i) {
    EXPECT_EQ(stages[i].id, 0);
    EXPECT_EQ(stages[i].name, names[i]);
    EXPECT_EQ(stages[i].position, static_cast<int>(i) + 1);
    EXPECT_EQ(stages[i].probability, probabilities[i]);
    EXPECT_EQ(stages[i].kind, kinds[i]);
  }
  EXPECT_TRUE(validate_stages(stages).ok());
}

TEST(Pipeline, AcceptsReorderedInputAndSeveralLostStages) {
  std::vector<StageDef> stages = {
      {0, "输给竞品", 9, 0, StageKind::lost},
      {0, "赢单", 5, 100, StageKind::won},
      {0, "谈判", 4, 80, StageKind::open},
      {0, "接触", 1, 10, StageKind::open},
      {0, "报价", 3, 10, StageKind::open},
      {0, "取消", 8, 0, StageKind::lost},
      {0, "三十二个字符的名字也是可以接受的啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊", 2, 10,
       StageKind::open},
  };
  auto status = validate_stages(stages);
  EXPECT_TRUE(status.ok()) << english(status.error().detail);
}

TEST(Pipeline, RejectsBrokenPipelines) {
  struct Case {
    const char* what;
    std::function<void(std::vector<StageDef>&)> change;
    const char* detail;
  };
  const Case cases[] = {
      {"no open stage", [](auto& s) { s.erase(s.begin(), s.begin() + 4); },
       "at least one open stage is required"},
      {"no won stage", [](auto& s) { s.erase(s.begin() + 4); },
       "exactly one won stage is required"},
      {"two won stages",
       [](auto& s) {
         s.push_back({0, "大单赢单", 7, 100, StageKind::won});
       },
       "exactly one won stage is required"},
      {"no lost stage", [](auto& s) { s.pop_back(); }, "at least one lost stage is required"},
      {"won below 100", [](auto& s) { s[4].probability = 90; },
       "won stage \"赢单\" must have probability 100"},
      {"lost above 0", [](auto& s) { s[5].probability = 5; },
       "lost stage \"输单\" must have probability 0"},
      {"empty name", [](auto& s) { s[1].name = ""; }, "stage names must not be blank"},
      {"blank name", [](auto& s) { s[1].name = "  "; }, "stage names must not be blank"},
      {"long name", [](auto& s) { s[1].name = std::string(33, 'x'); },
       "stage name \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" is longer than 32 characters"},
      {"not UTF-8", [](auto& s) { s[1].name = "\xff"; }, "stage names must be UTF-8 text"},
      {"duplicate name", [](auto& s) { s[1].name = "谈判"; }, "stage name \"谈判\" is used twice"},
      {"duplicate position", [](auto& s) { s[5].position = 2; }, "position 2 is used twice"},
      {"probability above 100", [](auto& s) { s[3].probability = 101; },
       "stage \"谈判\": probability must be 0..100"},
      {"negative probability", [](auto& s) { s[0].probability = -1; },
       "stage \"初步接触\": probability must be 0..100"},
      {"probability falls", [](auto& s) { s[2].probability = 20; },
       "open stage \"方案报价\" has a lower probability than the stage before it, \"需求确认\""},
      {"falls by position, not input order",
       [](auto& s) { std::swap(s[0].position, s[3].position); },
       "open stage \"需求确认\" has a lower probability than the stage before it, \"谈判\""},
  };
  for (const auto& c : cases) {
    auto stages = default_stages();
    c.change(stages);
    auto status = validate_stages(stages);
    ASSERT_FALSE(status.ok()) << c.what;
    EXPECT_EQ(status.error().code, ErrorCode::invalid_field) << c.what;
    EXPECT_EQ(status.error().field, "stages") << c.what;
    EXPECT_EQ(english(status.error().detail), c.detail) << c.what;
  }
  EXPECT_FALSE(validate_stages({}).ok());
}

}  // namespace
}  // namespace fupan
