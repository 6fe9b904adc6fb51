// The analytics engine of the server: one OrgIndex per org, built from the store on first use
// (or at start), kept in step with every committed change, and read by many threads at once.
#pragma once

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/org_index.h"
#include "store/database.h"

namespace fupan::engine {

// What one committed transaction changed: record ids per kind ("order", "payment", ...); a kind
// with id 0 was changed in bulk (an import) and is re-read whole.
struct ChangeSet {
  OrgId org;
  std::unordered_map<std::string, std::vector<std::int64_t>> ids;
  bool settings = false;  // the org's time zone, fiscal year, margin or holidays
};

class Analytics {
 public:
  // `settings` reads an org's MetricSettings from the store.
  using SettingsLoader = std::function<MetricSettings(store::Connection&, OrgId)>;
  Analytics(store::Database& db, SettingsLoader settings);
  Analytics(const Analytics&) = delete;
  Analytics& operator=(const Analytics&) = delete;

  // Builds the index of `org` now (start-up) rather than at its first question.
  void warm(OrgId org);
  // Brings the index in line with a committed change. Changes are applied one set at a time, each
  // reading the records as they are now, so the last one applied holds the newest state.
  void apply(const ChangeSet& changes);

  // Runs `fn(const OrgIndex&)` under a shared lock on the org's index.
  template <class Fn>
  auto read(OrgId org, Fn&& fn) {
    std::shared_ptr<Entry> e = entry(org);
    std::shared_lock lock(e->mutex);
    return fn(static_cast<const OrgIndex&>(*e->index));
  }

 private:
  struct Entry {
    std::shared_mutex mutex;  // guards index: readers share, apply() swaps or changes rows
    std::unique_ptr<OrgIndex> index;
  };
  std::shared_ptr<Entry> entry(OrgId org);
  std::unique_ptr<OrgIndex> build(OrgId org);

  store::Database& db_;
  SettingsLoader settings_;
  std::mutex entries_mutex_;
  std::unordered_map<OrgId, std::shared_ptr<Entry>> entries_;  // guarded by entries_mutex_
  std::mutex apply_mutex_;  // one change set at a time: read the store, then change the index
};

}  // namespace fupan::engine
