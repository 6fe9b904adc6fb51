// The `fupan` subcommands. Each returns the process exit code; errors go to stderr.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace fupan::cli {

struct ServeOptions {
  std::string db, host, web_dir, log_level;
  // Where the analytics indexes are kept between runs: "" for beside a SQLite file (none for
  // PostgreSQL), "off" for nowhere.
  std::string index_dir;
  int port = 8080;
  int threads = 4;
  bool secure_cookies = false;
  bool create = false;  // make the store when there is none (else a missing store is an error)
  // Seconds between the notification rounds (report reminders queued, notifications sent);
  // 0 runs none (the API tests run them with `fupan remind` at pinned instants).
  int notification_period = 30;
};
int serve(const ServeOptions& o);
// One notification round as the server runs it, at `at` (RFC 3339; empty: now): the report
// reminders due then are queued in every org and everything due is sent. Prints the counts.
int remind(const std::string& db, const std::string& at);
int migrate(const std::string& db);
int demo(const std::string& db, bool if_missing);
int print_routes();
// Prints the CRM schema JSON (what GET /api/schema answers).
int print_schema();

struct UserAddOptions {
  std::string db, username, display_name, password, email, phone;
  std::vector<std::string> roles;
};
int user_add(const UserAddOptions& o);
int user_passwd(const std::string& db, const std::string& username, const std::string& password);
int user_list(const std::string& db);

int backup(const std::string& db, const std::string& to);
int restore(const std::string& db, const std::string& from);

struct ImportFileOptions {
  std::string db, kind, as, file;
  bool skip_bad = false;
};
// Prints the report as JSON and a Chinese summary on stderr; 1 when anything was rejected.
int import_file(const ImportFileOptions& o);

// `fupan target export`: the targets of a period (and a metric) to an .xlsx (a sheet per level)
// or CSV file, as the API's export writes them; `fupan target import` is import_file with kind
// targets (docs/goals.md).
struct TargetExportOptions {
  std::string db, period, metric, format = "xlsx", out, as;
};
int target_export(const TargetExportOptions& o);

struct CommissionOptions {
  std::string db, period, format = "text", out, as;
};
// Prints a period's commission statements (a line per person: username, name, credited, target,
// total in 元, approved or open), or with format xlsx writes the payroll workbook to `out`
// (docs/performance.md); as `as` (default: the first active admin).
int commission(const CommissionOptions& o);

struct MetricOptions {
  std::string db, metric, scope, period, segment, segment_key, via = "engine", compare = "to_date";
  std::int64_t pipeline = 0;
};
// Prints one metric answer of the store's (first) org as the API's JSON (docs/metrics.md), from
// the analytics engine or, with via = "sql", by plain SQL.
int metric(const MetricOptions& o);

// The org, its regions and teams (docs/cli.md), as `as` (default: the first active admin).
struct OrgSetOptions {
  std::string db, as;
  std::optional<std::string> name, timezone, compare_basis;
  std::optional<int> fiscal_start_month;
  bool confirm = false;  // change the time zone even though dated records move to another day
};
int org_set(const OrgSetOptions& o);
int org_show(const std::string& db);
struct RegionAddOptions {
  std::string db, as, name, code;
};
int region_add(const RegionAddOptions& o);
int region_list(const std::string& db);
struct TeamAddOptions {
  std::string db, as, name, region, parent;  // region and parent: an id, a name or (region) a code
};
int team_add(const TeamAddOptions& o);
int team_list(const std::string& db);

}  // namespace fupan::cli
