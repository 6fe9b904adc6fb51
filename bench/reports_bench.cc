// Weekly reports at the scale of a large org:
//   a rep's data block for a week of the large org (bench/large_store.h): the KPIs from the
//   analytics index, the week's opportunities and overdue follow-ups from the store; against the
//   KPIs alone by plain SQL;
//   the Friday-evening reminder run for 2,000 reps in 100 teams: every reminder queued (an
//   email to each rep, a DingTalk message to each team's group, one org webhook, the in-app
//   reminders), then sent to an SMTP server and an HTTP receiver on this machine and logged.
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>

#include "core/crypto.h"
#include "domain/reports/report_period.h"
#include "jobs/notifications/sender.h"
#include "large_store.h"
#include "service/platform/org_directory.h"
#include "service/reports/data_block.h"
#include "service/reports/report_reminders.h"
#include "store/metric_settings_store.h"
#include "store/migrations.h"
#include "store/notification_store.h"
#include "store/org_store.h"
#include "testkit/fixed_clock.h"
#include "testkit/metric_sql.h"

namespace {

using namespace fupan;

// ---- the data block ----

void BM_DataBlockLargeOrg(benchmark::State& state) {
  bench::LargeStore* s = bench::sqlite_store();
  testkit::FixedClock clock{instant_from_ms(1763600000000)};  // 2025-11-20
  service::SessionCache sessions;
  service::ScopeCache scopes;
  const service::Context ctx{*s->db, s->orgs, clock, sessions, scopes, &s->analytics()};
  const service::Actor actor = service::make_actor(ctx, s->snapshot, s->rep, "bench");
  const Period week =
      period_containing(PeriodKind::week, LocalDate{std::chrono::year{2026} / 9 / 16});
  const LocalDate friday = week.start + std::chrono::days{4};
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto block = service::assemble_data_block(
        ctx, actor, {ScopeRef::Kind::user, s->rep.value}, week, friday);
    benchmark::DoNotOptimize(block);
    bytes = service::data_block_json(block).size();
  }
  state.counters["json_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_DataBlockLargeOrg)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

// The baseline: the block's KPIs alone (its 7 metrics for the week and the month to date) by plain
// SQL, the metrics' reference.
void BM_DataBlockKpis_SQL(benchmark::State& state) {
  bench::LargeStore* s = bench::sqlite_store();
  auto c = s->db->acquire();
  const MetricSettings settings = store::read_metric_settings(*c, s->org);
  const Period week =
      period_containing(PeriodKind::week, LocalDate{std::chrono::year{2026} / 9 / 16});
  const Period mtd{PeriodKind::range, LocalDate{std::chrono::year{2026} / 9 / 1}, week.end, ""};
  MetricQuery q;
  q.scopes = {ScopeRef{ScopeRef::Kind::user, s->rep.value}};
  for (auto _ : state) {
    for (const std::string& name : service::data_block_metrics()) {
      const Metric m = parse_metric(name).value().base;
      for (const Period& p : {week, mtd}) {
        q.period = p;
        benchmark::DoNotOptimize(testkit::metric_by_sql(*c, s->org, settings, m, q, p));
      }
    }
  }
}
BENCHMARK(BM_DataBlockKpis_SQL)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

// ---- the reminder run ----

// A TCP server on 127.0.0.1 answering each connection with `serve(fd)` on its own thread.
class LocalServer {
 public:
  template <class Serve>
  explicit LocalServer(Serve serve) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 512);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this, serve] {
      for (;;) {
        const int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        serve(c);
        ::close(c);
        ++served;
      }
    });
  }
  ~LocalServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  int port() const { return port_; }
  std::atomic<int> served{0};

 private:
  int fd_ = -1, port_ = 0;
  std::thread thread_;
};

bool read_until(int fd, std::string& buf, std::string_view end) {
  char chunk[4096];
  while (buf.find(end) == std::string::npos) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  return true;
}

void say(int fd, std::string_view s) {
  (void)!::write(fd, s.data(), s.size());
}

// An HTTP receiver: reads a request with its body, answers as a robot does.
void serve_http(int fd) {
  std::string buf;
  if (!read_until(fd, buf, "\r\n\r\n")) return;
  const auto at = buf.find("Content-Length: ");
  const std::size_t length = at == std::string::npos ? 0 : std::stoul(buf.substr(at + 16));
  const std::size_t head = buf.find("\r\n\r\n") + 4;
  char chunk[4096];
  while (buf.size() < head + length) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return;
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  say(fd,
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\n"
      "Connection: close\r\n\r\n{\"errcode\":0,\"errmsg\":\"ok\"}");
}

// An SMTP server's happy path, one mail per connection.
void serve_smtp(int fd) {
  std::string buf;
  say(fd, "220 bench ESMTP\r\n");
  for (;;) {
    if (!read_until(fd, buf, "\r\n")) return;
    const std::string line = buf.substr(0, buf.find("\r\n"));
    buf.erase(0, line.size() + 2);
    const std::string verb = line.substr(0, 4);
    if (verb == "DATA") {
      say(fd, "354 go ahead\r\n");
      if (!read_until(fd, buf, "\r\n.\r\n")) return;
      buf.erase(0, buf.find("\r\n.\r\n") + 5);
      say(fd, "250 OK\r\n");
    } else if (verb == "QUIT") {
      say(fd, "221 bye\r\n");
      return;
    } else {
      say(fd, "250 OK\r\n");
    }
  }
}

// 2,000 reps with emails in 100 teams of 20, each team's DingTalk group, an org webhook and an
// email channel; no report handed in.
struct ReminderStore {
  ReminderStore() : http(serve_http), smtp(serve_smtp) {
    crypto_init();
    path = (std::filesystem::temp_directory_path() /
            ("fupan_reminders_" + std::to_string(::getpid()) + ".db"))
               .string();
    db = store::open_database(path, 4);
    store::migrate(*db);
    const Instant now = clock.now();
    const std::string hash = hash_password("bench-password");
    auto conn = db->acquire();
    store::Transaction tx(*conn, true);
    OrgRecord o;
    o.name = "大型组织";
    o.created_at = o.updated_at = now;
    org = store::insert_org(*conn, o);
    const std::string base = "http://127.0.0.1:" + std::to_string(http.port());
    auto channel = [&](notifications::ChannelKind kind, std::string url,
                       std::optional<TeamId> team) {
      notifications::Channel ch;
      ch.kind = kind;
      ch.name = "渠道";
      ch.url = std::move(url);
      ch.sender = "fupan@example.com";
      // The local SMTP server speaks no TLS, and a password is sent only over TLS.
      if (kind != notifications::ChannelKind::email) ch.secret = "SECbench";
      ch.team = team;
      ch.created_at = ch.updated_at = now;
      store::insert_channel(*conn, org, ch);
    };
    const RegionId region =
        store::insert_region(*conn, org, {RegionId{}, "华东", "E", 1, now, now});
    const LocalDate start{std::chrono::year{2020} / 1 / 1};
    for (int t = 0; t < 100; ++t) {
      TeamRecord team;
      team.region_id = region;
      team.name = "团队" + std::to_string(t);
      team.created_at = team.updated_at = now;
      const TeamId team_id = store::insert_team(*conn, org, team);
      channel(notifications::ChannelKind::dingtalk,
              base + "/robot?access_token=t" + std::to_string(t), team_id);
      for (int u = 0; u < 20; ++u) {
        UserRecord user;
        user.username = "rep" + std::to_string(t * 20 + u);
        user.display_name = "销售" + std::to_string(t * 20 + u);
        user.email = user.username + "@example.com";
        user.phone = "1390000" + std::to_string(1000 + t * 20 + u);
        user.roles = {Role::rep};
        user.created_at = user.updated_at = now;
        MembershipRecord m;
        m.user_id = store::insert_user(*conn, org, user, hash);
        m.team_id = team_id;
        m.role = u == 0 ? TeamRole::leader : TeamRole::member;
        m.valid_from = start;
        m.created_at = m.updated_at = now;
        store::insert_membership(*conn, org, m);
      }
    }
    channel(notifications::ChannelKind::webhook, base + "/hook", std::nullopt);
    channel(notifications::ChannelKind::email, "smtp://127.0.0.1:" + std::to_string(smtp.port()),
            std::nullopt);
    tx.commit();
    orgs.load_all(*db);
  }
  ~ReminderStore() {
    db.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
  }

  LocalServer http, smtp;
  testkit::FixedClock clock{instant_from_ms(1765101600000)};
  std::string path;
  std::unique_ptr<store::Database> db;
  service::OrgDirectory orgs;
  service::SessionCache sessions;
  service::ScopeCache scopes;
  OrgId org;
};

void BM_ReminderRun2000Reps(benchmark::State& state) {
  static ReminderStore s;
  const service::Context ctx{*s.db, s.orgs, s.clock, s.sessions, s.scopes};
  // Each run is a week of its own, an hour before its Friday 18:00 deadline in Shanghai.
  static int week = 0;
  int queued = 0, sent = 0, failed = 0;
  for (auto _ : state) {
    const Period p = reports::report_period_of(
        reports::ReportKind::week,
        LocalDate{std::chrono::year{2027} / 1 / 4} + std::chrono::days{7 * week++});
    const Instant at =
        reports::deadline_instant(p, {}, zone_of("Asia/Shanghai")) - std::chrono::hours{1};
    const auto run = service::queue_report_reminders(ctx, s.org, at);
    const testkit::FixedClock clock{at};
    const auto round = jobs::send_due_notifications(*s.db, clock);
    queued += run.queued;
    sent += round.sent;
    failed += round.failed + round.retried;
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["queued"] = queued / n;
  state.counters["sent"] = sent / n;
  state.counters["failed"] = failed / n;
}
BENCHMARK(BM_ReminderRun2000Reps)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace
