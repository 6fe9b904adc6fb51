// The rules of the cost kind (see entity_rules.h). A cost is booked to the org, a region, a team
// or a user (scope_type / scope_id), and whoever books it must see it afterwards, by the same
// rule as entity_access.cc's visible_condition: users in the actor's scope; teams for managers
// and directors within their scope; regions for directors of that region; org-wide costs only
// for admins and directors of the whole org. scope_id is required, and must be null for "org".
#include "service/crm/entity_rules.h"

namespace fupan::service {
namespace {

// Checks that `actor` may book a cost to `type`/`id`.
Status check_cost_scope(const Actor& actor, const std::string& type,
                        std::optional<std::int64_t> id) {
  const DataScope& scope = actor.scope();
  const RoleSet& roles = actor.user().roles;
  const bool director = roles.has(Role::director);
  if (type == "org") {
    if (id) return Error::invalid("scope_id", detail::org_cost_scope);
    if (!scope.all || !(scope.is_admin || director)) return Error::forbidden();
    return {};
  }
  if (!id) return Error::missing("scope_id");
  if (type == "region") {
    const RegionId region{*id};
    if (!actor.snapshot->region(region) || !scope.sees_region(region) || !(scope.all || director))
      return Error::invalid("scope_id", detail::no_such_region);
  } else if (type == "team") {
    const TeamId team{*id};
    if (!actor.snapshot->team(team) || !scope.sees_team(team) ||
        !(scope.all || director || roles.has(Role::manager)))
      return Error::invalid("scope_id", detail::no_such_team);
  } else {
    const UserId user{*id};
    if (!actor.snapshot->user(user) || !scope.sees_user(user))
      return Error::invalid("scope_id", detail::no_such_user);
  }
  return {};
}

class CostRules final : public EntityRules {
 public:
  Status prepare(WriteScope& ws, const EntityRecord* before, EntityRecord& after) const override {
    // Unchanged scope on a change: the generic check already found the cost visible.
    if (before && before->get("scope_type") == after.get("scope_type") &&
        before->get("scope_id") == after.get("scope_id"))
      return {};
    return check_cost_scope(ws.actor, after.text("scope_type"), after.integer("scope_id"));
  }
};

}  // namespace

const EntityRules& cost_rules() {
  static const CostRules rules;
  return rules;
}

}  // namespace fupan::service
