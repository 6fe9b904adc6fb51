// Targets (SPEC §3): the value set for a metric, a scope and a period, and their adjustments. The
// goals capability writes them (service/goals); the metrics read them for attainment.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "domain/attainment.h"
#include "domain/goals/target.h"
#include "store/database.h"
#include "store/org_store.h"

namespace fupan::store {

// The targets of `metric` for the scope (`scope_type` org/region/team/user, `scope_id` 0 for org).
std::vector<TargetPeriod> read_targets(Connection& c, OrgId org, std::string_view metric,
                                       std::string_view scope_type, std::int64_t scope_id);
// The targets of `metric` of every scope of `scope_type` whose periods overlap [from, to), by
// scope id: what read_targets gives each of them, in one read (a period's statements).
std::map<std::int64_t, std::vector<TargetPeriod>> read_targets_of_all(Connection& c, OrgId org,
                                                                      std::string_view metric,
                                                                      std::string_view scope_type,
                                                                      LocalDate from, LocalDate to);

// Which targets a list holds: every one of the org, narrowed by metric, scope and the days its
// period overlaps.
struct TargetQuery {
  std::optional<std::string> metric;
  std::optional<ScopeRef> scope;
  std::vector<ScopeRef> scopes;       // any of them (`scope` too, when both are set, is one)
  std::optional<LocalDate> from, to;  // [from, to): periods that overlap it
  std::optional<Period> period;       // exactly this period (with scopes: one key lookup each)
};

// The targets that match `q`, by scope, metric and start: one read down the targets' key for
// each scope asked for, one read of the org's targets when none is.
std::vector<goals::Target> list_targets(Connection& c, OrgId org, const TargetQuery& q);
std::optional<goals::Target> find_target(Connection& c, OrgId org, std::int64_t id);
// Whether `scope` has a target of `metric` labelled `period`, whatever its days (a week cut at a
// year's edge keeps its label).
bool has_target_labelled(Connection& c, OrgId org, std::string_view metric, const ScopeRef& scope,
                         std::string_view period);
// Inserts `t` (its value also its original value); a second target for the same metric, scope
// and period is a unique violation.
std::int64_t insert_target(Connection& c, OrgId org, const goals::Target& t);
// Inserts every target of `targets` as insert_target does, a few hundred a statement, and sets
// each one's id.
void insert_targets(Connection& c, OrgId org, std::span<goals::Target> targets);
// Inserts every target of `targets` as insert_target does, in bulk (COPY on PostgreSQL, many
// rows a statement on SQLite), without reading their ids back: for hundreds of thousands at once.
// Given scope by scope, as a decomposition makes them, they land side by side in the targets' key.
void bulk_insert_targets(Connection& c, OrgId org, std::span<const goals::Target> targets);
// Sets the value, version and updated_at of `t` if its version is still `expected`.
WriteOutcome update_target(Connection& c, OrgId org, const goals::Target& t, std::int64_t expected);

std::int64_t insert_target_adjustment(Connection& c, OrgId org, const goals::TargetAdjustment& a);
// The adjustments of target `id`, oldest first.
std::vector<goals::TargetAdjustment> list_target_adjustments(Connection& c, OrgId org,
                                                             std::int64_t id);

// Sets the commit against its target (replacing an earlier one).
void upsert_target_commit(Connection& c, OrgId org, const goals::TargetCommit& commit);
// The commits against the targets in `ids`, by target id.
std::vector<goals::TargetCommit> list_target_commits(Connection& c, OrgId org,
                                                     const std::vector<std::int64_t>& ids);

}  // namespace fupan::store
