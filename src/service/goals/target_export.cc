#include "service/goals/target_export.h"

#include <algorithm>

#include "core/csv_writer.h"
#include "core/money.h"
#include "core/xlsx_writer.h"
#include "domain/goals/org_tree.h"
#include "domain/goals/target_sheet.h"
#include "service/goals/target_service.h"

namespace fupan::service {
namespace {

// A person by username in the sheet: display names may be shared, usernames are not.
std::string name_cell(const OrgSnapshot& org, const ScopeRef& s) {
  if (s.kind == ScopeRef::Kind::org) return "";
  if (s.kind == ScopeRef::Kind::user) {
    const UserRecord* u = org.user(UserId{s.id});
    return u ? u->username : s.text();
  }
  return goals::scope_name(org, s);
}

std::string value_cell(const std::string& metric, std::int64_t v) {
  const auto m = goals::target_metric(metric);
  return m && goals::money_metric(*m) ? format_yuan(Fen{v}) : std::to_string(v);
}

}  // namespace

Result<ExportFile> export_targets(const Context& ctx, const Actor& actor,
                                  const TargetExportRequest& req) {
  FUPAN_ASSIGN_OR_RETURN(auto targets, list_targets(ctx, actor, {req.metric, "", req.period}));
  std::ranges::stable_sort(targets, {}, [](const goals::Target& t) { return t.scope.kind; });
  const OrgSnapshot& org = *actor.snapshot;
  std::vector<std::string> header;
  for (const ImportColumn& c : goals::target_columns()) header.push_back(req.english ? c.en : c.zh);
  auto cells = [&](const goals::Target& t) {
    return std::vector<std::string>{
        std::string(goals::level_name(t.scope.kind, req.english)),
        name_cell(org, t.scope),
        std::string(req.english ? info(*goals::target_metric(t.metric)).en
                                : info(*goals::target_metric(t.metric)).zh),
        t.period.label,
        value_cell(t.metric, t.value),
        format_date(t.period.start),
        format_date(LocalDate::from_days(t.period.end.days() - std::chrono::days{1})),
        value_cell(t.metric, t.original_value)};
  };
  ExportFile out;
  out.rows = targets.size();
  const std::string stem =
      std::string(req.english ? "targets" : "目标") + (req.period.empty() ? "" : "-" + req.period);
  if (req.csv) {
    CsvWriter w;
    w.row(header);
    for (const goals::Target& t : targets) w.row(cells(t));
    out.bytes = std::move(w).finish();
    out.file_name = stem + ".csv";
    return out;
  }
  // A sheet per level that has targets (one, with the header alone, when none has).
  std::optional<ScopeRef::Kind> level;
  std::optional<XlsxWriter> w;
  for (const goals::Target& t : targets) {
    if (!level || *level != t.scope.kind) {
      level = t.scope.kind;
      const std::string name(goals::level_name(t.scope.kind, req.english));
      if (!w) {
        w.emplace(name);
      } else {
        w->add_sheet(name);
      }
      w->header(header);
    }
    // Values as numbers (元 with two decimals for money), the days as dates.
    const std::vector<std::string> c = cells(t);
    const auto m = goals::target_metric(t.metric);
    const bool money = m && goals::money_metric(*m);
    auto number = [&](std::int64_t v) { money ? w->money_fen(v) : w->integer(v); };
    w->text(c[0]);
    c[1].empty() ? w->empty() : w->text(c[1]);
    w->text(c[2]);
    w->text(c[3]);
    number(t.value);
    w->date(c[5]);
    w->date(c[6]);
    number(t.original_value);
    w->end_row();
  }
  if (!w) {
    w.emplace(req.english ? "Targets" : "目标");
    w->header(header);
  }
  out.bytes = w->finish();
  if (out.bytes.empty()) return Error::of(ErrorCode::internal);
  out.file_name = stem + ".xlsx";
  return out;
}

}  // namespace fupan::service
