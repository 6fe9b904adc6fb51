#include "service/org/org_structure_service.h"

#include <algorithm>

#include "domain/compare_to_date.h"
#include "domain/org_validation.h"
#include "service/org/record_json.h"
#include "service/org/time_zone_change.h"
#include "service/platform/change_feed.h"
#include "service/platform/write.h"

namespace fupan::service {
namespace {

Status require_admin(const Actor& actor) {
  return actor.scope().is_admin ? Status{} : Status{Error::forbidden()};
}

Status as_status(const Result<bool>& r) {
  return r.ok() ? Status{} : Status{r.error()};
}

Result<bool> check_sort(const std::string& sort, std::initializer_list<std::string_view> allowed) {
  std::string_view key = sort;
  if (!key.empty() && key[0] == '-') key.remove_prefix(1);
  if (key.empty() || std::find(allowed.begin(), allowed.end(), key) != allowed.end()) return true;
  return Error{ErrorCode::invalid_query, "sort", detail::unknown_sort_field, {}};
}

template <class T>
void sort_records(std::vector<T>& v, const std::string& sort) {
  bool desc = !sort.empty() && sort[0] == '-';
  std::string key = desc ? sort.substr(1) : sort;
  auto less = [&](const T& a, const T& b) {
    if constexpr (requires { a.name; }) {
      if (key == "name") return a.name < b.name;
    }
    return a.id < b.id;
  };
  std::stable_sort(v.begin(), v.end(),
                   [&](const T& a, const T& b) { return desc ? less(b, a) : less(a, b); });
}

}  // namespace

// ---- org ----

Result<OrgRecord> update_org(const Context& ctx, const Actor& actor, const OrgInput& in,
                             std::int64_t version) {
  FUPAN_TRY(require_admin(actor));
  OrgRecord o = actor.snapshot->org();
  const OrgRecord before = o;
  if (in.name) {
    FUPAN_TRY(validate_name("name", *in.name));
    o.name = *in.name;
  }
  if (in.timezone) {
    if (!is_known_time_zone(*in.timezone)) return Error::invalid("timezone", detail::time_zone);
    o.timezone = *in.timezone;
  }
  if (in.fiscal_year_start_month) {
    if (*in.fiscal_year_start_month < 1 || *in.fiscal_year_start_month > 12) {
      return Error::invalid("fiscal_year_start_month", detail::range(1, 12));
    }
    o.fiscal_year_start_month = static_cast<int>(*in.fiscal_year_start_month);
  }
  if (in.tier_rule) {
    if (*in.tier_rule != "abc" && *in.tier_rule != "rfm") {
      return Error::invalid("tier_rule", detail::tier_rule);
    }
    o.tier_rule = *in.tier_rule;
  }
  if (in.stall_days) {
    if (*in.stall_days < 1 || *in.stall_days > 365)
      return Error::invalid("stall_days", detail::range(1, 365));
    o.stall_days = static_cast<int>(*in.stall_days);
  }
  if (in.compare_basis) {
    if (!parse_elapsed_basis(*in.compare_basis)) {
      return Error::invalid("compare_basis", detail::compare_basis);
    }
    o.compare_basis = *in.compare_basis;
  }
  if (in.smart_factor_pct) {
    if (*in.smart_factor_pct < 101 || *in.smart_factor_pct > 1000)
      return Error::invalid("smart_factor_pct", detail::range(101, 1000));
    o.smart_factor_pct = static_cast<int>(*in.smart_factor_pct);
  }
  if (in.seasonality) {
    const std::vector<std::int64_t>& s = *in.seasonality;
    if (!s.empty()) {
      if (s.size() != 12) return Error::invalid("seasonality", detail::twelve_months);
      if (std::ranges::any_of(s, [](std::int64_t w) { return w < 0; }))
        return Error::invalid("seasonality", detail::negative_weight);
      if (std::ranges::all_of(s, [](std::int64_t w) { return w == 0; }))
        return Error::invalid("seasonality", detail::all_weights_zero);
    }
    o.seasonality = s;
  }
  const Instant now = ctx.clock.now();
  o.updated_at = now;
  o.version = version + 1;
  return write_org<OrgRecord>(
      ctx, actor.org, "name", [&](store::Connection& c) -> Result<OrgRecord> {
        if (o.timezone != before.timezone && !in.confirm) {
          if (const std::int64_t moved = facts_changing_day(c, o.id, before.timezone, o.timezone);
              moved > 0) {
            Error e = Error::of(ErrorCode::confirmation_required, detail::time_zone_moves_days);
            e.field = "timezone";
            e.affected = moved;
            return e;
          }
        }
        FUPAN_TRY(outcome_status(store::update_org(c, o, version)));
        audit(c, actor, "update", "org", o.id.value, to_json(before), to_json(o), now);
        // The metrics' calendar changed: the analytics index is rebuilt in the new one.
        if (o.timezone != before.timezone ||
            o.fiscal_year_start_month != before.fiscal_year_start_month) {
          note_settings_change(o.id);
        }
        return o;
      });
}

// ---- regions ----

Result<Page<RegionRecord>> list_regions(const Actor& actor, const PageRequest& page) {
  auto sorted = check_sort(page.sort, {"id", "name"});
  if (!sorted.ok()) return sorted.error();
  std::vector<RegionRecord> out;
  for (const RegionRecord& r : actor.snapshot->regions()) {
    if (!actor.scope().sees_region(r.id)) continue;
    if (!contains_text(r.name, page.q) && !contains_text(r.code, page.q)) continue;
    out.push_back(r);
  }
  sort_records(out, page.sort);
  return slice(std::move(out), page);
}

Result<RegionRecord> get_region(const Actor& actor, RegionId id) {
  const RegionRecord* r = actor.snapshot->region(id);
  if (!r || !actor.scope().sees_region(id)) return Error::not_found();
  return *r;
}

namespace {
Status apply(const RegionInput& in, RegionRecord& r) {
  if (in.name) {
    FUPAN_TRY(validate_name("name", *in.name, 64));
    r.name = *in.name;
  }
  if (in.code) {
    if (in.code->size() > 32) return Error::invalid("code", detail::at_most_chars(32));
    r.code = *in.code;
  }
  return {};
}
}  // namespace

Result<RegionRecord> create_region(const Context& ctx, const Actor& actor, const RegionInput& in) {
  FUPAN_TRY(require_admin(actor));
  if (!in.name) return Error::missing("name");
  RegionRecord r;
  FUPAN_TRY(apply(in, r));
  const Instant now = ctx.clock.now();
  r.created_at = r.updated_at = now;
  return write_org<RegionRecord>(
      ctx, actor.org, "name", [&](store::Connection& c) -> Result<RegionRecord> {
        r.id = store::insert_region(c, actor.org, r);
        audit(c, actor, "create", "region", r.id.value, std::nullopt, to_json(r), now);
        return r;
      });
}

Result<RegionRecord> update_region(const Context& ctx, const Actor& actor, RegionId id,
                                   const RegionInput& in, std::int64_t version) {
  auto current = get_region(actor, id);
  if (!current.ok()) return current.error();
  FUPAN_TRY(require_admin(actor));
  RegionRecord r = *current;
  FUPAN_TRY(apply(in, r));
  const Instant now = ctx.clock.now();
  r.updated_at = now;
  r.version = version + 1;
  return write_org<RegionRecord>(
      ctx, actor.org, "name", [&](store::Connection& c) -> Result<RegionRecord> {
        FUPAN_TRY(outcome_status(store::update_region(c, actor.org, r, version)));
        audit(c, actor, "update", "region", id.value, to_json(*current), to_json(r), now);
        return r;
      });
}

Status delete_region(const Context& ctx, const Actor& actor, RegionId id, std::int64_t version) {
  auto current = get_region(actor, id);
  if (!current.ok()) return current.error();
  FUPAN_TRY(require_admin(actor));
  const Instant now = ctx.clock.now();
  return as_status(write_org<bool>(ctx, actor.org, "", [&](store::Connection& c) -> Result<bool> {
    FUPAN_TRY(outcome_status(store::delete_region(c, actor.org, id, version)));
    audit(c, actor, "delete", "region", id.value, to_json(*current), std::nullopt, now);
    return true;
  }));
}

// ---- teams ----

Result<Page<TeamRecord>> list_teams(const Actor& actor, const PageRequest& page,
                                    const TeamFilter& filter) {
  auto sorted = check_sort(page.sort, {"id", "name"});
  if (!sorted.ok()) return sorted.error();
  std::vector<TeamRecord> out;
  for (const TeamRecord& t : actor.snapshot->teams()) {
    if (!actor.scope().sees_team(t.id)) continue;
    if (filter.region && t.region_id != *filter.region) continue;
    if (filter.parent && t.parent_id != *filter.parent) continue;
    if (!contains_text(t.name, page.q)) continue;
    out.push_back(t);
  }
  sort_records(out, page.sort);
  return slice(std::move(out), page);
}

Result<TeamRecord> get_team(const Actor& actor, TeamId id) {
  const TeamRecord* t = actor.snapshot->team(id);
  if (!t || !actor.scope().sees_team(id)) return Error::not_found();
  return *t;
}

namespace {
// Applies `in` to `t`; a sub-team lives in its parent's region and never below itself.
Status apply(const OrgSnapshot& org, const TeamInput& in, TeamRecord& t) {
  const RegionId region_before = t.region_id;
  if (in.name) {
    FUPAN_TRY(validate_name("name", *in.name, 64));
    t.name = *in.name;
  }
  if (in.region_id) {
    if (!org.region(RegionId{*in.region_id}))
      return Error::invalid("region_id", detail::no_such_region);
    t.region_id = RegionId{*in.region_id};
  }
  if (in.parent_id) {
    if (*in.parent_id) {
      TeamId parent{**in.parent_id};
      const TeamRecord* p = org.team(parent);
      if (!p) return Error::invalid("parent_id", detail::no_such_team);
      if (t.id.valid() && org.is_within(parent, t.id)) {
        return Error::invalid("parent_id", detail::team_below_itself);
      }
      if (!in.region_id) t.region_id = p->region_id;
      t.parent_id = parent;
    } else {
      t.parent_id.reset();
    }
  }
  if (t.parent_id && org.team(*t.parent_id)->region_id != t.region_id) {
    return Error::invalid("region_id", detail::sub_team_region);
  }
  // Its sub-teams would be left behind in the old region.
  if (t.id.valid() && t.region_id != region_before && org.subtree(t.id).size() > 1) {
    return Error::invalid("region_id", detail::team_keeps_region);
  }
  return {};
}

// Returns invalid parent_id if `parent` is `team` or below it, following the parents in the store:
// the request's snapshot may predate a concurrent move (write_org serialises the writers).
Status check_not_below(store::Connection& c, OrgId org, TeamId team, TeamId parent) {
  constexpr int kMaxDepth = 1000;
  std::optional<TeamId> cur = parent;
  for (int depth = 0; cur; ++depth) {
    if (*cur == team) return Error::invalid("parent_id", detail::team_below_itself);
    if (depth > kMaxDepth) return Error::invalid("parent_id", detail::team_tree_too_deep);
    cur = store::team_parent(c, org, *cur);
  }
  return {};
}
}  // namespace

Result<TeamRecord> create_team(const Context& ctx, const Actor& actor, const TeamInput& in) {
  FUPAN_TRY(require_admin(actor));
  if (!in.name) return Error::missing("name");
  if (!in.region_id && !(in.parent_id && *in.parent_id)) return Error::missing("region_id");
  TeamRecord t;
  FUPAN_TRY(apply(*actor.snapshot, in, t));
  const Instant now = ctx.clock.now();
  t.created_at = t.updated_at = now;
  return write_org<TeamRecord>(
      ctx, actor.org, "name", [&](store::Connection& c) -> Result<TeamRecord> {
        t.id = store::insert_team(c, actor.org, t);
        audit(c, actor, "create", "team", t.id.value, std::nullopt, to_json(t), now);
        return t;
      });
}

Result<TeamRecord> update_team(const Context& ctx, const Actor& actor, TeamId id,
                               const TeamInput& in, std::int64_t version) {
  auto current = get_team(actor, id);
  if (!current.ok()) return current.error();
  FUPAN_TRY(require_admin(actor));
  TeamRecord t = *current;
  FUPAN_TRY(apply(*actor.snapshot, in, t));
  const Instant now = ctx.clock.now();
  t.updated_at = now;
  t.version = version + 1;
  return write_org<TeamRecord>(
      ctx, actor.org, "name", [&](store::Connection& c) -> Result<TeamRecord> {
        if (t.parent_id && t.parent_id != current->parent_id)
          FUPAN_TRY(check_not_below(c, actor.org, id, *t.parent_id));
        FUPAN_TRY(outcome_status(store::update_team(c, actor.org, t, version)));
        audit(c, actor, "update", "team", id.value, to_json(*current), to_json(t), now);
        return t;
      });
}

Status delete_team(const Context& ctx, const Actor& actor, TeamId id, std::int64_t version) {
  auto current = get_team(actor, id);
  if (!current.ok()) return current.error();
  FUPAN_TRY(require_admin(actor));
  const Instant now = ctx.clock.now();
  return as_status(write_org<bool>(ctx, actor.org, "", [&](store::Connection& c) -> Result<bool> {
    FUPAN_TRY(outcome_status(store::delete_team(c, actor.org, id, version)));
    audit(c, actor, "delete", "team", id.value, to_json(*current), std::nullopt, now);
    return true;
  }));
}

// ---- memberships ----

namespace {
bool sees_membership(const Actor& actor, const MembershipRecord& m) {
  return actor.scope().sees_user(m.user_id) && actor.scope().sees_team(m.team_id);
}

// Returns an error if `m` overlaps one of `others` (another stint of the same user in the same
// team).
Status check_no_overlap(const MembershipRecord& m, const std::vector<MembershipRecord>& others) {
  for (const MembershipRecord& other : others) {
    if (other.id == m.id || other.user_id != m.user_id || other.team_id != m.team_id) continue;
    bool overlaps = (!other.valid_to || m.valid_from < *other.valid_to) &&
                    (!m.valid_to || other.valid_from < *m.valid_to);
    if (overlaps) return Error::invalid("valid_from", detail::membership_overlap);
  }
  return {};
}

// Checks `m` against the stints in the store, inside the write: the request's snapshot may miss
// one written concurrently (write_org serialises the writers).
Status check_no_overlap(store::Connection& c, OrgId org, const MembershipRecord& m) {
  return check_no_overlap(m, store::list_stints(c, org, m.user_id, m.team_id));
}

// Applies `in` to `m` and checks it against the user's other memberships of the same team.
Status apply(const OrgSnapshot& org, const MembershipInput& in, MembershipRecord& m) {
  if (in.user_id) {
    if (!org.user(UserId{*in.user_id})) return Error::invalid("user_id", detail::no_such_user);
    m.user_id = UserId{*in.user_id};
  }
  if (in.team_id) {
    if (!org.team(TeamId{*in.team_id})) return Error::invalid("team_id", detail::no_such_team);
    m.team_id = TeamId{*in.team_id};
  }
  if (in.role) {
    auto r = parse_team_role(*in.role);
    if (!r) return Error::invalid("role", detail::member_or_leader);
    m.role = *r;
  }
  if (in.valid_from) {
    auto d = parse_date(*in.valid_from);
    if (!d) return Error::invalid("valid_from", detail::date);
    m.valid_from = *d;
  }
  if (in.valid_to) {
    if (*in.valid_to) {
      auto d = parse_date(**in.valid_to);
      if (!d) return Error::invalid("valid_to", detail::date);
      m.valid_to = *d;
    } else {
      m.valid_to.reset();
    }
  }
  if (m.valid_to && *m.valid_to <= m.valid_from)
    return Error::invalid("valid_to", detail::after_valid_from);
  return check_no_overlap(m, org.memberships());
}
}  // namespace

Result<Page<MembershipRecord>> list_memberships(const Actor& actor, const PageRequest& page,
                                                const MembershipFilter& filter) {
  auto sorted = check_sort(page.sort, {"id"});
  if (!sorted.ok()) return sorted.error();
  std::vector<MembershipRecord> out;
  for (const MembershipRecord& m : actor.snapshot->memberships()) {
    if (!sees_membership(actor, m)) continue;
    if (filter.user && m.user_id != *filter.user) continue;
    if (filter.team && m.team_id != *filter.team) continue;
    if (filter.current_only && !m.holds_on(actor.today)) continue;
    out.push_back(m);
  }
  sort_records(out, page.sort);
  return slice(std::move(out), page);
}

Result<MembershipRecord> get_membership(const Actor& actor, MembershipId id) {
  const MembershipRecord* m = actor.snapshot->membership(id);
  if (!m || !sees_membership(actor, *m)) return Error::not_found();
  return *m;
}

Result<MembershipRecord> create_membership(const Context& ctx, const Actor& actor,
                                           const MembershipInput& in) {
  FUPAN_TRY(require_admin(actor));
  if (!in.user_id) return Error::missing("user_id");
  if (!in.team_id) return Error::missing("team_id");
  MembershipRecord m;
  m.valid_from = actor.today;
  FUPAN_TRY(apply(*actor.snapshot, in, m));
  const Instant now = ctx.clock.now();
  m.created_at = m.updated_at = now;
  return write_org<MembershipRecord>(
      ctx, actor.org, "", [&](store::Connection& c) -> Result<MembershipRecord> {
        FUPAN_TRY(check_no_overlap(c, actor.org, m));
        m.id = store::insert_membership(c, actor.org, m);
        audit(c, actor, "create", "membership", m.id.value, std::nullopt, to_json(m), now);
        return m;
      });
}

Result<MembershipRecord> update_membership(const Context& ctx, const Actor& actor, MembershipId id,
                                           const MembershipInput& in, std::int64_t version) {
  auto current = get_membership(actor, id);
  if (!current.ok()) return current.error();
  FUPAN_TRY(require_admin(actor));
  if (in.user_id && *in.user_id != current->user_id.value) {
    return Error::invalid("user_id", detail::membership_user_fixed);
  }
  MembershipRecord m = *current;
  FUPAN_TRY(apply(*actor.snapshot, in, m));
  const Instant now = ctx.clock.now();
  m.updated_at = now;
  m.version = version + 1;
  return write_org<MembershipRecord>(
      ctx, actor.org, "", [&](store::Connection& c) -> Result<MembershipRecord> {
        FUPAN_TRY(check_no_overlap(c, actor.org, m));
        FUPAN_TRY(outcome_status(store::update_membership(c, actor.org, m, version)));
        audit(c, actor, "update", "membership", id.value, to_json(*current), to_json(m), now);
        return m;
      });
}

Status delete_membership(const Context& ctx, const Actor& actor, MembershipId id,
                         std::int64_t version) {
  auto current = get_membership(actor, id);
  if (!current.ok()) return current.error();
  FUPAN_TRY(require_admin(actor));
  const Instant now = ctx.clock.now();
  return as_status(write_org<bool>(ctx, actor.org, "", [&](store::Connection& c) -> Result<bool> {
    FUPAN_TRY(outcome_status(store::delete_membership(c, actor.org, id, version)));
    audit(c, actor, "delete", "membership", id.value, to_json(*current), std::nullopt, now);
    return true;
  }));
}

}  // namespace fupan::service
