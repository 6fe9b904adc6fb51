#include "service/goals/target_import.h"

#include <map>
#include <set>

#include "core/money.h"
#include "core/text_parse.h"
#include "domain/goals/target_sheet.h"
#include "domain/org_lookup.h"
#include "service/goals/target_service.h"
#include "service/io/import_table.h"
#include "service/platform/write.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

using goals::TargetColumn;

// One good row, ready to write.
struct TargetRow {
  goals::Target target;
  std::optional<goals::Target> before;  // the target it changes
};

std::string key_of(const std::string& metric, const ScopeRef& scope, const std::string& period) {
  return metric + '|' + scope.text() + '|' + period;
}

// The scope a row names: the org (any name), or a region, team or person by name.
Result<ScopeRef> scope_of(const OrgSnapshot& org, ScopeRef::Kind kind, std::string_view name) {
  using K = ScopeRef::Kind;
  if (kind == K::org) return ScopeRef{};
  if (name.empty()) return Error::missing("name");
  switch (kind) {
    case K::region:
      if (auto r = find_region(org, name)) return ScopeRef{K::region, r.record->id.value};
      return Error::invalid("name", detail::no_such_region);
    case K::team:
      if (auto t = find_team(org, name))
        return ScopeRef{K::team, t.record->id.value};
      else if (t.ambiguous)
        return Error::invalid("name", detail::ambiguous_team);
      return Error::invalid("name", detail::no_such_team);
    case K::user:
      if (auto u = find_user(org, name))
        return ScopeRef{K::user, u.record->id.value};
      else if (u.ambiguous)
        return Error::invalid("name", detail::ambiguous_user);
      return Error::invalid("name", detail::no_such_user_cell);
    case K::org:
      break;
  }
  return ScopeRef{};
}

Result<std::int64_t> value_of(Metric m, std::string_view cell) {
  if (cell.empty()) return Error::missing("value");
  std::int64_t v = 0;
  if (goals::money_metric(m)) {
    FUPAN_ASSIGN_OR_RETURN(auto fen, parse_yuan(cell, "value"));
    v = fen.value();
  } else if (auto n = parse_int_text(cell)) {
    v = *n;
  } else {
    return Error::invalid("value", detail::integer);
  }
  if (v < 0) return Error::invalid("value", detail::not_negative);
  return v;
}

}  // namespace

Result<ImportReport> import_targets(const Context& ctx, const Actor& actor, TableReader& reader,
                                    const ImportOptions& options, const ImportProgress& progress) {
  ImportReport report;
  report.kind = "target";
  if (!actor.scope().can_write) return Error::forbidden();
  const auto columns = goals::target_columns();
  auto header = read_header(reader, columns, report);
  if (!header.ok()) return header.error();
  RowErrors errors(report);
  const std::size_t estimate = reader.estimated_rows() > 0 ? reader.estimated_rows() - 1 : 0;
  ProgressTicker ticker(progress, estimate);
  ticker.phase("importing", 0, estimate);
  const OrgSnapshot& org = *actor.snapshot;
  const int fiscal = org.org().fiscal_year_start_month;
  const Instant now = ctx.clock.now();

  std::vector<TargetRow> good;
  std::set<std::string> seen;
  std::optional<LocalDate> from, to;  // the days the file's periods span
  TableRow row;
  while (reader.next(row)) {
    if (++report.rows > kMaxImportRows) return Error::invalid("file", detail::too_many_rows);
    ticker.row(report.rows);
    errors.sheet(row.sheet);
    if (errors.add_problem(row)) {
      ++report.skipped;
      continue;
    }
    auto cell = [&](TargetColumn c) { return header->cell(row, c); };
    bool ok = true;
    auto fail = [&](TargetColumn c, const Error& e) {
      errors.add(row.line, header->header_of(c), e, cell(c));
      ok = false;
    };
    goals::Target t;
    const auto level = goals::parse_level(cell(goals::kLevel));
    if (!level) {
      fail(goals::kLevel, cell(goals::kLevel).empty() ? Error::missing("level")
                                                      : Error::invalid("level", detail::level));
    } else if (auto scope = scope_of(org, *level, cell(goals::kName)); !scope.ok()) {
      fail(goals::kName, scope.error());
    } else if (auto may = check_may_set_target(actor, *scope); !may.ok()) {
      fail(goals::kName, may.error());
    } else {
      t.scope = *scope;
    }
    const auto metric = goals::target_metric(cell(goals::kMetric));
    if (!metric) {
      fail(goals::kMetric, cell(goals::kMetric).empty()
                               ? Error::missing("metric")
                               : Error::invalid("metric", detail::not_a_target_metric));
    } else {
      t.metric = std::string(info(*metric).name);
      if (auto v = value_of(*metric, cell(goals::kValue)); v.ok()) {
        t.value = t.original_value = *v;
      } else {
        fail(goals::kValue, v.error());
      }
    }
    if (auto p = parse_period(cell(goals::kPeriod), fiscal); !p.ok()) {
      fail(goals::kPeriod, cell(goals::kPeriod).empty() ? Error::missing("period") : p.error());
    } else if (p->kind == PeriodKind::range) {
      fail(goals::kPeriod, Error::invalid("period", detail::target_period));
    } else {
      t.period = std::move(*p);
    }
    if (ok && !seen.insert(key_of(t.metric, t.scope, t.period.label)).second) {
      fail(goals::kPeriod, Error::invalid("period", detail::target_repeated));
    }
    if (!ok) {
      ++report.skipped;
      continue;
    }
    from = from ? std::min(*from, t.period.start) : t.period.start;
    to = to ? std::max(*to, t.period.end) : t.period.end;
    good.push_back({std::move(t), std::nullopt});
  }
  if (report.rows == 0) return Error::invalid("file", detail::no_data_rows);
  errors.finish();
  if (report.skipped > 0 && !options.skip_bad) return report;

  ticker.phase("saving", report.rows, report.rows);
  auto written = write_facts<bool>(ctx, "period", [&](store::Connection& c) -> Result<bool> {
    // The targets the rows may change, read once for the days the file spans.
    std::map<std::string, goals::Target> existing;
    if (from) {
      store::TargetQuery q;
      q.from = from;
      q.to = to;
      for (goals::Target& t : store::list_targets(c, actor.org, q)) {
        std::string key = key_of(t.metric, t.scope, t.period.label);
        existing.emplace(std::move(key), std::move(t));
      }
    }
    for (TargetRow& r : good) {
      goals::Target& t = r.target;
      auto found = existing.find(key_of(t.metric, t.scope, t.period.label));
      if (found == existing.end()) {
        t.set_by = actor.id;
        t.created_at = t.updated_at = now;
        t.id = store::insert_target(c, actor.org, t);
        audit_json(c, actor, "create", "target", t.id, std::nullopt, goals::to_json(t), now);
        ++report.inserted;
        continue;
      }
      const goals::Target& before = found->second;
      if (before.value == t.value) {
        ++report.unchanged;
        continue;
      }
      goals::Target after = before;
      after.value = t.value;
      after.version = before.version + 1;
      after.updated_at = now;
      FUPAN_TRY(outcome_status(store::update_target(c, actor.org, after, before.version)));
      store::insert_target_adjustment(
          c, actor.org,
          {0, before.id, before.value, after.value, std::string(kImportReason), actor.id, now});
      audit_json(c, actor, "update", "target", before.id, goals::to_json(before),
                 goals::to_json(after), now);
      ++report.updated;
    }
    audit_json(c, actor, "import", "target", 0, std::nullopt, counts_json(report), now);
    return true;
  });
  if (!written.ok()) return written.error();
  report.committed = true;
  return report;
}

}  // namespace fupan::service
