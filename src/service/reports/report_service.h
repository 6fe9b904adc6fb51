// A person's reports through their lifecycle (SPEC §4, docs/reports.md): the draft they autosave,
// the submission that freezes the data block, the manager's review or return, every submitted
// version, comments with @mentions and read receipts. Every change is version-checked and audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/reports/report.h"
#include "service/platform/context.h"
#include "store/report_store.h"

namespace fupan::service {

// A report as a reader sees it: its form, its data block (frozen once submitted, else live) and
// whether the live facts have changed since; comments, read receipts and what the reader may do.
struct ReportView {
  reports::Report report;
  reports::ReportTemplate form;
  std::string data_json;
  bool frozen = false, changed = false;
  std::string live_json;  // when changed
  std::vector<store::ReportComment> comments;
  std::vector<store::ReportRead> reads;
  bool can_edit = false, can_submit = false, can_review = false, can_accept_goals = false,
       can_comment = false;
};

// What the author's page opens with: their report of the period if written, else the form and
// the live data block to start one.
struct MyReport {
  Period period;
  Instant deadline{};
  reports::ReportTemplate form;
  std::optional<ReportView> report;
  std::string data_json;
  // Whether the actor is expected to write this one (a day's report on a weekend is not), and
  // the kinds they write at all (docs/reports.md).
  bool expected = true;
  std::vector<reports::ReportKind> kinds;
};
Result<MyReport> my_report(const Context& ctx, const Actor& actor, const std::string& kind,
                           const std::string& period);

struct ReportInput {
  std::string kind, period;
  reports::ReportContent content;
};
Result<ReportView> create_report(const Context& ctx, const Actor& actor, const ReportInput& in);

// Report `id` for the actor (a draft is its author's only); a manager's first opening of a
// submitted report is recorded as read.
Result<ReportView> open_report(const Context& ctx, const Actor& actor, std::int64_t id);

struct ContentChange {
  std::optional<std::map<std::string, std::string>> texts;  // replaces the given sections only
  std::optional<std::vector<reports::NextGoal>> next_goals;
  std::int64_t version = 0;
};
Result<ReportView> save_report(const Context& ctx, const Actor& actor, std::int64_t id,
                               const ContentChange& in);
Result<ReportView> submit_report(const Context& ctx, const Actor& actor, std::int64_t id,
                                 std::int64_t version);
Result<ReportView> review_report(const Context& ctx, const Actor& actor, std::int64_t id,
                                 int rating, const std::string& comment, std::int64_t version);
Result<ReportView> return_report(const Context& ctx, const Actor& actor, std::int64_t id,
                                 const std::string& reason, std::int64_t version);

struct AcceptedGoal {
  reports::NextGoal goal;
  std::string period;
  std::optional<std::int64_t> target_id;
  bool created = false;  // false: the author had a target for it already (left as it was)
};
struct AcceptedGoals {
  ReportView report;
  std::vector<AcceptedGoal> goals;
};
// The goals the author set for the next period become their targets (goals capability).
Result<AcceptedGoals> accept_goals(const Context& ctx, const Actor& actor, std::int64_t id,
                                   std::int64_t version);

Result<std::vector<store::ReportVersion>> report_versions(const Context& ctx, const Actor& actor,
                                                          std::int64_t id);
Result<store::ReportComment> comment_on_report(const Context& ctx, const Actor& actor,
                                               std::int64_t id, const std::string& body,
                                               const std::vector<std::int64_t>& mentions);

struct ReportFilter {
  std::string kind = "week";
  std::optional<std::int64_t> user;
  std::string period;  // one period, or empty: the last twelve of the kind
  std::optional<reports::ReportStatus> status;
};
// The reports the actor may see (their own, and the submitted ones of those they see).
Result<std::vector<reports::Report>> list_reports(const Context& ctx, const Actor& actor,
                                                  const ReportFilter& f);

}  // namespace fupan::service
