// A person's report for a period (SPEC §4) and the rules of its lifecycle: draft → submitted (on
// time or late) → reviewed, or returned → submitted again. What the author wrote is the content,
// one text per text section, and the goals they set for the next period. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ids.h"
#include "domain/reports/report_template.h"

namespace fupan::reports {

enum class ReportStatus { draft, submitted, reviewed, returned };
std::string_view report_status_name(ReportStatus s);
std::optional<ReportStatus> parse_report_status(std::string_view text);

// A goal for the next period: an additive metric and its value (分 or a count).
struct NextGoal {
  std::string metric;
  std::int64_t value = 0;
  friend bool operator==(const NextGoal&, const NextGoal&) = default;
};

struct ReportContent {
  std::map<std::string, std::string> texts;  // by section key
  std::vector<NextGoal> next_goals;
  friend bool operator==(const ReportContent&, const ReportContent&) = default;
};
// {"texts": {...}, "next_goals": [{metric, value}]}
std::string content_json(const ReportContent& c);
ReportContent content_from_json(std::string_view json);

struct Report {
  std::int64_t id = 0;
  UserId user;
  ReportKind kind = ReportKind::week;
  std::string period;  // its label
  LocalDate start, end;
  std::optional<std::int64_t> template_id;  // none: the built-in default
  std::int64_t template_version = 0;
  ReportStatus status = ReportStatus::draft;
  ReportContent content;
  std::string data_json;  // the data block frozen at the last submission; empty for a draft
  Instant deadline{};
  std::optional<Instant> submitted_at;  // the first submission
  std::optional<bool> late;             // of the first submission
  std::int64_t submissions = 0;         // versions submitted
  std::optional<int> rating;            // 1–5
  std::string review_comment, return_reason;
  std::optional<UserId> reviewed_by;
  std::optional<Instant> reviewed_at, goals_accepted_at;
  std::int64_t version = 1;
  Instant created_at{}, updated_at{};
};

// The author may change the content of a draft or a returned report.
bool is_editable(ReportStatus s);
// The first required text section of `sections` left blank (only spaces) in `content`.
const Section* first_missing(const std::vector<Section>& sections, const ReportContent& content);
// `r` submitted at `now` with its data block: the first submission sets submitted_at and late
// (lateness is the first hand-in's; a resubmission after a return keeps it), every one counts.
void mark_submitted(Report& r, Instant now, std::string data_json);
// Ok unless the content is too long: at most 20,000 characters a section, 20 goals.
Status check_content(const ReportContent& c);

}  // namespace fupan::reports
