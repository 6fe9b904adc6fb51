#include "store/target_store.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace fupan::store {
namespace {

const char* kTargets =
    "SELECT start_day, end_day, value FROM targets WHERE org_id = ? AND metric = ? AND "
    "scope_type = ? AND scope_id = ?";

constexpr const char* kTargetColumns =
    "SELECT id, metric, scope_type, scope_id, period, start_day, end_day, value, "
    "COALESCE(original_value, value), set_by, version, created_at, updated_at FROM targets ";

constexpr const char* kInsertTarget =
    "INSERT INTO targets (org_id, metric, scope_type, scope_id, period, start_day, end_day, value, "
    "original_value, set_by, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

constexpr const char* kUpdateTarget =
    "UPDATE targets SET value = ?, version = ?, updated_at = ? "
    "WHERE org_id = ? AND id = ? AND version = ?";

constexpr const char* kInsertAdjustment =
    "INSERT INTO target_adjustments (org_id, target_id, old_value, new_value, reason, user_id, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";

constexpr const char* kAdjustments =
    "SELECT id, target_id, old_value, new_value, reason, user_id, at FROM target_adjustments "
    "WHERE org_id = ? AND target_id = ? ORDER BY id";

constexpr const char* kUpsertCommit =
    "INSERT INTO target_commits (target_id, org_id, value, note, user_id, at) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (target_id) DO UPDATE SET value = excluded.value, "
    "note = excluded.note, user_id = excluded.user_id, at = excluded.at";

ScopeRef scope_of(const std::string& type, std::int64_t id) {
  if (type == "region") return {ScopeRef::Kind::region, id};
  if (type == "team") return {ScopeRef::Kind::team, id};
  if (type == "user") return {ScopeRef::Kind::user, id};
  return {};
}

goals::Target target_from(const Rows& r, std::size_t i) {
  goals::Target t;
  t.id = r.i64(i, 0);
  t.metric = r.str(i, 1);
  t.scope = scope_of(r.str(i, 2), r.i64(i, 3));
  // The label says the kind; the stored days are the period (a fiscal year's depend on the org).
  auto parsed = parse_period(r.str(i, 4));
  if (parsed.ok()) t.period = *parsed;
  t.period.label = r.str(i, 4);
  t.period.start = parse_date(r.str(i, 5)).value_or(LocalDate{});
  t.period.end = parse_date(r.str(i, 6)).value_or(LocalDate{});
  t.value = r.i64(i, 7);
  t.original_value = r.i64(i, 8);
  if (!r.is_null(i, 9)) t.set_by = UserId{r.i64(i, 9)};
  t.version = r.i64(i, 10);
  t.created_at = instant_from_ms(r.i64(i, 11));
  t.updated_at = instant_from_ms(r.i64(i, 12));
  return t;
}

}  // namespace

std::vector<TargetPeriod> read_targets(Connection& c, OrgId org, std::string_view metric,
                                       std::string_view scope_type, std::int64_t scope_id) {
  std::vector<TargetPeriod> out;
  auto rows =
      c.query(kTargets, {org.value, std::string(metric), std::string(scope_type), scope_id});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto start = parse_date(rows.str(r, 0));
    auto end = parse_date(rows.str(r, 1));
    if (start && end) out.push_back({*start, *end, rows.i64(r, 2)});
  }
  return out;
}

std::map<std::int64_t, std::vector<TargetPeriod>> read_targets_of_all(Connection& c, OrgId org,
                                                                      std::string_view metric,
                                                                      std::string_view scope_type,
                                                                      LocalDate from,
                                                                      LocalDate to) {
  std::map<std::int64_t, std::vector<TargetPeriod>> out;
  auto rows = c.query(
      "SELECT scope_id, start_day, end_day, value FROM targets WHERE org_id = ? AND metric = ? "
      "AND scope_type = ? AND start_day < ? AND end_day > ?",
      {org.value, std::string(metric), std::string(scope_type), format_date(to),
       format_date(from)});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto start = parse_date(rows.str(r, 1));
    auto end = parse_date(rows.str(r, 2));
    if (start && end) out[rows.i64(r, 0)].push_back({*start, *end, rows.i64(r, 3)});
  }
  return out;
}

std::vector<goals::Target> list_targets(Connection& c, OrgId org, const TargetQuery& q) {
  std::vector<ScopeRef> scopes = q.scopes;
  if (q.scope) {
    if (scopes.empty()) scopes.push_back(*q.scope);
    std::erase_if(scopes, [&](const ScopeRef& s) { return s != *q.scope; });
    if (scopes.empty()) return {};
  }
  std::ranges::sort(scopes, [](const ScopeRef& a, const ScopeRef& b) {
    return std::pair(a.type_name(), a.id) < std::pair(b.type_name(), b.id);
  });
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());

  // Reads the targets of `group` (the org's when empty), in the list's order.
  std::vector<goals::Target> out;
  auto read = [&](std::span<const ScopeRef> group) {
    std::string sql = std::string(kTargetColumns) + "WHERE org_id = ?";
    std::vector<Value> params{org.value};
    for (std::size_t i = 0; i < group.size(); ++i) {
      sql += i == 0 ? " AND ((" : " OR (";
      sql += "scope_type = ? AND scope_id = ?)";
      params.emplace_back(std::string(group[i].type_name()));
      params.emplace_back(group[i].id);
    }
    if (!group.empty()) sql += ")";
    if (q.metric) {
      sql += " AND metric = ?";
      params.emplace_back(*q.metric);
    }
    if (q.period) {
      sql += " AND start_day = ? AND period = ?";
      params.emplace_back(format_date(q.period->start));
      params.emplace_back(q.period->label);
    }
    // Dates as YYYY-MM-DD text compare as dates. No target is longer than a year, so one that
    // ends after `from` starts less than 367 days before it: a lower bound the key can seek to.
    if (q.to) {
      sql += " AND start_day < ?";
      params.emplace_back(format_date(*q.to));
    }
    if (q.from) {
      sql += " AND end_day > ? AND start_day > ?";
      params.emplace_back(format_date(*q.from));
      params.emplace_back(
          format_date(LocalDate::from_days(q.from->days() - std::chrono::days{367})));
    }
    sql += " ORDER BY scope_type, scope_id, metric, start_day, end_day DESC, id";
    auto rows = c.query(sql, params);
    for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(target_from(rows, i));
  };
  // SQLite reads scope by scope down the (scope, first day) key: it plans an OR of scopes as a
  // scan of the org's targets. PostgreSQL reads up to 500 in one query (an index scan per scope,
  // OR-ed), a round trip for many scopes instead of one each.
  if (scopes.empty()) {
    read({});
    return out;
  }
  const std::size_t per_read = c.dialect() == Dialect::postgres ? 500 : 1;
  for (std::size_t from = 0; from < scopes.size(); from += per_read) {
    read(std::span<const ScopeRef>(scopes).subspan(from, std::min(per_read, scopes.size() - from)));
  }
  return out;
}

std::optional<goals::Target> find_target(Connection& c, OrgId org, std::int64_t id) {
  auto rows = c.query(std::string(kTargetColumns) + "WHERE org_id = ? AND id = ?", {org.value, id});
  if (rows.empty()) return std::nullopt;
  return target_from(rows, 0);
}

bool has_target_labelled(Connection& c, OrgId org, std::string_view metric, const ScopeRef& scope,
                         std::string_view period) {
  return !c.query(
               "SELECT 1 FROM targets WHERE org_id = ? AND scope_type = ? AND scope_id = ? AND "
               "metric = ? AND period = ? LIMIT 1",
               {org.value, std::string(scope.type_name()), scope.id, std::string(metric),
                std::string(period)})
              .empty();
}

std::int64_t insert_target(Connection& c, OrgId org, const goals::Target& t) {
  auto r = c.query(kInsertTarget,
                   {org.value, t.metric, std::string(t.scope.type_name()), t.scope.id,
                    t.period.label, format_date(t.period.start), format_date(t.period.end), t.value,
                    t.value, t.set_by ? Value{t.set_by->value} : null_value, t.version,
                    to_ms(t.created_at), to_ms(t.updated_at)});
  return r.i64(0, 0);
}

void insert_targets(Connection& c, OrgId org, std::span<goals::Target> targets) {
  constexpr std::size_t kRows = 100;  // 13 parameters each
  for (std::size_t from = 0; from < targets.size(); from += kRows) {
    const std::size_t to = std::min(targets.size(), from + kRows);
    std::string sql =
        "INSERT INTO targets (org_id, metric, scope_type, scope_id, period, start_day, end_day, "
        "value, original_value, set_by, version, created_at, updated_at) VALUES ";
    std::vector<Value> params;
    params.reserve((to - from) * 13);
    for (std::size_t i = from; i < to; ++i) {
      const goals::Target& t = targets[i];
      sql += i == from ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                       : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      params.insert(params.end(),
                    {org.value, t.metric, std::string(t.scope.type_name()), t.scope.id,
                     t.period.label, format_date(t.period.start), format_date(t.period.end),
                     t.value, t.value, t.set_by ? Value{t.set_by->value} : null_value, t.version,
                     to_ms(t.created_at), to_ms(t.updated_at)});
    }
    // The rows come back in no promised order: matched to the targets by their unique key.
    sql += " RETURNING id, metric, scope_type, scope_id, period";
    auto rows = c.query(sql, params);
    std::map<std::tuple<std::string, std::string, std::int64_t, std::string>, std::int64_t> ids;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      ids.emplace(std::tuple{rows.str(r, 1), rows.str(r, 2), rows.i64(r, 3), rows.str(r, 4)},
                  rows.i64(r, 0));
    }
    for (std::size_t i = from; i < to; ++i) {
      goals::Target& t = targets[i];
      t.id = ids.at({t.metric, std::string(t.scope.type_name()), t.scope.id, t.period.label});
    }
  }
}

void bulk_insert_targets(Connection& c, OrgId org, std::span<const goals::Target> targets) {
  static const std::vector<std::string> columns{
      "org_id", "metric",         "scope_type", "scope_id", "period",     "start_day", "end_day",
      "value",  "original_value", "set_by",     "version",  "created_at", "updated_at"};
  // One row, made again for each target: its strings keep their room from row to row.
  std::vector<Value> row(columns.size());
  auto make_row = [&](std::size_t i) {
    const goals::Target& t = targets[i];
    row[0] = org.value;
    row[1] = t.metric;
    row[2] = std::string(t.scope.type_name());
    row[3] = t.scope.id;
    row[4] = t.period.label;
    row[5] = format_date(t.period.start);
    row[6] = format_date(t.period.end);
    row[7] = t.value;
    row[8] = t.value;
    row[9] = t.set_by ? Value{t.set_by->value} : null_value;
    row[10] = t.version;
    row[11] = to_ms(t.created_at);
    row[12] = to_ms(t.updated_at);
    return std::span<const Value>(row);
  };
  c.bulk_insert("targets", columns, targets.size(), make_row, BulkRows::clustered);
}

WriteOutcome update_target(Connection& c, OrgId org, const goals::Target& t,
                           std::int64_t expected) {
  auto n =
      c.exec(kUpdateTarget, {t.value, t.version, to_ms(t.updated_at), org.value, t.id, expected});
  return version_outcome(c, n, "targets", t.id);
}

std::int64_t insert_target_adjustment(Connection& c, OrgId org, const goals::TargetAdjustment& a) {
  auto r = c.query(kInsertAdjustment, {org.value, a.target_id, a.old_value, a.new_value, a.reason,
                                       a.by.value, to_ms(a.at)});
  return r.i64(0, 0);
}

std::vector<goals::TargetAdjustment> list_target_adjustments(Connection& c, OrgId org,
                                                             std::int64_t id) {
  auto rows = c.query(kAdjustments, {org.value, id});
  std::vector<goals::TargetAdjustment> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows.i64(i, 0), rows.i64(i, 1), rows.i64(i, 2), rows.i64(i, 3), rows.str(i, 4),
                   UserId{rows.i64(i, 5)}, instant_from_ms(rows.i64(i, 6))});
  }
  return out;
}

void upsert_target_commit(Connection& c, OrgId org, const goals::TargetCommit& commit) {
  c.exec(kUpsertCommit, {commit.target_id, org.value, commit.value, commit.note, commit.by.value,
                         to_ms(commit.at)});
}

std::vector<goals::TargetCommit> list_target_commits(Connection& c, OrgId org,
                                                     const std::vector<std::int64_t>& ids) {
  std::vector<goals::TargetCommit> out;
  // In slices, so a large tree stays within the engines' limits on parameters.
  constexpr std::size_t kSlice = 500;
  for (std::size_t from = 0; from < ids.size(); from += kSlice) {
    const std::size_t to = std::min(ids.size(), from + kSlice);
    std::string sql =
        "SELECT target_id, value, note, user_id, at FROM target_commits WHERE org_id = ? AND "
        "target_id IN (";
    std::vector<Value> params{org.value};
    for (std::size_t i = from; i < to; ++i) {
      sql += i == from ? "?" : ", ?";
      params.emplace_back(ids[i]);
    }
    sql += ")";
    auto rows = c.query(sql, params);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out.push_back({rows.i64(i, 0), rows.i64(i, 1), rows.str(i, 2), UserId{rows.i64(i, 3)},
                     instant_from_ms(rows.i64(i, 4))});
    }
  }
  return out;
}

}  // namespace fupan::store
