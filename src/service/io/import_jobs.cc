#include "service/io/import_jobs.h"

#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>

#include "core/crypto.h"

namespace fupan::service {
namespace {

constexpr std::size_t kMaxPerUser = 2;  // queued or running
constexpr std::size_t kMaxWaiting = 16;

// Thrown from the progress callback to stop an import when the server shuts down.
struct Stopped {};

}  // namespace

std::string_view import_job_status_name(ImportJobStatus s) {
  switch (s) {
    case ImportJobStatus::queued:
      return "queued";
    case ImportJobStatus::running:
      return "running";
    case ImportJobStatus::done:
      return "done";
    case ImportJobStatus::failed:
      return "failed";
  }
  return "failed";
}

ImportJobs::ImportJobs(const Context& ctx, std::size_t workers, std::chrono::minutes keep)
    : ctx_(ctx), keep_(keep) {
  for (std::size_t i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

ImportJobs::~ImportJobs() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
}

Result<std::string> ImportJobs::start(const Actor& actor, std::string kind, std::string file_name,
                                      std::string bytes, ImportOptions options) {
  auto job = std::make_shared<Job>();
  job->view.id = random_token().substr(0, 24);
  job->view.kind = std::move(kind);
  job->view.file_name = std::move(file_name);
  job->view.phase = "queued";
  job->actor = actor;
  job->bytes = std::move(bytes);
  job->options = options;
  {
    std::lock_guard lock(mu_);
    purge();
    std::size_t mine = 0;
    for (const auto& [id, j] : jobs_) {
      if (j->actor.id == actor.id &&
          (j->view.status == ImportJobStatus::queued || j->view.status == ImportJobStatus::running))
        ++mine;
    }
    if (mine >= kMaxPerUser || line_.size() >= kMaxWaiting)
      return Error::of(ErrorCode::rate_limited, detail::too_many_imports);
    jobs_.emplace(job->view.id, job);
    line_.push_back(job);
  }
  cv_.notify_one();
  return job->view.id;
}

std::optional<ImportJobView> ImportJobs::find(const std::string& id, UserId user) {
  std::lock_guard lock(mu_);
  purge();
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->actor.id != user) return std::nullopt;
  return it->second->view;
}

void ImportJobs::purge() {
  const auto now = std::chrono::steady_clock::now();
  std::erase_if(jobs_, [&](const auto& entry) {
    const Job& j = *entry.second;
    const bool finished =
        j.view.status == ImportJobStatus::done || j.view.status == ImportJobStatus::failed;
    return finished && now - j.finished_at > keep_;
  });
}

void ImportJobs::work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !line_.empty(); });
      if (stopping_) return;
      job = line_.front();
      line_.pop_front();
      job->view.status = ImportJobStatus::running;
      job->view.phase = "reading";
    }
    run(*job);
  }
}

void ImportJobs::run(Job& job) {
  auto progress = [&](std::string_view phase, std::size_t done, std::size_t total) {
    std::lock_guard lock(mu_);
    if (stopping_) throw Stopped{};
    job.view.phase = std::string(phase);
    job.view.done = done;
    job.view.total = total;
  };
  std::optional<Result<ImportReport>> result;
  try {
    result.emplace(import_file(ctx_, job.actor, job.view.kind, job.bytes, job.options, progress));
  } catch (const Stopped&) {
    result.emplace(Error::of(ErrorCode::internal, detail::import_interrupted));
  } catch (const std::exception& e) {
    spdlog::error("{}", boost::json::serialize(boost::json::object{
                            {"event", "unhandled"}, {"where", "import"}, {"error", e.what()}}));
    result.emplace(Error::of(ErrorCode::internal));
  }
  std::lock_guard lock(mu_);
  job.bytes = std::string();
  job.finished_at = std::chrono::steady_clock::now();
  job.view.phase = "done";
  if (result->ok()) {
    job.view.status = ImportJobStatus::done;
    job.view.done = job.view.total = (*result)->rows;
    job.view.report = std::move(result->value());
  } else {
    job.view.status = ImportJobStatus::failed;
    job.view.error = result->error();
  }
}

}  // namespace fupan::service
