#include "domain/reviews/action_item.h"

#include <gtest/gtest.h>

namespace fupan::reviews {
namespace {

LocalDate day(int y, unsigned m, unsigned d) {
  return LocalDate{std::chrono::year{y} / static_cast<int>(m) / static_cast<int>(d)};
}

TEST(ActionItem, DueNoEarlierThanTheReviewedPeriod) {
  const Period november = parse_period("2026-11").value();
  ActionItem a;
  a.title = "每周拜访重点客户三家";
  a.due = day(2026, 11, 1);
  EXPECT_TRUE(check_action_item(a, november).ok());
  a.due = day(2026, 10, 31);
  const auto s = check_action_item(a, november);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "due_date");
  a.due = day(2026, 12, 31);
  a.title = " ";
  EXPECT_EQ(check_action_item(a, november).error().code, ErrorCode::missing_field);
  a.title = std::string(201, 'x');
  EXPECT_EQ(check_action_item(a, november).error().field, "title");
}

TEST(ActionItem, OverdueFromTheDayAfterItsDueDate) {
  ActionItem a;
  a.due = day(2027, 1, 1);
  EXPECT_FALSE(is_overdue(a, day(2027, 1, 1)));
  EXPECT_TRUE(is_overdue(a, day(2027, 1, 2)));
  ASSERT_TRUE(mark_done(a, Instant{}, "已完成").ok());
  EXPECT_FALSE(is_overdue(a, day(2027, 1, 2)));
  EXPECT_EQ(a.done_note, "已完成");
  EXPECT_EQ(mark_done(a, Instant{}, "again").error().code, ErrorCode::forbidden);
  ActionItem b;
  EXPECT_EQ(mark_done(b, Instant{}, std::string(1001, 'x')).error().field, "note");
  EXPECT_EQ(b.status, ActionStatus::open);
}

TEST(ActionItem, TallyPutsEachInOnePlace) {
  std::vector<ActionItem> items(4);
  items[0].due = day(2028, 2, 29);
  items[1].due = day(2028, 3, 1);
  items[2].due = day(2028, 2, 28);
  items[3].due = day(2028, 2, 1);
  items[3].status = ActionStatus::done;
  const auto t = tally(items, day(2028, 3, 1));
  EXPECT_EQ(t.done, 1);
  EXPECT_EQ(t.overdue, 2);  // due 28 and 29 February
  EXPECT_EQ(t.open, 1);
  EXPECT_EQ(t.total(), 4);
}

TEST(ActionItem, MetricMovement) {
  EXPECT_EQ(movement(10, 12), "up");
  EXPECT_EQ(movement(10, 9.5), "down");
  EXPECT_EQ(movement(3, 3), "flat");
  EXPECT_EQ(movement(std::nullopt, 3), "unknown");
  EXPECT_EQ(parse_action_status("done"), ActionStatus::done);
}

}  // namespace
}  // namespace fupan::reviews
