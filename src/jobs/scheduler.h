// A small scheduler for nightly work: tasks that run once a day at a local time in each org's
// own time zone (02:00 in Shanghai and 02:00 in Berlin are different instants), on one thread
// that stops on request. The clock is injected and run_due() can be driven by hand, so tests pin
// the time instead of waiting for it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/ids.h"
#include "core/time.h"

namespace date {
class time_zone;
}

namespace fupan::jobs {

// Returns the first instant strictly after `now` at which the wall clock in `tz` shows `at`
// (time since local midnight, under 24 hours). A local time skipped by a daylight-saving change
// runs when the gap ends; a local time that occurs twice runs at its first occurrence only.
Instant next_daily_run(Instant now, const date::time_zone* tz, std::chrono::minutes at);

// An org and the IANA time zone its days are counted in.
struct OrgZone {
  OrgId org;
  std::string timezone;
};

class Scheduler {
 public:
  // Runs the work of one org for the local day `today`.
  using Task = std::function<void(OrgId org, LocalDate today)>;
  // Returns the orgs to run tasks for; asked before every round, so new orgs are picked up.
  using OrgList = std::function<std::vector<OrgZone>()>;

  Scheduler(const Clock& clock, OrgList orgs);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs `task` every day at local time `at` in each org's zone. Call before start().
  void daily(std::string name, std::chrono::minutes at, Task task);

  // Runs every task that is due at `now` and returns when the next one is due. An org seen for
  // the first time (or whose zone changed) is scheduled from `now` on, not run at once; after a
  // pause of several days a task runs once, not once per missed day. A task that throws is
  // logged and counts as run. Called by the thread, or by a test instead of start().
  Instant run_due(Instant now);

  // Starts the thread.
  void start();
  // Stops the thread, waiting for a running task to finish; idempotent.
  void stop();

 private:
  struct Entry {
    std::string name;
    std::chrono::minutes at;
    Task task;
  };
  struct Due {
    std::string timezone;
    Instant next;
  };
  void loop();

  const Clock& clock_;
  OrgList orgs_;
  std::vector<Entry> entries_;  // fixed once started
  // (entry index, org id) → when it runs next; used only by the caller of run_due().
  std::map<std::pair<std::size_t, std::int64_t>, Due> due_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace fupan::jobs
