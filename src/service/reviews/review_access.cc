#include "service/reviews/review_access.h"

#include "core/json_writer.h"
#include "store/review_store.h"

namespace fupan::service {

bool sees_review(const Actor& actor, const reviews::Review& r) {
  if (actor.scope().all || reviews::takes_part(r, actor.id)) return true;
  return check_may_view({r.scope}, *actor.snapshot, actor.scope(), actor.id, actor.today).ok();
}

Result<reviews::Review> visible_review(store::Connection& c, const Actor& actor, std::int64_t id) {
  auto r = store::find_review(c, actor.org, id);
  if (!r || !sees_review(actor, *r)) return Error::not_found();
  return std::move(*r);
}

Result<reviews::Review> owned_review(store::Connection& c, const Actor& actor, std::int64_t id,
                                     std::optional<std::int64_t> version) {
  FUPAN_ASSIGN_OR_RETURN(auto r, visible_review(c, actor, id));
  if (!actor.scope().can_write) return Error::forbidden();
  if (r.owner != actor.id && !actor.scope().is_admin) {
    return Error::of(ErrorCode::forbidden, detail::review_owner_only);
  }
  FUPAN_TRY(reviews::check_open(r));
  if (version && r.version != *version) return Error::conflict(r.version);
  return r;
}

Result<reviews::Review> joined_review(store::Connection& c, const Actor& actor, std::int64_t id) {
  FUPAN_ASSIGN_OR_RETURN(auto r, visible_review(c, actor, id));
  if (!actor.scope().can_write) return Error::forbidden();
  if (!reviews::takes_part(r, actor.id)) {
    return Error::of(ErrorCode::forbidden, detail::review_participant_only);
  }
  FUPAN_TRY(reviews::check_open(r));
  return r;
}

std::string review_audit_json(const reviews::Review& r) {
  JsonWriter w;
  w.begin_object();
  w.field("scope", r.scope.text());
  w.field("period", r.period.label);
  w.field("title", r.title);
  w.field("owner_id", r.owner.value);
  w.key("participant_ids").begin_array();
  for (UserId u : r.participants) w.value(u.value);
  w.end_array();
  w.field("status", reviews::review_status_name(r.status));
  w.field("summary", r.summary);
  w.end_object();
  return std::move(w).str();
}

}  // namespace fupan::service
