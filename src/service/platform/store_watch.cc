#include "service/platform/store_watch.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "engine/analytics.h"
#include "store/audit_feed.h"
#include "store/audit_store.h"

namespace fupan::service {
namespace {

// The kinds the analytics index holds (engine/store_mark.cc).
bool is_fact(std::string_view entity) {
  return entity == "customer" || entity == "order" || entity == "payment" ||
         entity == "opportunity" || entity == "activity" || entity == "cost" ||
         entity == "pipeline";
}

}  // namespace

StoreWatch::StoreWatch(store::Database& db) {
  auto conn = db.acquire();
  start_ = store::newest_audit_id(*conn);
}

std::vector<StoreWatch::Entry> StoreWatch::entries_since(store::Database& db, OrgId org,
                                                         std::int64_t after) const {
  std::vector<Entry> out;
  const std::int64_t me = store::process_writer_id();
  auto conn = db.acquire();
  store::for_each_audit_entry(*conn, org, after, std::nullopt, [&](const store::AuditMark& e) {
    out.push_back({e.id, e.entity, e.entity_id, e.writer != me});
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
