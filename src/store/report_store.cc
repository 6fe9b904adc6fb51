#include "store/report_store.h"

#include <sstream>

namespace fupan::store {
namespace {

using reports::ReportTemplate;

constexpr const char* kTemplateColumns =
    "SELECT id, team_id, kind, name, version, deadline_offset, deadline_minute, sections, "
    "updated_at, effective_from FROM report_templates ";

ReportTemplate template_from(const Rows& r, std::size_t i) {
  ReportTemplate t;
  t.id = r.i64(i, 0);
  if (auto team = r.opt_i64(i, 1)) t.team = TeamId{*team};
  t.kind = reports::parse_report_kind(r.str(i, 2)).value_or(reports::ReportKind::week);
  t.name = r.str(i, 3);
  t.version = r.i64(i, 4);
  t.deadline = {static_cast<int>(r.i64(i, 5)), static_cast<int>(r.i64(i, 6))};
  t.sections = reports::sections_from_json(r.str(i, 7));
  t.updated_at = instant_from_ms(r.i64(i, 8));
  if (auto from = r.opt_str(i, 9)) t.effective_from = parse_date(*from);
  return t;
}

Value team_value(const ReportTemplate& t) {
  return t.team ? Value{t.team->value} : null_value;
}

void insert_template_version(Connection& c, OrgId org, std::int64_t id, const ReportTemplate& t,
                             Instant now) {
  c.exec(
      "INSERT INTO report_template_versions (org_id, template_id, version, name, "
      "deadline_offset, deadline_minute, sections, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {org.value, id, t.version, t.name, std::int64_t{t.deadline.day_offset},
       std::int64_t{t.deadline.minute}, reports::sections_json(t.sections), to_ms(now)});
}

constexpr const char* kReportColumns =
    "SELECT id, user_id, kind, period, start_day, end_day, template_id, template_version, "
    "status, deadline_at, submitted_at, late, submissions, rating, review_comment, reviewed_by, "
    "reviewed_at, return_reason, goals_accepted_at, version, created_at, updated_at";

std::optional<Instant> opt_instant(const Rows& r, std::size_t i, std::size_t c) {
  if (r.is_null(i, c)) return std::nullopt;
  return instant_from_ms(r.i64(i, c));
}

// The columns of kReportColumns; content and data block follow when `full`.
reports::Report report_from(const Rows& r, std::size_t i, bool full) {
  reports::Report out;
  out.id = r.i64(i, 0);
  out.user = UserId{r.i64(i, 1)};
  out.kind = reports::parse_report_kind(r.str(i, 2)).value_or(reports::ReportKind::week);
  out.period = r.str(i, 3);
  out.start = parse_date(r.str(i, 4)).value_or(LocalDate{});
  out.end = parse_date(r.str(i, 5)).value_or(LocalDate{});
  out.template_id = r.opt_i64(i, 6);
  out.template_version = r.i64(i, 7);
  out.status = reports::parse_report_status(r.str(i, 8)).value_or(reports::ReportStatus::draft);
  out.deadline = instant_from_ms(r.i64(i, 9));
  out.submitted_at = opt_instant(r, i, 10);
  if (!r.is_null(i, 11)) out.late = r.i64(i, 11) != 0;
  out.submissions = r.i64(i, 12);
  if (!r.is_null(i, 13)) out.rating = static_cast<int>(r.i64(i, 13));
  out.review_comment = r.str(i, 14);
  if (auto by = r.opt_i64(i, 15)) out.reviewed_by = UserId{*by};
  out.reviewed_at = opt_instant(r, i, 16);
  out.return_reason = r.str(i, 17);
  out.goals_accepted_at = opt_instant(r, i, 18);
  out.version = r.i64(i, 19);
  out.created_at = instant_from_ms(r.i64(i, 20));
  out.updated_at = instant_from_ms(r.i64(i, 21));
  if (full) {
    out.content = reports::content_from_json(r.str(i, 22));
    out.data_json = r.str(i, 23);
  }
  return out;
}

Value opt(const std::optional<Instant>& t) {
  return t ? Value{to_ms(*t)} : null_value;
}

std::string ids_text(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<std::int64_t> ids_from_text(const std::string& text) {
  std::vector<std::int64_t> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) out.push_back(std::stoll(part));
  }
  return out;
}

// Runs `fn(sql_in, params)` over `ids` in chunks of at most 500 ("(?, ?, …)" and their values).
template <class Fn>
void in_chunks(std::span<const std::int64_t> ids, Fn&& fn) {
  constexpr std::size_t kChunk = 500;
  for (std::size_t at = 0; at < ids.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, ids.size() - at);
    std::vector<Value> params;
    for (std::size_t i = 0; i < n; ++i) params.emplace_back(ids[at + i]);
    fn("(" + placeholders(n) + ")", params);
  }
}

}  // namespace

std::int64_t insert_report_template(Connection& c, OrgId org, const ReportTemplate& t,
                                    Instant now) {
  auto r = c.query(
      "INSERT INTO report_templates (org_id, team_id, kind, name, deadline_offset, "
      "deadline_minute, sections, version, created_at, updated_at, effective_from) VALUES (?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org.value, team_value(t), std::string(reports::report_kind_name(t.kind)), t.name,
       std::int64_t{t.deadline.day_offset}, std::int64_t{t.deadline.minute},
       reports::sections_json(t.sections), t.version, to_ms(now), to_ms(now),
       t.effective_from ? Value{format_date(*t.effective_from)} : null_value});
  const std::int64_t id = r.i64(0, 0);
  insert_template_version(c, org, id, t, now);
  return id;
}

WriteOutcome update_report_template(Connection& c, OrgId org, const ReportTemplate& t,
                                    std::int64_t expected, Instant now) {
  auto n = c.exec(
      "UPDATE report_templates SET name = ?, deadline_offset = ?, deadline_minute = ?, "
      "sections = ?, version = ?, updated_at = ?, effective_from = ? WHERE org_id = ? AND id = ? "
      "AND version = ?",
      {t.name, std::int64_t{t.deadline.day_offset}, std::int64_t{t.deadline.minute},
       reports::sections_json(t.sections), t.version, to_ms(now),
       t.effective_from ? Value{format_date(*t.effective_from)} : null_value, org.value, *t.id,
       expected});
  auto outcome = version_outcome(c, n, "report_templates", *t.id);
  if (outcome == WriteOutcome::done) insert_template_version(c, org, *t.id, t, now);
  return outcome;
}

std::vector<ReportTemplate> list_report_templates(Connection& c, OrgId org) {
  auto rows =
      c.query(std::string(kTemplateColumns) + "WHERE org_id = ? ORDER BY kind, id", {org.value});
  std::vector<ReportTemplate> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(template_from(rows, i));
  return out;
}

std::optional<ReportTemplate> find_report_template(Connection& c, OrgId org, std::int64_t id) {
  auto rows =
      c.query(std::string(kTemplateColumns) + "WHERE org_id = ? AND id = ?", {org.value, id});
  if (rows.empty()) return std::nullopt;
  return template_from(rows, 0);
}

std::optional<ReportTemplate> find_report_template_version(Connection& c, OrgId org,
                                                           std::int64_t id, std::int64_t version) {
  auto rows = c.query(
      "SELECT t.id, t.team_id, t.kind, v.name, v.version, v.deadline_offset, v.deadline_minute, "
      "v.sections, v.created_at, t.effective_from FROM report_template_versions v JOIN "
      "report_templates t ON "
      "t.id = v.template_id WHERE v.org_id = ? AND v.template_id = ? AND v.version = ?",
      {org.value, id, version});
  if (rows.empty()) return std::nullopt;
  return template_from(rows, 0);
}

std::int64_t insert_report(Connection& c, OrgId org, const reports::Report& r) {
  auto rows = c.query(
      "INSERT INTO reports (org_id, user_id, kind, period, start_day, end_day, template_id, "
      "template_version, status, content, data_block, deadline_at, submitted_at, late, "
      "submissions, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org.value, r.user.value, std::string(reports::report_kind_name(r.kind)), r.period,
       format_date(r.start), format_date(r.end), r.template_id ? Value{*r.template_id} : null_value,
       r.template_version, std::string(reports::report_status_name(r.status)),
       reports::content_json(r.content), r.data_json, to_ms(r.deadline), opt(r.submitted_at),
       r.late ? Value{std::int64_t{*r.late}} : null_value, r.submissions, r.version,
       to_ms(r.created_at), to_ms(r.updated_at)});
  return rows.i64(0, 0);
}

std::optional<reports::Report> find_report(Connection& c, OrgId org, std::int64_t id) {
  auto rows = c.query(std::string(kReportColumns) +
                          ", content, data_block FROM reports WHERE org_id = ? AND id = ?",
                      {org.value, id});
  if (rows.empty()) return std::nullopt;
  return report_from(rows, 0, true);
}

std::optional<reports::Report> find_report_of(Connection& c, OrgId org, UserId user,
                                              reports::ReportKind kind, std::string_view period) {
  auto rows = c.query(
      std::string(kReportColumns) +
          ", content, data_block FROM reports WHERE org_id = ? AND user_id = ? "
          "AND kind = ? AND period = ?",
      {org.value, user.value, std::string(reports::report_kind_name(kind)), std::string(period)});
  if (rows.empty()) return std::nullopt;
  return report_from(rows, 0, true);
}

WriteOutcome update_report(Connection& c, OrgId org, const reports::Report& r,
                           std::int64_t expected) {
  auto n = c.exec(
      "UPDATE reports SET template_id = ?, template_version = ?, status = ?, content = ?, "
      "data_block = ?, submitted_at = ?, late = ?, submissions = ?, rating = ?, "
      "review_comment = ?, reviewed_by = ?, reviewed_at = ?, return_reason = ?, "
      "goals_accepted_at = ?, version = ?, updated_at = ? WHERE org_id = ? AND id = ? AND "
      "version = ?",
      {r.template_id ? Value{*r.template_id} : null_value, r.template_version,
       std::string(reports::report_status_name(r.status)), reports::content_json(r.content),
       r.data_json, opt(r.submitted_at), r.late ? Value{std::int64_t{*r.late}} : null_value,
       r.submissions, r.rating ? Value{std::int64_t{*r.rating}} : null_value, r.review_comment,
       r.reviewed_by ? Value{r.reviewed_by->value} : null_value, opt(r.reviewed_at),
       r.return_reason, opt(r.goals_accepted_at), r.version, to_ms(r.updated_at), org.value, r.id,
       expected});
  return version_outcome(c, n, "reports", r.id);
}

std::vector<reports::Report> list_reports(Connection& c, OrgId org, reports::ReportKind kind,
                                          LocalDate from, LocalDate to,
                                          std::optional<UserId> user) {
  std::string sql = std::string(kReportColumns) +
                    " FROM reports WHERE org_id = ? AND kind = ? AND start_day >= ? AND "
                    "start_day < ?";
  std::vector<Value> params = {org.value, std::string(reports::report_kind_name(kind)),
                               format_date(from), format_date(to)};
  if (user) {
    sql += " AND user_id = ?";
    params.emplace_back(user->value);
  }
  sql += " ORDER BY start_day, user_id";
  auto rows = c.query(sql, params);
  std::vector<reports::Report> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(report_from(rows, i, false));
  return out;
}

void insert_report_version(Connection& c, OrgId org, std::int64_t report, const ReportVersion& v) {
  c.exec(
      "INSERT INTO report_versions (org_id, report_id, seq, content, data_block, submitted_at, "
      "late) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {org.value, report, v.seq, reports::content_json(v.content), v.data_json,
       to_ms(v.submitted_at), std::int64_t{v.late}});
}

std::vector<ReportVersion> list_report_versions(Connection& c, OrgId org, std::int64_t report) {
  auto rows = c.query(
      "SELECT seq, content, data_block, submitted_at, late FROM report_versions WHERE org_id = ? "
      "AND report_id = ? ORDER BY seq",
      {org.value, report});
  std::vector<ReportVersion> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows.i64(i, 0), reports::content_from_json(rows.str(i, 1)), rows.str(i, 2),
                   instant_from_ms(rows.i64(i, 3)), rows.i64(i, 4) != 0});
  }
  return out;
}

std::int64_t insert_report_comment(Connection& c, OrgId org, const ReportComment& comment) {
  auto rows = c.query(
      "INSERT INTO report_comments (org_id, report_id, user_id, body, mentions, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {org.value, comment.report, comment.user.value, comment.body, ids_text(comment.mentions),
       to_ms(comment.created_at)});
  return rows.i64(0, 0);
}

std::vector<ReportComment> list_report_comments(Connection& c, OrgId org, std::int64_t report) {
  auto rows = c.query(
      "SELECT id, user_id, body, mentions, created_at FROM report_comments WHERE org_id = ? AND "
      "report_id = ? ORDER BY id",
      {org.value, report});
  std::vector<ReportComment> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows.i64(i, 0), report, UserId{rows.i64(i, 1)}, rows.str(i, 2),
                   ids_from_text(rows.str(i, 3)), instant_from_ms(rows.i64(i, 4))});
  }
  return out;
}

std::map<std::int64_t, std::int64_t> count_report_comments(Connection& c, OrgId org,
                                                           std::span<const std::int64_t> reports) {
  std::map<std::int64_t, std::int64_t> out;
  in_chunks(reports, [&](const std::string& in, std::vector<Value>& params) {
    params.insert(params.begin(), org.value);
    auto rows = c.query(
        "SELECT report_id, COUNT(*) FROM report_comments WHERE org_id = ? AND report_id IN " + in +
            " GROUP BY report_id",
        params);
    for (std::size_t i = 0; i < rows.size(); ++i) out[rows.i64(i, 0)] = rows.i64(i, 1);
  });
  return out;
}

void record_report_read(Connection& c, OrgId org, std::int64_t report, UserId user, Instant at) {
  c.exec(
      "INSERT INTO report_reads (org_id, report_id, user_id, read_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (report_id, user_id) DO NOTHING",
      {org.value, report, user.value, to_ms(at)});
}

std::vector<ReportRead> list_report_reads(Connection& c, OrgId org, std::int64_t report) {
  auto rows = c.query(
      "SELECT user_id, read_at FROM report_reads WHERE org_id = ? AND report_id = ? ORDER BY "
      "read_at, user_id",
      {org.value, report});
  std::vector<ReportRead> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({UserId{rows.i64(i, 0)}, instant_from_ms(rows.i64(i, 1))});
  }
  return out;
}

std::vector<std::int64_t> reports_read_by(Connection& c, OrgId org, UserId user,
                                          std::span<const std::int64_t> reports) {
  std::vector<std::int64_t> out;
  in_chunks(reports, [&](const std::string& in, std::vector<Value>& params) {
    params.insert(params.begin(), {Value{org.value}, Value{user.value}});
    auto rows = c.query(
        "SELECT report_id FROM report_reads WHERE org_id = ? AND user_id = ? AND report_id IN " +
            in,
        params);
    for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.i64(i, 0));
  });
  return out;
}

std::map<std::int64_t, Instant> last_report_reminders(Connection& c, OrgId org,
                                                      std::string_view period) {
  auto rows = c.query(
      "SELECT to_user_id, MAX(created_at) FROM todo_reminders WHERE org_id = ? AND kind = "
      "'report' AND record_id IS NULL AND (note = ? OR note LIKE ?) GROUP BY to_user_id",
      {org.value, std::string(period), std::string(period) + " %"});
  std::map<std::int64_t, Instant> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out[rows.i64(i, 0)] = instant_from_ms(rows.i64(i, 1));
  }
  return out;
}

std::set<std::int64_t> reminders_with_note(Connection& c, OrgId org, std::string_view kind,
                                           std::string_view note) {
  auto rows = c.query(
      "SELECT DISTINCT to_user_id FROM todo_reminders WHERE org_id = ? AND kind = ? AND note = ?",
      {org.value, std::string(kind), std::string(note)});
  std::set<std::int64_t> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.insert(rows.i64(i, 0));
  return out;
}

}  // namespace fupan::store
