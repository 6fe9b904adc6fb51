// The rules of the activity kind (see entity_rules.h). Logging an activity changes nothing else:
// no follow-up date, status or stage moves with it.
#include "service/crm/entity_rules.h"
#include "store/entity_store.h"

namespace fupan::service {
namespace {

class ActivityRules final : public EntityRules {
 public:
  Status prepare(WriteScope& ws, const EntityRecord*, EntityRecord& r) const override {
    if (!r.is_null("satisfaction") && r.integer("is_revisit").value_or(0) == 0) {
      return Error::invalid("satisfaction", detail::satisfaction_on_revisit);
    }
    if (auto contact_id = r.integer("contact_id")) {
      static const EntityKind* const contact = find_entity_kind("contact");
      auto c = store::find_entity(ws.conn, ws.actor.org, *contact, *contact_id);
      if (!c) return Error::invalid("contact_id", detail::no_such_record);
      if (c->get("customer_id") != r.get("customer_id")) {
        return Error::invalid("contact_id", detail::other_customer);
      }
    }
    // A check-in is a place: both coordinates, or none and nothing about it.
    if (r.is_null("checkin_lat") != r.is_null("checkin_lng")) {
      return Error::invalid(r.is_null("checkin_lat") ? "checkin_lat" : "checkin_lng",
                            detail::checkin_pair);
    }
    if (r.is_null("checkin_lat") &&
        (!r.is_null("checkin_accuracy_m") || !r.is_null("checkin_at"))) {
      return Error::invalid("checkin_lat", detail::checkin_pair);
    }
    if (auto opportunity_id = r.integer("opportunity_id")) {
      static const EntityKind* const opportunity = find_entity_kind("opportunity");
      auto o = store::find_entity(ws.conn, ws.actor.org, *opportunity, *opportunity_id);
      if (!o) return Error::invalid("opportunity_id", detail::no_such_record);
      if (o->get("customer_id") != r.get("customer_id")) {
        return Error::invalid("opportunity_id", detail::other_customer);
      }
    }
    return {};
  }
};

}  // namespace

const EntityRules& activity_rules() {
  static const ActivityRules rules;
  return rules;
}

}  // namespace fupan::service
