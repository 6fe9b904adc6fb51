#include "domain/receivable_aging.h"

#include <gtest/gtest.h>

namespace fupan {
namespace {

LocalDate day(std::string_view text) {
  return *parse_date(text);
}

TEST(Aging, BucketsByDaysPastDue) {
  struct Case {
    std::string_view due, as_of;
    AgingBucket bucket;
  };
  const Case cases[] = {
      {"2026-12-01", "2026-11-23", AgingBucket::d0_30},     // not yet due
      {"2026-11-23", "2026-11-23", AgingBucket::d0_30},     // due today
      {"2026-10-24", "2026-11-23", AgingBucket::d0_30},     // 30 days
      {"2026-10-23", "2026-11-23", AgingBucket::d31_60},    // 31 days
      {"2026-09-24", "2026-11-23", AgingBucket::d31_60},    // 60 days
      {"2026-09-23", "2026-11-23", AgingBucket::d61_90},    // 61 days
      {"2026-08-25", "2026-11-23", AgingBucket::d61_90},    // 90 days
      {"2026-08-24", "2026-11-23", AgingBucket::d90_plus},  // 91 days
      {"2024-02-29", "2026-11-23", AgingBucket::d90_plus},
      {"2026-02-28", "2026-03-31", AgingBucket::d31_60},  // 31 days across a short February
  };
  for (const auto& c : cases) {
    EXPECT_EQ(aging_bucket(day(c.due), day(c.as_of)), c.bucket) << c.due << " as of " << c.as_of;
  }
}

TEST(Aging, AddsOutstandingToItsBucket) {
  const LocalDate as_of = day("2026-11-23");
  Aging aging;
  aging.add(Fen{10000}, day("2026-11-30"), as_of);  // not yet due
  aging.add(Fen{500}, day("2026-11-01"), as_of);    // 22 days
  aging.add(Fen{2000}, day("2026-10-01"), as_of);   // 53 days
  aging.add(Fen{300}, day("2026-09-01"), as_of);    // 83 days
  aging.add(Fen{7}, day("2025-01-01"), as_of);      // long overdue
  aging.add(Fen{0}, day("2025-01-01"), as_of);      // settled
  aging.add(Fen{-400}, day("2025-01-01"), as_of);   // overpaid: does not offset other orders
  EXPECT_EQ(aging.d0_30.value(), 10500);
  EXPECT_EQ(aging.d31_60.value(), 2000);
  EXPECT_EQ(aging.d61_90.value(), 300);
  EXPECT_EQ(aging.d90_plus.value(), 7);
  EXPECT_EQ(aging.total().value(), 12807);
}

TEST(Aging, EarliestDueInAgreesWithTheBuckets) {
  using std::chrono::days;
  for (std::string_view text : {"2026-11-23", "2026-03-31", "2024-03-01"}) {
    const LocalDate as_of = day(text);
    for (AgingBucket b : {AgingBucket::d0_30, AgingBucket::d31_60, AgingBucket::d61_90}) {
      const LocalDate earliest = earliest_due_in(b, as_of);
      EXPECT_EQ(aging_bucket(earliest, as_of), b) << text;
      EXPECT_NE(aging_bucket(earliest - days(1), as_of), b) << text;
    }
    EXPECT_EQ(earliest_due_in(AgingBucket::d0_30, as_of), as_of - days(30));
    EXPECT_EQ(earliest_due_in(AgingBucket::d90_plus, as_of), LocalDate::min());
  }
}

TEST(Aging, EmptyIsZero) {
  Aging aging;
  EXPECT_EQ(aging.total().value(), 0);
}

}  // namespace
}  // namespace fupan
