// What another process committed to the store while this server runs (a `fupan import`, `fupan
// user add`, another server): found in the audit log by the writer mark on each entry
// (store::process_writer_id) before a request is answered, and taken in the way this server's
// own changes are — the org directory re-read, the analytics index brought in step (a bulk change
// builds it again before the answer). Entries are read in id order; on PostgreSQL a transaction
// that took a lower id and commits later than a higher one is not seen (one writer per store).
#pragma once

#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "core/ids.h"
#include "service/platform/context.h"

namespace fupan::service {

class StoreWatch {
 public:
  // Starts from the store's newest audit entry: what came before is in what the server loads.
  explicit StoreWatch(store::Database& db);
  StoreWatch(const StoreWatch&) = delete;
  StoreWatch& operator=(const StoreWatch&) = delete;

  // Takes in what other processes committed to `org` since the last call. When nothing was
  // written, it costs one read of the audit log's newest entries.
  void catch_up(const Context& ctx, OrgId org);

 private:
  struct Entry {
    std::int64_t id = 0;
    std::string entity;
    std::int64_t entity_id = 0;
    bool foreign = false;
  };
  std::vector<Entry> entries_since(store::Database& db, OrgId org, std::int64_t after) const;
  std::int64_t seen(OrgId org);

  std::int64_t start_ = 0;  // the newest audit id when the server started
  std::mutex mu_;
  std::unordered_map<OrgId, std::int64_t> seen_;  // GUARDED_BY(mu_): newest entry taken in
  std::mutex catch_up_mu_;  // one catch-up at a time; the others wait for its result
};

}  // namespace fupan::service
