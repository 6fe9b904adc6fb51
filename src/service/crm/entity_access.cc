#include "service/crm/entity_access.h"

namespace fupan::service {
namespace {

// Appends "column IN (?, ...)" for `ids` (or a condition that is never true when empty).
template <class Set>
void append_in(SqlCondition& c, const std::string& column, const Set& ids) {
  if (ids.empty()) {
    c.sql += "1 = 0";
    return;
  }
  c.sql += column + " IN (";
  bool first = true;
  for (const auto& id : ids) {
    c.sql += first ? "?" : ", ?";
    first = false;
    c.params.emplace_back(id.value);
  }
  c.sql += ")";
}

}  // namespace

SqlCondition visible_condition(const Actor& actor, const EntityKind& kind) {
  const DataScope& scope = actor.scope();
  SqlCondition c;
  if (scope.all || kind.scope_rule == ScopeRule::shared) return c;
  const std::string column(kind.scope_column);
  switch (kind.scope_rule) {
    case ScopeRule::owner:
      append_in(c, "t." + column, scope.users);
      break;
    case ScopeRule::customer:
      c.sql = "t." + column + " IN (SELECT id FROM customers WHERE ";
      append_in(c, "owner_id", scope.users);
      c.sql += ")";
      break;
    case ScopeRule::order:
      c.sql = "t." + column + " IN (SELECT id FROM orders WHERE ";
      append_in(c, "owner_id", scope.users);
      c.sql += ")";
      break;
    case ScopeRule::cost: {
      // Reps see the costs booked to themselves; managers their teams'; directors their region's.
      const RoleSet& roles = actor.user().roles;
      c.sql = "(t.scope_type = 'user' AND ";
      append_in(c, "t.scope_id", scope.users);
      c.sql += ")";
      if (roles.has(Role::manager) || roles.has(Role::director)) {
        c.sql += " OR (t.scope_type = 'team' AND ";
        append_in(c, "t.scope_id", scope.teams);
        c.sql += ")";
      }
      if (roles.has(Role::director)) {
        c.sql += " OR (t.scope_type = 'region' AND ";
        append_in(c, "t.scope_id", scope.regions);
        c.sql += ")";
      }
      break;
    }
    case ScopeRule::shared:
      break;
  }
  return c;
}

Status check_can_write(const Actor& actor, const EntityKind& kind) {
  const DataScope& scope = actor.scope();
  if (!scope.can_write) return Error::forbidden();
  if (kind.scope_rule == ScopeRule::shared && !scope.is_admin) return Error::forbidden();
  if (kind.scope_rule == ScopeRule::cost) {
    const RoleSet& roles = actor.user().roles;
    if (!scope.is_admin && !roles.has(Role::manager) && !roles.has(Role::director))
      return Error::forbidden();
  }
  return {};
}

bool is_visible(store::Connection& c, const Actor& actor, const EntityKind& kind, std::int64_t id) {
  return store::record_exists(c, actor.org, kind.plural, id, visible_condition(actor, kind));
}

}  // namespace fupan::service
