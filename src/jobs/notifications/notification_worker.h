// The thread `fupan serve` runs for notifications: every half minute it queues the weekly-report
// reminders that are due in every org (service/reports/report_reminders.h) and sends what is due
// (sender.h). Queued messages are keyed and claimed before they are sent, so a restart, or a
// `fupan remind` beside the server, queues and sends nothing twice.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "jobs/notifications/sender.h"
#include "service/platform/context.h"

namespace fupan::jobs {

struct NotificationRound {
  int reminded = 0, queued = 0;
  SendRound sent;
};

// One round at `ctx.clock`'s time: reminders queued for every org, then everything due sent.
NotificationRound run_notifications(const service::Context& ctx);

class NotificationWorker {
 public:
  explicit NotificationWorker(const service::Context& ctx,
                              std::chrono::milliseconds period = std::chrono::seconds{30});
  ~NotificationWorker();
  NotificationWorker(const NotificationWorker&) = delete;
  NotificationWorker& operator=(const NotificationWorker&) = delete;

  void start();
  // Stops the thread after the round in progress; idempotent.
  void stop();

 private:
  void loop();
  const service::Context& ctx_;
  std::chrono::milliseconds period_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace fupan::jobs
