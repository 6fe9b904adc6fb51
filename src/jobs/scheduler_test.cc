#include "jobs/scheduler.h"

#include <date/date.h>
#include <date/tz.h>
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>

#include "testkit/fixed_clock.h"

namespace fupan::jobs {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// "2026-11-23T02:00:00Z" → Instant.
Instant utc(const char* text) {
  std::istringstream in(text);
  date::sys_time<std::chrono::milliseconds> t;
  in >> date::parse("%FT%TZ", t);
  EXPECT_FALSE(in.fail()) << text;
  return t;
}

const date::time_zone* zone(const char* name) {
  return date::locate_zone(name);
}

using testkit::FixedClock;

TEST(NextDailyRun, LaterTodayOrTomorrowInTheZone) {
  const auto* sh = zone("Asia/Shanghai");  // UTC+8, no daylight saving
  // 01:00 local → 02:00 local the same day (18:00 UTC the day before).
  EXPECT_EQ(next_daily_run(utc("2026-11-22T17:00:00Z"), sh, hours{2}), utc("2026-11-22T18:00:00Z"));
  // Exactly at 02:00 → tomorrow: the run is strictly after now.
  EXPECT_EQ(next_daily_run(utc("2026-11-22T18:00:00Z"), sh, hours{2}), utc("2026-11-23T18:00:00Z"));
  // 23:30 local → 02:00 local the next day.
  EXPECT_EQ(next_daily_run(utc("2026-11-23T15:30:00Z"), sh, hours{2}), utc("2026-11-23T18:00:00Z"));
  // The same instant is a different local time elsewhere.
  EXPECT_EQ(next_daily_run(utc("2026-11-22T17:00:00Z"), zone("UTC"), hours{2}),
            utc("2026-11-23T02:00:00Z"));
  // Minutes count: 02:30.
  EXPECT_EQ(next_daily_run(utc("2026-11-22T17:00:00Z"), sh, minutes{150}),
            utc("2026-11-22T18:30:00Z"));
}

TEST(NextDailyRun, DaylightSavingGapRunsWhenTheGapEnds) {
  const auto* ny = zone("America/New_York");
  // 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT; 02:30 does not exist that day.
  EXPECT_EQ(next_daily_run(utc("2026-03-08T05:00:00Z"), ny, minutes{150}),
            utc("2026-03-08T07:00:00Z"));
  // The next day is normal again: 02:30 EDT = 06:30 UTC.
  EXPECT_EQ(next_daily_run(utc("2026-03-08T07:00:00Z"), ny, minutes{150}),
            utc("2026-03-09T06:30:00Z"));
}

TEST(NextDailyRun, RepeatedHourRunsOnce) {
  const auto* ny = zone("America/New_York");
  // 2026-11-01: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
  EXPECT_EQ(next_daily_run(utc("2026-11-01T04:00:00Z"), ny, minutes{90}),
            utc("2026-11-01T05:30:00Z"));
  // After the first 01:30, the next run is the next day's, not the repeat.
  EXPECT_EQ(next_daily_run(utc("2026-11-01T05:45:00Z"), ny, minutes{90}),
            utc("2026-11-02T06:30:00Z"));
}

TEST(Scheduler, RunsEachOrgAtItsOwnLocalTimeOncePerDay) {
  std::vector<OrgZone> orgs{{OrgId{1}, "Asia/Shanghai"}, {OrgId{2}, "Europe/Berlin"}};
  FixedClock clock(utc("2026-11-22T12:00:00Z"));
  Scheduler s(clock, [&] { return orgs; });
  std::vector<std::pair<std::int64_t, std::string>> runs;
  s.daily("tiers", hours{2},
          [&](OrgId org, LocalDate today) { runs.emplace_back(org.value, format_date(today)); });

  // First sight: scheduled, nothing run. Shanghai's next 02:00 is 18:00 UTC.
  EXPECT_EQ(s.run_due(utc("2026-11-22T12:00:00Z")), utc("2026-11-22T12:01:00Z"));
  EXPECT_TRUE(runs.empty());
  s.run_due(utc("2026-11-22T17:59:59Z"));
  EXPECT_TRUE(runs.empty());
  // 02:00 in Shanghai on the 23rd; Berlin (UTC+1) waits until 01:00 UTC.
  s.run_due(utc("2026-11-22T18:00:00Z"));
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0], (std::pair<std::int64_t, std::string>{1, "2026-11-23"}));
  s.run_due(utc("2026-11-22T18:00:30Z"));
  EXPECT_EQ(runs.size(), 1u) << "not again the same day";
  s.run_due(utc("2026-11-23T01:00:00Z"));
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[1], (std::pair<std::int64_t, std::string>{2, "2026-11-23"}));

  // Asleep for three days: each org runs once, for the day it was first due.
  s.run_due(utc("2026-11-26T12:00:00Z"));
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[2], (std::pair<std::int64_t, std::string>{1, "2026-11-24"}));
  EXPECT_EQ(runs[3], (std::pair<std::int64_t, std::string>{2, "2026-11-24"}));
  s.run_due(utc("2026-11-26T12:00:01Z"));
  EXPECT_EQ(runs.size(), 4u);
}

TEST(Scheduler, ATaskThatThrowsDoesNotStopTheOthers) {
  FixedClock clock(utc("2026-11-22T12:00:00Z"));
  Scheduler s(clock, [] { return std::vector<OrgZone>{{OrgId{1}, "UTC"}}; });
  int ran = 0;
  s.daily("bad", hours{2}, [](OrgId, LocalDate) { throw std::runtime_error("boom"); });
  s.daily("good", hours{2}, [&](OrgId, LocalDate) { ++ran; });
  s.run_due(utc("2026-11-22T12:00:00Z"));
  EXPECT_EQ(s.run_due(utc("2026-11-23T02:00:00Z")), utc("2026-11-23T02:01:00Z"));
  EXPECT_EQ(ran, 1);
}

TEST(Scheduler, StartsAndStopsPromptly) {
  FixedClock clock(utc("2026-11-22T12:00:00Z"));
  std::atomic<int> asked{0};
  Scheduler s(clock, [&] {
    ++asked;
    return std::vector<OrgZone>{};
  });
  s.start();
  const auto begin = std::chrono::steady_clock::now();
  while (asked == 0 && std::chrono::steady_clock::now() - begin < std::chrono::seconds{5}) {
    std::this_thread::yield();
  }
  s.stop();
  EXPECT_GE(asked.load(), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds{5});
  s.stop();  // idempotent
}

}  // namespace
}  // namespace fupan::jobs
