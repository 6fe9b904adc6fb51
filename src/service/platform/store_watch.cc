#include "service/platform/store_watch.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "engine/analytics.h"
#include "store/audit_store.h"

namespace fupan::service {
namespace {

constexpr const char* kNewest = "SELECT COALESCE(MAX(id), 0) FROM audit_log";
// By id range only (`+org_id` keeps SQLite off the org's indexes, which would scan the whole log).
constexpr const char* kSince =
    "SELECT id, entity, COALESCE(entity_id, 0), writer FROM audit_log WHERE id > ? AND +org_id = ?"
    " ORDER BY id";

// The kinds the analytics index holds (engine/store_mark.cc).
bool is_fact(std::string_view entity) {
  return entity == "customer" || entity == "order" || entity == "payment" ||
         entity == "opportunity" || entity == "activity" || entity == "cost" ||
         entity == "pipeline";
}

}  // namespace

StoreWatch::StoreWatch(store::Database& db) {
  auto conn = db.acquire();
  start_ = conn->query(kNewest, {}).i64(0, 0);
}

std::vector<StoreWatch::Entry> StoreWatch::entries_since(store::Database& db, OrgId org,
                                                         std::int64_t after) const {
  std::vector<Entry> out;
  const std::int64_t me = store::process_writer_id();
  auto conn = db.acquire();
  conn->for_each(kSince, std::vector<store::Value>{after, org.value},
                 [&](const store::RowCursor& r) {
                   out.push_back({r.i64(0), std::string(r.text(1)), r.i64(2), r.i64(3) != me});
                 });
  return out;
}

std::int64_t StoreWatch::seen(OrgId org) {
  std::lock_guard lock(mu_);
  return seen_.try_emplace(org, start_).first->second;
}

void StoreWatch::catch_up(const Context& ctx, OrgId org) {
  auto foreign = [](const std::vector<Entry>& es) {
    return std::any_of(es.begin(), es.end(), [](const Entry& e) { return e.foreign; });
  };
  auto advance = [&](std::int64_t to) {
    std::lock_guard lock(mu_);
    auto& s = seen_.try_emplace(org, start_).first->second;
    s = std::max(s, to);
  };
  std::vector<Entry> entries = entries_since(ctx.db, org, seen(org));
  if (entries.empty()) return;
  if (!foreign(entries)) return advance(entries.back().id);

  // Another process wrote: one thread takes it in, the others wait for it and find it done.
  std::lock_guard serial(catch_up_mu_);
  entries = entries_since(ctx.db, org, seen(org));
  if (entries.empty()) return;
  if (!foreign(entries)) return advance(entries.back().id);
  engine::ChangeSet changes;
  changes.org = org;
  std::size_t taken = 0;
  for (const Entry& e : entries) {
    if (!e.foreign) continue;
    ++taken;
    if (is_fact(e.entity)) changes.ids[e.entity].push_back(e.entity_id);
    // The org's record holds the time zone and fiscal year the index is built in.
    if (e.entity == "org") changes.settings = true;
  }
  ctx.orgs.reload(ctx.db, org);
  if (ctx.analytics && (changes.settings || !changes.ids.empty())) ctx.analytics->apply(changes);
  advance(entries.back().id);
  spdlog::info("took in {} change(s) another process made to org {}", taken, org.value);
}

}  // namespace fupan::service
