// The analytics engine of the server: one OrgIndex per org, built from the store on first use
// (or at start), kept in step with every committed change, and read by many threads at once.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/change_set.h"
#include "engine/org_index.h"
#include "engine/store_mark.h"
#include "store/database.h"

namespace fupan::engine {

class Analytics {
 public:
  // `settings` reads an org's MetricSettings from the store.
  using SettingsLoader = std::function<MetricSettings(store::Connection&, OrgId)>;
  // With `index_dir`, each org's index is read from its file there when it can be
  // (engine/index_file.h) and save() writes them back.
  Analytics(store::Database& db, SettingsLoader settings, std::filesystem::path index_dir = {});
  Analytics(const Analytics&) = delete;
  Analytics& operator=(const Analytics&) = delete;

  // Builds the index of `org` now (start-up) rather than at its first question; says whether it
  // came from its file (caught up) or from the store.
  enum class Source { store, file };
  Source warm(OrgId org);
  // Writes every built index to its file (at shutdown: a change arriving meanwhile waits).
  void save();
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
    std::shared_mutex mutex;  // guards index and mark: readers share, apply() changes them
    std::unique_ptr<OrgIndex> index;
    // The store's audit position the index was last read whole at: it holds every change up to
    // it, and those after it that this server applied. Its file is caught up from there.
    StoreMark mark;
    Source source = Source::store;
    // While the index is built again (rebuild()): the changes that arrived meanwhile (applied to
    // the old index at once and to the new one once it is built), and whether a bulk change asks
    // for another build.
    std::mutex rebuild_mutex;
    bool rebuilding = false;         // guarded by rebuild_mutex
    bool build_again = false;        // guarded by rebuild_mutex
    std::vector<ChangeSet> pending;  // guarded by rebuild_mutex
  };
  // The rows a change set names, read from the store.
  struct ChangedRows {
    std::unordered_map<std::string, std::vector<std::int64_t>> asked;
    std::vector<store::CustomerRow> customers;
    std::vector<store::OrderRow> orders;
    std::unordered_map<std::int64_t, std::vector<LineFact>> lines;
    std::vector<store::PaymentRow> payments;
    std::vector<store::OpportunityRow> opportunities;
    std::vector<store::ActivityRow> activities;
    std::vector<store::CostRow> costs;
    std::optional<std::vector<store::StageFactRow>> stages;
  };
  // Beyond this many audit entries since its file was written, an index is read from the store.
  static constexpr std::size_t kCatchUpLimit = 200'000;

  std::shared_ptr<Entry> entry(OrgId org);
  std::unique_ptr<OrgIndex> build(OrgId org, StoreMark& mark);
  std::unique_ptr<OrgIndex> read_file(OrgId org, StoreMark& mark);
  void rebuild(OrgId org, Entry& e);
  static void end_rebuild(Entry& e);
  static bool needs_rebuild(const ChangeSet& changes);
  ChangedRows read_changed_rows(const ChangeSet& changes);
  static void put_changed_rows(OrgIndex& index, ChangedRows& rows);

  store::Database& db_;
  SettingsLoader settings_;
  std::filesystem::path index_dir_;
  std::mutex entries_mutex_;
  std::unordered_map<OrgId, std::shared_ptr<Entry>> entries_;  // guarded by entries_mutex_
  // One change set at a time: read the store, then change the index (not held while an index is
  // built again).
  std::mutex apply_mutex_;
};

}  // namespace fupan::engine
