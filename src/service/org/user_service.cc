#include "service/org/user_service.h"

#include <algorithm>

#include "core/crypto.h"
#include "domain/org_validation.h"
#include "service/org/record_json.h"
#include "service/platform/write.h"
#include "store/session_store.h"

namespace fupan::service {
namespace {

Result<RoleSet> parse_roles(const std::vector<std::string>& names) {
  RoleSet roles;
  for (const auto& n : names) {
    auto r = parse_role(n);
    if (!r) return Error::invalid("roles", detail::role_names);
    roles.add(*r);
  }
  if (roles.empty()) return Error::invalid("roles", detail::at_least_one_role);
  return roles;
}

// Applies `in` to `u`, validating each present field.
Status apply(const Actor& actor, const UserInput& in, UserRecord& u) {
  if (in.username) {
    FUPAN_TRY(validate_username(*in.username));
    u.username = *in.username;
  }
  if (in.display_name) {
    FUPAN_TRY(validate_name("display_name", *in.display_name, 64));
    u.display_name = *in.display_name;
  }
  if (in.email) {
    FUPAN_TRY(validate_email(*in.email));
    u.email = *in.email;
  }
  if (in.phone) {
    FUPAN_TRY(validate_phone(*in.phone));
    u.phone = *in.phone;
  }
  if (in.roles) {
    auto roles = parse_roles(*in.roles);
    if (!roles.ok()) return roles.error();
    u.roles = *roles;
  }
  if (in.region_id) {
    if (*in.region_id) {
      RegionId region{**in.region_id};
      if (!actor.snapshot->region(region))
        return Error::invalid("region_id", detail::no_such_region);
      u.region_id = region;
    } else {
      u.region_id.reset();
    }
  }
  if (in.active) u.active = *in.active;
  return {};
}

Status require_admin(const Actor& actor) {
  return actor.scope().is_admin ? Status{} : Status{Error::forbidden()};
}

const UserRecord* visible_user(const Actor& actor, UserId id) {
  const UserRecord* u = actor.snapshot->user(id);
  return u && actor.scope().sees_user(id) ? u : nullptr;
}

void end_sessions(store::Connection& c, UserId id) {
  store::delete_user_sessions(c, id);
}

}  // namespace

Result<Page<UserRecord>> list_users(const Actor& actor, const PageRequest& page,
                                    const UserFilter& filter) {
  std::vector<const UserRecord*> out;  // pointers: sorting moves no records
  for (const UserRecord& u : actor.snapshot->users()) {
    if (!actor.scope().sees_user(u.id)) continue;
    if (filter.active && u.active != *filter.active) continue;
    if (filter.role && !u.roles.has(*filter.role)) continue;
    if (filter.team) {
      auto ms = actor.snapshot->memberships_of(u.id, actor.today);
      if (std::none_of(ms.begin(), ms.end(), [&](auto* m) { return m->team_id == *filter.team; }))
        continue;
    }
    if (!page.q.empty() && !contains_text(u.username, page.q) &&
        !contains_text(u.display_name, page.q) && !contains_text(u.email, page.q) &&
        !contains_text(u.phone, page.q)) {
      continue;
    }
    out.push_back(&u);
  }
  std::string key = page.sort;
  bool desc = !key.empty() && key[0] == '-';
  if (desc) key.erase(0, 1);
  auto less = [&](const UserRecord* a, const UserRecord* b) {
    if (key == "username") return a->username < b->username;
    if (key == "display_name") return a->display_name < b->display_name;
    if (key == "created_at") return a->created_at < b->created_at;
    return a->id < b->id;
  };
  if (!key.empty() && key != "id" && key != "username" && key != "display_name" &&
      key != "created_at") {
    return Error{ErrorCode::invalid_query, "sort", detail::user_sort_fields, {}};
  }
  std::stable_sort(out.begin(), out.end(),
                   [&](auto* a, auto* b) { return desc ? less(b, a) : less(a, b); });
  auto selected = slice(std::move(out), page);
  Page<UserRecord> result{{}, selected.total, selected.page, selected.page_size};
  for (const UserRecord* u : selected.items) result.items.push_back(*u);
  return result;
}

Result<UserRecord> get_user(const Actor& actor, UserId id) {
  const UserRecord* u = visible_user(actor, id);
  if (!u) return Error::not_found();
  return *u;
}

Result<UserRecord> create_user(const Context& ctx, const Actor& actor, const UserInput& in) {
  FUPAN_TRY(require_admin(actor));
  if (!in.username) return Error::missing("username");
  if (!in.display_name) return Error::missing("display_name");
  if (!in.password) return Error::missing("password");
  FUPAN_TRY(validate_password("password", *in.password));
  UserRecord u;
  u.roles = RoleSet{Role::rep};
  FUPAN_TRY(apply(actor, in, u));
  const Instant now = ctx.clock.now();
  u.created_at = u.updated_at = now;
  const std::string hash = hash_password(*in.password);  // slow: outside the transaction
  return write_org<UserRecord>(ctx, actor.org, "username",
                               [&](store::Connection& c) -> Result<UserRecord> {
                                 u.id = store::insert_user(c, actor.org, u, hash);
                                 audit(c, actor, "create", "user", u.id.value, std::nullopt,
                                       to_json(u, *actor.snapshot, actor.today), now);
                                 return u;
                               });
}

Result<UserRecord> update_user(const Context& ctx, const Actor& actor, UserId id,
                               const UserInput& in, std::int64_t version) {
  const UserRecord* current = visible_user(actor, id);
  if (!current) return Error::not_found();
  FUPAN_TRY(require_admin(actor));
  if (in.password)
    return Error{ErrorCode::unknown_field, "password", detail::use_password_endpoint, {}};
  UserRecord u = *current;
  FUPAN_TRY(apply(actor, in, u));
  if (id == actor.id && !u.roles.has(Role::admin)) {
    return Error::invalid("roles", detail::cannot_drop_own_admin);
  }
  if (id == actor.id && !u.active) return Error::invalid("active", detail::cannot_deactivate_self);
  const Instant now = ctx.clock.now();
  u.updated_at = now;
  u.version = version + 1;
  auto result = write_org<UserRecord>(
      ctx, actor.org, "username", [&](store::Connection& c) -> Result<UserRecord> {
        FUPAN_TRY(outcome_status(store::update_user(c, actor.org, u, version)));
        if (!u.active) end_sessions(c, id);
        audit(c, actor, "update", "user", id.value, to_json(*current, *actor.snapshot, actor.today),
              to_json(u, *actor.snapshot, actor.today), now);
        return u;
      });
  if (result.ok() && !u.active) ctx.sessions.evict_user(id);
  return result;
}

Result<UserRecord> deactivate_user(const Context& ctx, const Actor& actor, UserId id,
                                   std::int64_t version) {
  UserInput in;
  in.active = false;
  return update_user(ctx, actor, id, in, version);
}

Status reset_password(const Context& ctx, const Actor& actor, UserId id,
                      const std::string& password) {
  if (!visible_user(actor, id)) return Error::not_found();
  FUPAN_TRY(require_admin(actor));
  FUPAN_TRY(validate_password("password", password));
  const std::string hash = hash_password(password);
  const Instant now = ctx.clock.now();
  auto r = write_org<bool>(ctx, actor.org, "", [&](store::Connection& c) -> Result<bool> {
    store::set_password(c, actor.org, id, hash, now);
    end_sessions(c, id);
    audit(c, actor, "password_reset", "user", id.value, std::nullopt, std::nullopt, now);
    return true;
  });
  if (!r.ok()) return r.error();
  ctx.sessions.evict_user(id);
  return {};
}

}  // namespace fupan::service
