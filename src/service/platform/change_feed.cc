#include "service/platform/change_feed.h"

#include <map>

#include "engine/analytics.h"

namespace fupan::service {
namespace {

// Per thread: the changes of its open write transaction, by org.
thread_local std::map<std::int64_t, engine::ChangeSet> pending;

bool is_fact(std::string_view entity) {
  return entity == "customer" || entity == "order" || entity == "payment" ||
         entity == "opportunity" || entity == "activity" || entity == "cost" ||
         entity == "pipeline";
}

}  // namespace

void note_change(OrgId org, std::string_view entity, std::int64_t id) {
  if (!is_fact(entity)) return;
  engine::ChangeSet& set = pending[org.value];
  set.org = org;
  set.ids[std::string(entity)].push_back(id);
}

void note_settings_change(OrgId org) {
  engine::ChangeSet& set = pending[org.value];
  set.org = org;
  set.settings = true;
}

void publish_changes(const Context& ctx) {
  auto changes = std::move(pending);
  pending.clear();
  if (ctx.analytics == nullptr) return;
  for (auto& [org, set] : changes) ctx.analytics->apply(set);
}

void discard_changes() {
  pending.clear();
}

}  // namespace fupan::service
