// Imports started over HTTP run in the background: a registry of jobs, each visible only to the
// user who started it, with its phase and row counters. At most two run at once (the rest wait
// in line, at most two per user); finished jobs are kept for an hour.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "service/io/import_service.h"

namespace fupan::service {

enum class ImportJobStatus { queued, running, done, failed };
std::string_view import_job_status_name(ImportJobStatus s);

// What a job's owner sees of it.
struct ImportJobView {
  std::string id;
  std::string kind;
  std::string file_name;
  ImportJobStatus status = ImportJobStatus::queued;
  std::string phase;
  std::size_t done = 0, total = 0;
  std::optional<ImportReport> report;  // when done
  std::optional<Error> error;          // when failed
};

class ImportJobs {
 public:
  // Runs imports against `ctx`, which must outlive this registry.
  explicit ImportJobs(const Context& ctx, std::size_t workers = 2,
                      std::chrono::minutes keep = std::chrono::minutes(60));
  // Stops the running imports (they roll back) and waits for the workers.
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Queues an import of `bytes` as `actor` and returns the job's id; rate_limited when the
  // actor already has two imports queued or running, or the line is full.
  Result<std::string> start(const Actor& actor, std::string kind, std::string file_name,
                            std::string bytes, ImportOptions options);
  // Returns job `id` if `user` started it.
  std::optional<ImportJobView> find(const std::string& id, UserId user);

 private:
  struct Job {
    ImportJobView view;  // GUARDED_BY(mu_)
    Actor actor;
    std::string bytes;  // released once the import has run
    ImportOptions options;
    std::chrono::steady_clock::time_point finished_at;  // GUARDED_BY(mu_)
  };

  void work();
  void run(Job& job);
  void purge();  // REQUIRES(mu_)

  const Context& ctx_;
  const std::chrono::minutes keep_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<std::string, std::shared_ptr<Job>> jobs_;  // GUARDED_BY(mu_)
  std::deque<std::shared_ptr<Job>> line_;                       // GUARDED_BY(mu_)
  bool stopping_ = false;                                       // GUARDED_BY(mu_)
  std::vector<std::thread> workers_;
};

}  // namespace fupan::service
