#include "service/platform/write.h"

#include <boost/json/serialize.hpp>

#include "service/platform/change_feed.h"
#include "store/audit_store.h"

namespace fupan::service {

void audit(store::Connection& c, const Actor& actor, std::string_view action,
           std::string_view entity, std::int64_t entity_id,
           const std::optional<boost::json::object>& before,
           const std::optional<boost::json::object>& after, Instant at) {
  auto text = [](const std::optional<boost::json::object>& o) -> std::optional<std::string> {
    if (!o) return std::nullopt;
    return boost::json::serialize(*o);
  };
  audit_json(c, actor, action, entity, entity_id, text(before), text(after), at);
}

void audit_json(store::Connection& c, const Actor& actor, std::string_view action,
                std::string_view entity, std::int64_t entity_id, std::optional<std::string> before,
                std::optional<std::string> after, Instant at) {
  store::AuditRecord a;
  a.org = actor.org;
  a.at = at;
  a.user = actor.id;
  a.action = std::string(action);
  a.entity = std::string(entity);
  a.entity_id = entity_id;
  a.before_json = std::move(before);
  a.after_json = std::move(after);
  a.ip = actor.ip;
  note_change(actor.org, entity, entity_id);
  store::insert_audit(c, a);
}

Status outcome_status(const store::WriteOutcome& outcome) {
  switch (outcome.kind) {
    case store::WriteOutcome::done:
      return {};
    case store::WriteOutcome::not_found:
      return Error::not_found();
    case store::WriteOutcome::stale:
      return Error::conflict(outcome.current_version);
  }
  return {};
}

}  // namespace fupan::service
