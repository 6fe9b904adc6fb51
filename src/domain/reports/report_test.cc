#include "domain/reports/report.h"

#include <gtest/gtest.h>

#include "domain/reports/report_tally.h"

namespace fupan::reports {
namespace {

Instant at(std::int64_t ms) {
  return instant_from_ms(ms);
}

TEST(ReportTemplate, TheDefaultWeeklyFormIsValidAndDueFridayAtSix) {
  const ReportTemplate t = default_template(ReportKind::week);
  EXPECT_TRUE(check_sections(t.sections).ok());
  EXPECT_EQ(t.deadline, (Deadline{-2, 18 * 60}));
  EXPECT_EQ(t.sections.front().type, SectionType::data);
  EXPECT_EQ(t.sections.back().type, SectionType::goals);
  EXPECT_TRUE(check_sections(default_template(ReportKind::day).sections).ok());
  EXPECT_TRUE(check_sections(default_template(ReportKind::month).sections).ok());
}

TEST(ReportTemplate, SectionsAreCheckedOneByOneAndNamed) {
  auto field_of = [](std::vector<Section> s) {
    auto st = check_sections(s);
    return st.ok() ? std::string("ok") : st.error().field;
  };
  EXPECT_EQ(field_of({{"summary", "总结", SectionType::text, true}}), "ok");
  EXPECT_EQ(field_of({{"Summary", "总结", SectionType::text, true}}), "sections[0].key");
  EXPECT_EQ(field_of({{"a", "A", SectionType::text, false}, {"a", "B", SectionType::text, false}}),
            "sections[1].key");
  EXPECT_EQ(field_of({{"a", "", SectionType::text, false}}), "sections[0].title");
  EXPECT_EQ(field_of({{"d", "数据", SectionType::data, false}}), "sections");  // no text section
  EXPECT_EQ(field_of({{"a", "A", SectionType::text, false},
                      {"g1", "G", SectionType::goals, false},
                      {"g2", "G", SectionType::goals, false}}),
            "sections");
  EXPECT_EQ(field_of({{std::string(41, 'a'), "A", SectionType::text, false}}), "sections[0].key");
}

TEST(ReportTemplate, SectionsRoundTripThroughJson) {
  const auto sections = default_template(ReportKind::week).sections;
  EXPECT_EQ(sections_from_json(sections_json(sections)), sections);
}

TEST(ReportContent, RoundTripsThroughJson) {
  ReportContent c;
  c.texts["summary"] = "本周拜访 12 家客户，\"签约\" 两单";
  c.texts["plan"] = "";
  c.next_goals = {{"orders_amount", 5000000}, {"visits", 15}};
  EXPECT_EQ(content_from_json(content_json(c)), c);
}

TEST(ReportLifecycle, RequiredSectionsMustBeFilled) {
  const auto t = default_template(ReportKind::week);
  ReportContent c;
  ASSERT_NE(first_missing(t.sections, c), nullptr);
  EXPECT_EQ(first_missing(t.sections, c)->key, "summary");
  c.texts["summary"] = "  \n ";  // blank is empty
  EXPECT_EQ(first_missing(t.sections, c)->key, "summary");
  c.texts["summary"] = "做了";
  EXPECT_EQ(first_missing(t.sections, c)->key, "plan");
  c.texts["plan"] = "继续";
  EXPECT_EQ(first_missing(t.sections, c), nullptr);
}

TEST(ReportLifecycle, LatenessIsTheFirstSubmissions) {
  Report r;
  r.deadline = at(1000);
  mark_submitted(r, at(1001), "{}");
  EXPECT_EQ(r.status, ReportStatus::submitted);
  EXPECT_EQ(r.late, true);
  EXPECT_EQ(r.submissions, 1);
  r.status = ReportStatus::returned;
  r.return_reason = "补充客户名称";
  mark_submitted(r, at(5000), "{\"v\":2}");
  EXPECT_EQ(r.submitted_at, at(1001));  // the first hand-in stays
  EXPECT_EQ(r.late, true);
  EXPECT_EQ(r.submissions, 2);
  EXPECT_EQ(r.return_reason, "");
  EXPECT_EQ(r.data_json, "{\"v\":2}");

  Report on_time;
  on_time.deadline = at(1000);
  mark_submitted(on_time, at(1000), "{}");
  EXPECT_EQ(on_time.late, false);
  EXPECT_TRUE(is_editable(ReportStatus::draft));
  EXPECT_TRUE(is_editable(ReportStatus::returned));
  EXPECT_FALSE(is_editable(ReportStatus::submitted));
  EXPECT_FALSE(is_editable(ReportStatus::reviewed));
}

TEST(ReportLifecycle, ContentLimits) {
  ReportContent c;
  c.next_goals = {{"visits", -1}};
  EXPECT_EQ(check_content(c).error().field, "next_goals[0].value");
  c.next_goals.assign(21, {"visits", 1});
  EXPECT_EQ(check_content(c).error().field, "next_goals");
  c.next_goals.clear();
  c.texts["summary"] = std::string(20001, 'a');
  EXPECT_EQ(check_content(c).error().field, "content.summary");
}

TEST(ReportTally, StatesOfTheTeamsWeek) {
  EXPECT_EQ(member_state(std::nullopt, std::nullopt, false), MemberState::pending);
  EXPECT_EQ(member_state(std::nullopt, std::nullopt, true), MemberState::missing);
  EXPECT_EQ(member_state(ReportStatus::draft, std::nullopt, true), MemberState::draft);
  EXPECT_EQ(member_state(ReportStatus::submitted, false, true), MemberState::on_time);
  EXPECT_EQ(member_state(ReportStatus::submitted, true, true), MemberState::late);
  EXPECT_EQ(member_state(ReportStatus::reviewed, true, true), MemberState::reviewed);
  EXPECT_EQ(member_state(ReportStatus::returned, false, true), MemberState::returned);
}

TEST(ReportTally, OnTimeRateCountsOnlyTheReportsAlreadyDue) {
  Tally past;  // a week whose deadline has passed: 3 on time, 1 late, 1 missing of 5
  for (int i = 0; i < 3; ++i) past.add(false, true);
  past.add(true, true);
  past.add(std::nullopt, true);
  EXPECT_EQ(past.expected, 5);
  EXPECT_EQ(past.missing, 1);
  EXPECT_DOUBLE_EQ(*past.on_time_rate(), 0.6);

  Tally now;  // before the deadline: 2 handed in on time, 3 still to come
  now.add(false, false);
  now.add(false, false);
  for (int i = 0; i < 3; ++i) now.add(std::nullopt, false);
  EXPECT_EQ(now.pending, 3);
  EXPECT_EQ(now.missing, 0);
  EXPECT_DOUBLE_EQ(*now.on_time_rate(), 1.0);

  Tally none;
  EXPECT_FALSE(none.on_time_rate());
  none.add(std::nullopt, false);
  EXPECT_FALSE(none.on_time_rate());  // nothing due yet
}

}  // namespace
}  // namespace fupan::reports
