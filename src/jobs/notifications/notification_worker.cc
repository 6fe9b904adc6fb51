#include "jobs/notifications/notification_worker.h"

#include <spdlog/spdlog.h>

#include "jobs/daily_jobs.h"
#include "service/reports/report_reminders.h"
#include "service/reviews/action_item_reminders.h"

namespace fupan::jobs {

NotificationRound run_notifications(const service::Context& ctx) {
  NotificationRound round;
  const Instant now = ctx.clock.now();
  for (const OrgZone& org : org_zones(ctx)) {
    const auto run = service::queue_report_reminders(ctx, org.org, now);
    round.reminded += run.people;
    round.queued += run.queued;
    const auto items = service::queue_action_item_reminders(ctx, org.org, now);
    round.reminded += items.people;
    round.queued += items.queued;
  }
  round.sent = send_due_notifications(ctx.db, ctx.clock);
  return round;
}

NotificationWorker::NotificationWorker(const service::Context& ctx,
                                       std::chrono::milliseconds period)
    : ctx_(ctx), period_(period) {}

NotificationWorker::~NotificationWorker() {
  stop();
}

void NotificationWorker::start() {
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { loop(); });
}

void NotificationWorker::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void NotificationWorker::loop() {
  for (;;) {
    try {
      const auto r = run_notifications(ctx_);
      if (r.queued || r.sent.sent || r.sent.retried || r.sent.failed) {
        spdlog::info(
            "{{\"event\":\"notifications\",\"reminded\":{},\"queued\":{},\"sent\":{},"
            "\"retried\":{},\"failed\":{}}}",
            r.reminded, r.queued, r.sent.sent, r.sent.retried, r.sent.failed);
      }
    } catch (const std::exception& e) {
      spdlog::error("{{\"event\":\"notifications_failed\",\"error\":\"{}\"}}", e.what());
    }
    std::unique_lock lock(mu_);
    if (wake_.wait_for(lock, period_, [this] { return stopping_; })) return;
  }
}

}  // namespace fupan::jobs
