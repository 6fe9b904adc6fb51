#include "cli/commands.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/store_access.h"
#include "core/crypto.h"
#include "core/error_catalogue.h"
#include "core/text_parse.h"
#include "demo/demo_commissions.h"
#include "demo/demo_goals.h"
#include "demo/demo_history.h"
#include "demo/demo_org.h"
#include "demo/demo_reports.h"
#include "demo/demo_reviews.h"
#include "domain/entity_json.h"
#include "domain/org_validation.h"
#include "engine/analytics.h"
#include "http/server.h"
#include "jobs/daily_jobs.h"
#include "jobs/notifications/notification_worker.h"
#include "service/analytics/metric_json.h"
#include "service/analytics/metrics_service.h"
#include "service/io/import_report_json.h"
#include "service/io/import_service.h"
#include "service/platform/store_watch.h"
#include "store/audit_store.h"
#include "store/metric_settings_store.h"
#include "store/migrations.h"
#include "store/org_store.h"
#include "store/session_store.h"
#include "store/sqlite_backup.h"
#include "testkit/fixed_clock.h"
#include "testkit/metric_sql.h"

namespace fupan::cli {
namespace {

// Where `fupan serve` keeps the analytics indexes between runs (engine/index_file.h).
std::filesystem::path index_dir(const ServeOptions& o) {
  if (o.index_dir == "off") return {};
  if (!o.index_dir.empty()) return o.index_dir;
  if (is_postgres(o.db) || o.db == ":memory:") return {};
  return o.db + ".index";
}

int fail(const std::string& message) {
  std::cerr << "fupan: " << message << "\n";
  return 1;
}

void audit_cli(store::Connection& c, OrgId org, std::string_view action, UserId user, Instant at) {
  store::AuditRecord a;
  a.org = org;
  a.at = at;
  a.action = std::string(action);
  a.entity = "user";
  a.entity_id = user.value;
  a.ip = "cli";
  store::insert_audit(c, a);
}

}  // namespace

int serve(const ServeOptions& o) {
  spdlog::set_level(spdlog::level::from_str(o.log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  auto db = open_store(o.db, static_cast<std::size_t>(std::max(4, o.threads * 2)),
                       o.create ? StoreMode::create : StoreMode::existing);
  SystemClock clock;
  // From the store's newest change: what follows it, written by another process, is taken in
  // before the request that follows it is answered.
  service::StoreWatch watch(*db);
  service::OrgDirectory orgs;
  orgs.load_all(*db);
  service::SessionCache sessions;
  service::ScopeCache scopes;
  engine::Analytics analytics(*db, store::read_metric_settings, index_dir(o));
  service::Context ctx{*db, orgs, clock, sessions, scopes, &analytics, &watch};
  {
    // Build every org's analytics index before the first request, not during it.
    auto conn = db->acquire();
    const auto org_ids = store::list_org_ids(*conn);
    for (OrgId id : org_ids) analytics.warm(id);
  }
  http::App app(ctx, {o.web_dir, o.secure_cookies,
                      o.log_level == "info" || o.log_level == "debug" || o.log_level == "trace"});
  if (!o.web_dir.empty() &&
      !std::filesystem::exists(std::filesystem::path(o.web_dir) / "index.html")) {
    spdlog::warn("no web app at {} (build it with `make build`); serving the API only", o.web_dir);
  }
  http::ServerOptions server;
  server.host = o.host;
  server.port = static_cast<unsigned short>(o.port);
  server.threads = o.threads;
  jobs::Scheduler scheduler(clock, [&ctx] { return jobs::org_zones(ctx); });
  jobs::register_daily_jobs(scheduler, ctx);
  scheduler.start();
  std::optional<jobs::NotificationWorker> notifications;
  if (o.notification_period > 0) {
    notifications.emplace(ctx, std::chrono::seconds{o.notification_period});
    notifications->start();
  }
  const int status = http::run_server(app, server, [&](unsigned short port) {
    std::cout << "Fupan is listening on http://" << o.host << ":" << port << "/" << std::endl;
  });
  scheduler.stop();
  if (notifications) notifications->stop();
  // Every request has finished: the indexes hold every change this server made.
  analytics.save();
  return status;
}

int migrate(const std::string& url) {
  auto db = store::open_database(url, 1);
  int applied = store::migrate(*db);
  std::cout << "applied " << applied << " migration(s); schema version "
            << store::schema_version(*db) << "\n";
  return 0;
}

int demo(const std::string& url, bool if_missing) {
  auto db = open_store(url, 2, StoreMode::create);
  SystemClock clock;
  auto org = demo::create_demo_org(*db, clock);
  if (!org.ok()) {
    if (if_missing && org.error().code == ErrorCode::already_exists) return 0;
    return fail(english(org.error().detail) + " (demo data goes only into an empty store)");
  }
  service::OrgDirectory orgs;
  service::SessionCache sessions;
  service::ScopeCache scopes;
  demo::add_demo_history({*db, orgs, clock, sessions, scopes}, *org, clock.now(), demo::kDemoSeed);
  demo::add_demo_goals({*db, orgs, clock, sessions, scopes}, *org, clock.now());
  {
    // The reports' data blocks and the reviews' fact packs are read from the analytics index and
    // the org as the server holds them.
    orgs.load_all(*db);
    engine::Analytics analytics(*db, store::read_metric_settings);
    service::Context ctx{*db, orgs, clock, sessions, scopes, &analytics};
    demo::add_demo_reports(ctx, *org, clock.now());
    demo::add_demo_reviews(ctx, *org, clock.now());
    demo::add_demo_commissions(ctx, *org);
  }
  std::cout << "demo organisation created; log in with admin, director, manager, rep or analyst, "
               "password "
            << demo::kDemoPassword << "\n";
  return 0;
}

int remind(const std::string& url, const std::string& at) {
  auto db = open_store(url, 2, StoreMode::existing);
  // A round at a pinned instant runs wholly at it (its retries are due from it).
  SystemClock system;
  std::optional<testkit::FixedClock> pinned;
  if (!at.empty()) {
    auto parsed = parse_instant_text(at, zone_of("UTC"));
    if (!parsed) return fail("--at is an instant like 2026-12-11T09:00:00Z");
    pinned.emplace(*parsed);
  }
  const Clock& clock = pinned ? static_cast<const Clock&>(*pinned) : system;
  service::OrgDirectory orgs;
  orgs.load_all(*db);
  service::SessionCache sessions;
  service::ScopeCache scopes;
  const service::Context ctx{*db, orgs, clock, sessions, scopes};
  const auto round = jobs::run_notifications(ctx);
  std::cout << "{\"reminded\":" << round.reminded << ",\"queued\":" << round.queued
            << ",\"sent\":" << round.sent.sent << ",\"retried\":" << round.sent.retried
            << ",\"failed\":" << round.sent.failed << "}" << std::endl;
  return 0;
}

int print_schema() {
  JsonWriter w;
  write_schema(w);
  std::cout << w.str() << "\n";
  return 0;
}

int print_routes() {
  auto db = store::open_database(":memory:", 1);
  SystemClock clock;
  service::OrgDirectory orgs;
  service::SessionCache sessions;
  service::ScopeCache scopes;
  http::App app({*db, orgs, clock, sessions, scopes}, {"", false, false});
  for (const auto& r : app.routes()) std::cout << r << "\n";
  return 0;
}

int user_add(const UserAddOptions& o) {
  UserRecord u;
  u.username = o.username;
  u.display_name = o.display_name;
  u.email = o.email;
  u.phone = o.phone;
  for (const auto& name : o.roles) {
    auto role = parse_role(name);
    if (!role) return fail("unknown role '" + name + "' (rep, manager, director, analyst, admin)");
    u.roles.add(*role);
  }
  for (Status s : {validate_username(u.username), validate_name("name", u.display_name, 64),
                   validate_email(u.email), validate_phone(u.phone),
                   validate_password("password", o.password)}) {
    if (!s.ok()) return fail(s.error().field + ": " + english(s.error().detail));
  }
  auto db = open_store(o.db, 1);
  SystemClock clock;
  const Instant now = clock.now();
  u.created_at = u.updated_at = now;
  const std::string hash = hash_password(o.password);
  auto conn = db->acquire();
  store::Transaction tx(*conn, true);
  auto orgs = store::list_org_ids(*conn);
  OrgId org;
  if (orgs.empty()) {
    OrgRecord rec;
    rec.name = "我的公司";
    rec.created_at = rec.updated_at = now;
    org = store::insert_org(*conn, rec);
  } else {
    org = orgs.front();
  }
  if (store::find_login(*conn, u.username)) return fail("user name '" + u.username + "' is taken");
  UserId id = store::insert_user(*conn, org, u, hash);
  audit_cli(*conn, org, "create", id, now);
  tx.commit();
  std::cout << "added user " << u.username << " (id " << id.value << ")\n";
  return 0;
}

int user_passwd(const std::string& url, const std::string& username, const std::string& password) {
  if (auto s = validate_password("password", password); !s.ok())
    return fail("password: " + english(s.error().detail));
  auto db = open_store(url, 1);
  auto conn = db->acquire();
  auto login = store::find_login(*conn, username);
  if (!login) return fail("no user named '" + username + "'");
  SystemClock clock;
  const std::string hash = hash_password(password);
  store::Transaction tx(*conn, true);
  store::set_password(*conn, login->org, login->id, hash, clock.now());
  store::delete_user_sessions(*conn, login->id);
  audit_cli(*conn, login->org, "password_reset", login->id, clock.now());
  tx.commit();
  std::cout << "password of " << username << " changed; their sessions ended\n";
  return 0;
}

int user_list(const std::string& url) {
  auto db = open_store(url, 1);
  auto conn = db->acquire();
  for (OrgId org : store::list_org_ids(*conn)) {
    for (const UserRecord& u : store::list_users(*conn, org)) {
      std::string roles;
      for (Role r : u.roles.list()) roles += (roles.empty() ? "" : ",") + std::string(role_name(r));
      std::cout << u.id.value << "\t" << u.username << "\t" << u.display_name << "\t" << roles
                << "\t" << (u.active ? "active" : "inactive") << "\n";
    }
  }
  return 0;
}

int backup(const std::string& url, const std::string& to) {
  if (is_postgres(url)) return fail("backup is for SQLite stores; use pg_dump for PostgreSQL");
  if (!std::filesystem::exists(url))
    return fail("there is no store at " + url + " (is --db right?)");
  store::backup_sqlite(url, to);
  std::cout << "backed up " << url << " to " << to << "\n";
  return 0;
}

int restore(const std::string& url, const std::string& from) {
  if (is_postgres(url)) return fail("restore is for SQLite stores; use pg_restore for PostgreSQL");
  if (!std::filesystem::exists(url))
    return fail("there is no store at " + url + " (is --db right?)");
  store::restore_sqlite(from, url);
  // The analytics index kept beside it is of the store replaced (a file of a store put back to an
  // earlier state is refused anyway: engine/store_mark.h).
  std::filesystem::remove_all(url + ".index");
  std::cout << "restored " << url << " from " << from << "\n";
  return 0;
}

int import_file(const ImportFileOptions& o) {
  std::ifstream in(o.file, std::ios::binary | std::ios::ate);
  if (!in) return fail("cannot read " + o.file);
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    return fail("cannot read " + o.file);
  auto db = open_store(o.db, 2);
  SystemClock clock;
  service::OrgDirectory orgs;
  orgs.load_all(*db);
  service::SessionCache sessions;
  service::ScopeCache scopes;
  service::Context ctx{*db, orgs, clock, sessions, scopes};
  auto actor = cli_actor(ctx, o.as);
  if (!actor.ok()) return fail(english(actor.error().detail));
  service::ImportOptions options;
  options.skip_bad = o.skip_bad;
  auto report = service::import_file(ctx, *actor, o.kind, bytes, options);
  if (!report.ok()) {
    const Error& e = report.error();
    JsonWriter w;
    w.begin_object();
    w.key("error").begin_object();
    w.field("code", error_code_name(e.code));
    if (!e.field.empty()) w.field("field", e.field);
    if (!e.detail.empty()) w.field("detail", english(e.detail));
    w.end_object();
    w.end_object();
    std::cout << std::move(w).str() << "\n";
    std::cerr << "导入失败，未导入任何数据：" << error_code_name(e.code)
              << (e.field.empty() ? "" : " " + e.field)
              << (e.detail.empty() ? "" : " (" + english(e.detail) + ")") << "\n";
    return 1;
  }
  JsonWriter w;
  service::write_import_report(w, *report);
  std::cout << std::move(w).str() << "\n";
  std::cerr << service::import_summary_zh(*report) << "\n";
  return report->errors.empty() && report->skipped == 0 ? 0 : 1;
}

int metric(const MetricOptions& o) {
  spdlog::set_level(spdlog::level::warn);  // stdout is the answer
  auto db = open_store(o.db, 2);
  SystemClock clock;
  service::OrgDirectory orgs;
  orgs.load_all(*db);
  service::SessionCache sessions;
  service::ScopeCache scopes;
  engine::Analytics analytics(*db, store::read_metric_settings);
  service::Context ctx{*db, orgs, clock, sessions, scopes, &analytics};
  std::vector<OrgId> org_ids;
  {
    auto conn = db->acquire();
    org_ids = store::list_org_ids(*conn);
  }
  if (org_ids.empty()) return fail("the store has no organisation");
  const OrgId org = org_ids.front();
  service::MetricRequest req{o.metric, o.scope, o.period, {}, {}, {}, o.compare};
  if (o.pipeline > 0) req.pipeline_id = o.pipeline;
  if (!o.segment.empty()) {
    req.segment_dim = o.segment;
    req.segment_key = o.segment_key;
  }
  if (o.via != "engine" && o.via != "sql") return fail("--via is engine or sql");
  const auto snapshot = orgs.get(org);
  auto q = service::parse_metric_request(req, *snapshot,
                                         local_date(clock.now(), snapshot->org().timezone));
  if (!q.ok()) {
    const Error& e = q.error();
    return fail(std::string(error_code_name(e.code)) + (e.field.empty() ? "" : " " + e.field) +
                (e.detail.empty() ? "" : ": " + english(e.detail)));
  }
  const MetricAnswer a = o.via == "sql" ? testkit::answer_metric_by_sql(ctx, org, *q)
                                        : service::answer_metric(ctx, org, *q);
  JsonWriter w;
  service::write_metric_answer(w, *q, a);
  std::cout << std::move(w).str() << "\n";
  return 0;
}

}  // namespace fupan::cli
