// `fupan`: the server and its operations. Flags may also come from FUPAN_* environment variables.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "core/crypto.h"

int main(int argc, char** argv) {
  if (!fupan::crypto_init()) {
    std::cerr << "fupan: cannot initialise libsodium\n";
    return 1;
  }
  // Logs go to stderr: stdout carries what a command prints (the URL, JSON answers).
  spdlog::set_default_logger(spdlog::stderr_color_mt("fupan"));
  CLI::App app{"Fupan (复盘): sales performance process management"};
  app.require_subcommand(1);
  const std::string default_db = "data/fupan.db";
  // Every subcommand that reads a store takes --db the same way.
  auto add_db = [](CLI::App* cmd, std::string& target) {
    cmd->add_option("--db", target, "SQLite file path or postgresql:// URL")
        ->envname("FUPAN_DB")
        ->capture_default_str();
  };

  fupan::cli::ServeOptions serve{default_db, "127.0.0.1", "web/dist", "info"};
  auto* serve_cmd =
      app.add_subcommand("serve", "Start the HTTP server (applies pending migrations first)");
  add_db(serve_cmd, serve.db);
  serve_cmd->add_option("--host", serve.host, "Address to listen on")
      ->envname("FUPAN_HOST")
      ->capture_default_str();
  serve_cmd->add_option("--port", serve.port, "Port to listen on (0 picks a free one)")
      ->envname("FUPAN_PORT")
      ->capture_default_str();
  serve_cmd->add_option("--web-dir", serve.web_dir, "Built web app to serve")
      ->envname("FUPAN_WEB_DIR")
      ->capture_default_str();
  serve_cmd->add_option("--threads", serve.threads, "Worker threads")
      ->envname("FUPAN_THREADS")
      ->capture_default_str();
  serve_cmd->add_option("--log-level", serve.log_level, "trace, debug, info, warn, error, off")
      ->envname("FUPAN_LOG_LEVEL")
      ->capture_default_str();
  serve_cmd
      ->add_option("--index-dir", serve.index_dir,
                   "Keep the analytics indexes here between runs, so a restart reads them back "
                   "instead of every fact (default: beside a SQLite file, none for PostgreSQL; "
                   "off: none)")
      ->envname("FUPAN_INDEX_DIR");
  serve_cmd
      ->add_flag("--secure-cookies", serve.secure_cookies,
                 "Mark the session cookie Secure (behind HTTPS)")
      ->envname("FUPAN_SECURE_COOKIES");
  serve_cmd
      ->add_option("--notification-period", serve.notification_period,
                   "Seconds between notification rounds (report reminders, sending); 0: none")
      ->capture_default_str();
  serve_cmd->add_flag("--create", serve.create,
                      "Create the store when there is none (without it a missing SQLite file is "
                      "an error, so a mistyped --db creates nothing)");

  std::string db = default_db;
  auto* migrate_cmd = app.add_subcommand("migrate", "Apply pending schema migrations");
  add_db(migrate_cmd, db);

  bool if_missing = false;
  auto* demo_cmd = app.add_subcommand("demo", "Create the demo organisation in an empty store");
  add_db(demo_cmd, db);
  demo_cmd->add_flag("--if-missing", if_missing,
                     "Succeed quietly when the store already has an organisation");

  auto* routes_cmd = app.add_subcommand("routes", "Print every HTTP route (METHOD /path)");
  auto* schema_cmd = app.add_subcommand(
      "schema", "Print the CRM kinds and their fields as JSON (GET /api/schema)");

  auto* user_cmd = app.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  fupan::cli::UserAddOptions add{default_db};
  auto* add_cmd = user_cmd->add_subcommand(
      "add", "Add a user (creates the organisation if the store has none)");
  add_db(add_cmd, add.db);
  add_cmd->add_option("--username", add.username, "Login name")->required();
  add_cmd->add_option("--name", add.display_name, "Display name")->required();
  add_cmd
      ->add_option("--role", add.roles, "Role: rep, manager, director, analyst, admin (repeatable)")
      ->required();
  add_cmd->add_option("--password", add.password, "Password (or FUPAN_PASSWORD)")
      ->envname("FUPAN_PASSWORD")
      ->required();
  add_cmd->add_option("--email", add.email, "E-mail");
  add_cmd->add_option("--phone", add.phone, "Phone");
  std::string username, password;
  auto* passwd_cmd =
      user_cmd->add_subcommand("passwd", "Set a user's password and end their sessions");
  add_db(passwd_cmd, db);
  passwd_cmd->add_option("--username", username, "Login name")->required();
  passwd_cmd->add_option("--password", password, "New password (or FUPAN_PASSWORD)")
      ->envname("FUPAN_PASSWORD")
      ->required();
  auto* list_cmd = user_cmd->add_subcommand("list", "List users");
  add_db(list_cmd, db);

  std::string file;
  auto* backup_cmd =
      app.add_subcommand("backup", "Copy a SQLite store to a new file (safe while serving)");
  add_db(backup_cmd, db);
  backup_cmd->add_option("--to", file, "Backup file to create")->required();
  auto* restore_cmd =
      app.add_subcommand("restore", "Replace a SQLite store with a backup (stop the server first)");
  add_db(restore_cmd, db);
  restore_cmd->add_option("--from", file, "Backup file")->required();

  fupan::cli::ImportFileOptions import_opts{default_db};
  auto* import_cmd = app.add_subcommand(
      "import", "Import a CSV (UTF-8 or GBK) or .xlsx file of records (docs/import.md)");
  add_db(import_cmd, import_opts.db);
  import_cmd
      ->add_option("--kind", import_opts.kind,
                   "customers, contacts, opportunities, activities, products, orders, payments, "
                   "costs, users, memberships or targets")
      ->required();
  import_cmd->add_flag("--skip-bad", import_opts.skip_bad,
                       "Import the good rows and report the bad ones (default: all or nothing)");
  import_cmd->add_option("--as", import_opts.as,
                         "Username to import as (default: the first active admin)");
  import_cmd->add_option("file", import_opts.file, "The file to import")->required();

  fupan::cli::ImportFileOptions target_import_opts{default_db, "targets"};
  fupan::cli::TargetExportOptions target_export_opts{default_db};
  auto* target_cmd =
      app.add_subcommand("target", "Targets to and from a spreadsheet (docs/goals.md)");
  target_cmd->require_subcommand(1);
  auto* target_import_cmd = target_cmd->add_subcommand(
      "import", "Import targets from .xlsx (every sheet) or CSV: 层级, 名称, 指标, 期间, 目标值");
  add_db(target_import_cmd, target_import_opts.db);
  target_import_cmd->add_flag("--skip-bad", target_import_opts.skip_bad,
                              "Import the good rows and report the bad ones");
  target_import_cmd->add_option("--as", target_import_opts.as,
                                "Username to import as (default: the first active admin)");
  target_import_cmd->add_option("file", target_import_opts.file, "The file to import")->required();
  auto* target_export_cmd =
      target_cmd->add_subcommand("export", "Export targets as .xlsx (a sheet per level) or CSV");
  add_db(target_export_cmd, target_export_opts.db);
  target_export_cmd->add_option("--period", target_export_opts.period,
                                "The targets whose periods overlap it, e.g. 2026");
  target_export_cmd->add_option("--metric", target_export_opts.metric, "e.g. orders_amount");
  target_export_cmd->add_option("--format", target_export_opts.format, "xlsx (default) or csv");
  target_export_cmd->add_option("--as", target_export_opts.as,
                                "Username to export as (default: the first active admin)");
  target_export_cmd->add_option("--out", target_export_opts.out, "The file to write")->required();

  fupan::cli::CommissionOptions commission_opts{default_db};
  auto* commission_cmd = app.add_subcommand(
      "commission", "A period's commission statements for payroll (docs/performance.md)");
  add_db(commission_cmd, commission_opts.db);
  commission_cmd->add_option("--period", commission_opts.period, "A month (2026-11) or quarter")
      ->required();
  commission_cmd->add_option("--format", commission_opts.format,
                             "text (default: a line per person) or xlsx");
  commission_cmd->add_option("--out", commission_opts.out, "The .xlsx file to write");
  commission_cmd->add_option("--as", commission_opts.as,
                             "Username to read as (default: the first active admin)");

  fupan::cli::MetricOptions metric_opts{default_db};
  auto* metric_cmd = app.add_subcommand(
      "metric", "Print one metric as the API's JSON (docs/metrics.md): value, 环比 and 同比");
  add_db(metric_cmd, metric_opts.db);
  metric_cmd->add_option("--metric", metric_opts.metric, "e.g. orders_amount, growth:visits")
      ->required();
  metric_cmd->add_option("--scope", metric_opts.scope, "org, region:ID, team:ID or user:ID")
      ->required();
  metric_cmd
      ->add_option(
          "--period", metric_opts.period,
          "2026-11-22, 2026-W47, 2026-11, 2026-Q4, FY2026-Q1, 2026 or 2026-11-01..2026-11-30")
      ->required();
  metric_cmd->add_option("--segment", metric_opts.segment,
                         "industry, channel, tier, region or product");
  metric_cmd->add_option("--segment-key", metric_opts.segment_key, "the segment's value");
  metric_cmd->add_option("--pipeline", metric_opts.pipeline, "pipeline id (stage_conversion)");
  metric_cmd->add_option("--via", metric_opts.via, "engine (default) or sql (the reference)");
  metric_cmd->add_option("--compare", metric_opts.compare,
                         "to_date (default: a period in progress against as many days of the "
                         "ones compared) or full");

  auto* org_cmd = app.add_subcommand("org", "The organisation's settings");
  org_cmd->require_subcommand(1);
  fupan::cli::OrgSetOptions org_opts{default_db};
  auto* org_set_cmd = org_cmd->add_subcommand(
      "set", "Change the org's name, time zone, fiscal year start or compare basis");
  add_db(org_set_cmd, org_opts.db);
  org_set_cmd->add_option("--name", org_opts.name, "The org's name");
  org_set_cmd->add_option("--timezone", org_opts.timezone, "An IANA time zone (Asia/Shanghai)");
  org_set_cmd->add_option("--fiscal-start", org_opts.fiscal_start_month,
                          "The month the fiscal year starts (1-12)");
  org_set_cmd->add_option("--compare-basis", org_opts.compare_basis,
                          "How a period in progress is compared: calendar_days or working_days");
  org_set_cmd->add_flag("--confirm", org_opts.confirm,
                        "Change the time zone even though dated records move to another day");
  org_set_cmd->add_option("--as", org_opts.as, "Username to act as (default: the first admin)");
  auto* org_show_cmd = org_cmd->add_subcommand("show", "Print the org's settings as JSON");
  add_db(org_show_cmd, db);

  auto* region_cmd = app.add_subcommand("region", "The org's regions");
  region_cmd->require_subcommand(1);
  fupan::cli::RegionAddOptions region_opts{default_db};
  auto* region_add_cmd = region_cmd->add_subcommand("add", "Add a region");
  add_db(region_add_cmd, region_opts.db);
  region_add_cmd->add_option("--name", region_opts.name, "Name (华东区)")->required();
  region_add_cmd->add_option("--code", region_opts.code, "Short code (EAST)");
  region_add_cmd->add_option("--as", region_opts.as, "Username to act as");
  auto* region_list_cmd = region_cmd->add_subcommand("list", "List regions: id, name, code");
  add_db(region_list_cmd, db);

  auto* team_cmd = app.add_subcommand("team", "The org's teams");
  team_cmd->require_subcommand(1);
  fupan::cli::TeamAddOptions team_opts{default_db};
  auto* team_add_cmd = team_cmd->add_subcommand("add", "Add a team");
  add_db(team_add_cmd, team_opts.db);
  team_add_cmd->add_option("--name", team_opts.name, "Name (上海一部)")->required();
  team_add_cmd->add_option("--region", team_opts.region,
                           "Its region: an id, a name or a code (a sub-team takes its parent's)");
  team_add_cmd->add_option("--parent", team_opts.parent, "The team above it: an id or a name");
  team_add_cmd->add_option("--as", team_opts.as, "Username to act as");
  auto* team_list_cmd =
      team_cmd->add_subcommand("list", "List teams: id, name, region, parent team");
  add_db(team_list_cmd, db);

  std::string remind_at;
  auto* remind_cmd = app.add_subcommand(
      "remind", "Queue the report reminders due and send the notifications due, once");
  add_db(remind_cmd, db);
  remind_cmd->add_option("--at", remind_at, "The instant to run at (RFC 3339; default now)");

  CLI11_PARSE(app, argc, argv);
  try {
    if (*serve_cmd) return fupan::cli::serve(serve);
    if (*migrate_cmd) return fupan::cli::migrate(db);
    if (*demo_cmd) return fupan::cli::demo(db, if_missing);
    if (*routes_cmd) return fupan::cli::print_routes();
    if (*schema_cmd) return fupan::cli::print_schema();
    if (*add_cmd) return fupan::cli::user_add(add);
    if (*passwd_cmd) return fupan::cli::user_passwd(db, username, password);
    if (*list_cmd) return fupan::cli::user_list(db);
    if (*backup_cmd) return fupan::cli::backup(db, file);
    if (*restore_cmd) return fupan::cli::restore(db, file);
    if (*import_cmd) return fupan::cli::import_file(import_opts);
    if (*target_import_cmd) return fupan::cli::import_file(target_import_opts);
    if (*target_export_cmd) return fupan::cli::target_export(target_export_opts);
    if (*commission_cmd) return fupan::cli::commission(commission_opts);
    if (*metric_cmd) return fupan::cli::metric(metric_opts);
    if (*org_set_cmd) return fupan::cli::org_set(org_opts);
    if (*org_show_cmd) return fupan::cli::org_show(db);
    if (*region_add_cmd) return fupan::cli::region_add(region_opts);
    if (*region_list_cmd) return fupan::cli::region_list(db);
    if (*team_add_cmd) return fupan::cli::team_add(team_opts);
    if (*team_list_cmd) return fupan::cli::team_list(db);
    if (*remind_cmd) return fupan::cli::remind(db, remind_at);
  } catch (const std::exception& e) {
    std::cerr << "fupan: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
