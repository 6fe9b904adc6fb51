#include "jobs/scheduler.h"

#include <date/tz.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

namespace fupan::jobs {
namespace {

// How long the thread sleeps at most: new orgs and changed zones are picked up this often.
constexpr auto kMaxSleep = std::chrono::minutes{1};

}  // namespace

Instant next_daily_run(Instant now, const date::time_zone* tz, std::chrono::minutes at) {
  const LocalDate today = local_date(now, tz);
  // Today's run if it is still ahead, else tomorrow's (the day after, when a DST gap pushed
  // tomorrow's candidate back onto today's).
  for (int d = 0; d < 3; ++d) {
    const Instant run = instant_at(today + date::days{d}, at, tz);
    if (run > now) return run;
  }
  return now + std::chrono::hours{24};  // unreachable: a day later is always ahead
}

Scheduler::Scheduler(const Clock& clock, OrgList orgs) : clock_(clock), orgs_(std::move(orgs)) {}

Scheduler::~Scheduler() {
  stop();
}

void Scheduler::daily(std::string name, std::chrono::minutes at, Task task) {
  entries_.push_back({std::move(name), at, std::move(task)});
}

Instant Scheduler::run_due(Instant now) {
  Instant wake = now + kMaxSleep;
  std::vector<OrgZone> orgs;
  try {
    orgs = orgs_();
  } catch (const std::exception& e) {
    spdlog::error("{{\"event\":\"job_orgs_failed\",\"error\":\"{}\"}}", e.what());
    return wake;
  }
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Entry& entry = entries_[i];
    for (const OrgZone& o : orgs) {
      const date::time_zone* tz = zone_of(o.timezone);
      auto [it, fresh] = due_.try_emplace({i, o.org.value});
      Due& due = it->second;
      if (fresh || due.timezone != o.timezone) {
        due = {o.timezone, next_daily_run(now, tz, entry.at)};
      } else if (due.next <= now) {
        const LocalDate day = local_date(due.next, o.timezone);
        try {
          entry.task(o.org, day);
          spdlog::info("{{\"event\":\"job_done\",\"job\":\"{}\",\"org\":{},\"day\":\"{}\"}}",
                       entry.name, o.org.value, format_date(day));
        } catch (const std::exception& e) {
          spdlog::error("{{\"event\":\"job_failed\",\"job\":\"{}\",\"org\":{},\"error\":\"{}\"}}",
                        entry.name, o.org.value, e.what());
        }
        due.next = next_daily_run(now, tz, entry.at);
      }
      wake = std::min(wake, due.next);
    }
  }
  return wake;
}

void Scheduler::start() {
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { loop(); });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::loop() {
  for (;;) {
    const Instant next = run_due(clock_.now());
    std::unique_lock lock(mu_);
    const auto wait = std::clamp<std::chrono::milliseconds>(
        next - clock_.now(), std::chrono::milliseconds{0}, kMaxSleep);
    if (wake_.wait_for(lock, wait, [this] { return stopping_; })) return;
  }
}

}  // namespace fupan::jobs
