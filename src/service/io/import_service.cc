#include "service/io/import_service.h"

#include <optional>
#include <unordered_map>

#include "core/table_reader.h"
#include "core/text_parse.h"
#include "domain/entity_json.h"
#include "domain/field_values.h"
#include "service/crm/entity_access.h"
#include "service/crm/entity_rules.h"
#include "service/goals/target_import.h"
#include "service/io/import_memberships.h"
#include "service/io/import_refs.h"
#include "service/io/import_table.h"
#include "service/io/import_users.h"
#include "service/platform/change_feed.h"
#include "service/platform/write.h"
#include "store/bulk_load.h"
#include "store/entity_store.h"
#include "store/record_lookup.h"

namespace fupan::service {
namespace {

constexpr std::size_t kChunk = 4096;  // records per bulk insert
constexpr std::size_t kMaxExternalIdBytes = 64;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

const EntityKind* importable_kind(std::string_view name) {
  const EntityKind* k = find_entity_kind(name);
  if (!k) {
    if (name == "opportunitys") return find_entity_kind("opportunity");
    if (name == "activitys") return find_entity_kind("activity");
  }
  return k && k->name != "quote" ? k : nullptr;  // a quote is nothing without its lines
}

// The value a field takes on create when the file leaves it empty.
FieldValue default_of(const Field& f) {
  if (f.default_value.empty()) return {};
  if (f.type == FieldType::boolean) return std::int64_t{f.default_value == "true" ? 1 : 0};
  return std::string(f.default_value);
}

bool is_person(const Field& f) {
  return f.writable && (f.name == "owner_id" || f.name == "user_id");
}

// One import of records of one kind: the rows are checked one by one, new records collected
// and inserted in bulk (or one by one where the kind's rules need each new id), existing ones
// (by external id) updated when something changed.
class EntityImport {
 public:
  EntityImport(const Context& ctx, const Actor& actor, const EntityKind& kind,
               const ImportOptions& options, store::Connection& conn, ImportReport& report)
      : actor_(actor),
        kind_(kind),
        rules_(rules_of(kind)),
        bulk_(rules_.insert_in_bulk()),
        options_(options),
        tz_(zone_of(actor.snapshot->org().timezone)),
        now_(ctx.clock.now()),
        conn_(conn),
        refs_(conn, actor),
        ws_{ctx, actor, conn, now_, nullptr},
        report_(report),
        errors_(report),
        ext_col_(kind.fields.size()),
        created_col_(kind.name == "customer" ? ext_col_ + (kind.has_external_id ? 1 : 0)
                                             : std::size_t(-1)) {}

  // Reads the rows after `header`; returns true when the changes should be committed.
  Result<bool> run(TableReader& reader, const ImportHeader& header, ProgressTicker& progress) {
    header_ = &header;
    const std::size_t n = kind_.fields.size();
    if (bulk_) chunk_.assign(kChunk, EntityRecord::empty(kind_));
    single_ = EntityRecord::empty(kind_);
    empty_.assign(n, 1);
    if (kind_.has_external_id && header.has(ext_col_)) load_external_ids();
    TableRow row;
    while (reader.next(row)) {
      if (++report_.rows > kMaxImportRows) return Error::invalid("file", detail::too_many_rows);
      progress.row(report_.rows);
      if (!import_row(row)) {
        ++report_.skipped;
        if (!options_.skip_bad) writing_ = false;
      }
    }
    if (report_.rows == 0) return Error::invalid("file", detail::no_data_rows);
    progress.phase("saving", report_.rows, report_.rows);
    errors_.finish();
    if (outside_teams_ > 0) {
      // Team and region totals count a fact for the teams its person was in on its day.
      report_.warnings.push_back(
          std::to_string(outside_teams_) +
          " row(s) are dated on days their person was in no team: team and region totals leave "
          "them out (import memberships with their start dates, or the users' 加入日期)");
    }
    if (!writing_) {
      report_.inserted = report_.updated = report_.unchanged = 0;
      return false;
    }
    flush();
    audit_json(conn_, actor_, "import", kind_.name, 0, std::nullopt, counts_json(report_), now_);
    return true;
  }

 private:
  void load_external_ids() {
    auto ids = store::external_ids(conn_, actor_.org, kind_.plural);
    existing_.reserve(ids.size());
    for (auto& [external_id, id] : ids) existing_.emplace(std::move(external_id), id);
  }

  // The header of the column that fills field `name`, or "".
  std::string_view column_of(std::string_view name) const {
    const int i = kind_.index_of(name);
    return i < 0 ? std::string_view() : header_->header_of(static_cast<std::size_t>(i));
  }

  // The cell of `row` that fills field `name`, or "".
  std::string_view cell_of(const TableRow& row, std::string_view name) const {
    const int i = kind_.index_of(name);
    return i < 0 ? std::string_view() : header_->cell(row, static_cast<std::size_t>(i));
  }

  void error(std::size_t line, const Error& e, std::string_view value) {
    errors_.add(line,
                e.field == "external_id"  ? header_->header_of(ext_col_)
                : e.field == "created_at" ? header_->header_of(created_col_)
                                          : column_of(e.field),
                e, value);
  }

  // The row's 创建时间, when the kind takes one and the cell holds it; false on a bad cell.
  bool read_created(const TableRow& row) {
    created_.reset();
    if (created_col_ == std::size_t(-1) || !header_->has(created_col_)) return true;
    const std::string_view cell = header_->cell(row, created_col_);
    if (cell.empty()) return true;
    auto t = parse_instant_text(cell, tz_);
    if (!t) {
      error(row.line, Error::invalid("created_at", detail::cell_instant), cell);
      return false;
    }
    if (*t > now_) {
      error(row.line, Error::invalid("created_at", detail::in_future), cell);
      return false;
    }
    created_ = *t;
    return true;
  }

  // Notes the day of a record of a person, to warn about days outside every team of theirs.
  void note_team_day(const EntityRecord& r) {
    if (!date_field_ || !person_field_) return;
    const auto user = r.integer(person_field_);
    const auto at = r.integer(date_field_);
    if (!user || !at) return;
    const LocalDate day = local_date(instant_from_ms(*at), actor_.snapshot->org().timezone);
    if (actor_.snapshot->memberships_of(UserId{*user}, day).empty()) ++outside_teams_;
  }

  // Reads the cells of `row` into `r` with the defaults of a new record; false on a bad cell.
  bool read_cells(const TableRow& row, EntityRecord& r) {
    bool ok = true;
    std::optional<std::int64_t> pipeline;
    for (std::size_t i = 0; i < kind_.fields.size(); ++i) {
      const Field& f = kind_.fields[i];
      FieldValue& v = r.values[i];
      const std::string_view cell = f.writable ? header_->cell(row, i) : std::string_view();
      empty_[i] = cell.empty();
      if (cell.empty()) {
        v = default_of(f);
        if (is_person(f)) v = actor_.id.value;
        continue;
      }
      if (f.type == FieldType::ref) {
        auto id = refs_.resolve(f, cell, f.ref == RefKind::stage ? pipeline : std::nullopt);
        if (!id.ok()) {
          error(row.line, id.error(), cell);
          ok = false;
          continue;
        }
        v = *id;
        if (f.ref == RefKind::pipeline) pipeline = *id;
        continue;
      }
      auto value = value_from_text(f, cell, tz_);
      if (!value.ok()) {
        error(row.line, value.error(), cell);
        ok = false;
        continue;
      }
      v = std::move(*value);
    }
    return ok;
  }

  Status check_required(const EntityRecord& r) const {
    for (std::size_t i = 0; i < kind_.fields.size(); ++i) {
      const Field& f = kind_.fields[i];
      if (f.required && f.writable && std::holds_alternative<std::monostate>(r.values[i]))
        return Error::missing(std::string(f.name));
    }
    return {};
  }

  // Checks and writes one row; false when it is bad.
  bool import_row(const TableRow& row) {
    if (errors_.add_problem(row)) return false;
    EntityRecord& r = bulk_ ? chunk_[filled_] : single_;
    bool ok = read_cells(row, r);
    std::string_view ext;
    if (kind_.has_external_id) {
      ext = header_->cell(row, ext_col_);
      if (ext.size() > kMaxExternalIdBytes) {
        error(row.line, Error::invalid("external_id", detail::at_most_chars(64)), ext);
        ok = false;
      } else if (!ext.empty()) {
        if (!seen_.insert(ext)) {
          error(row.line, Error::invalid("external_id", detail::external_id_repeated), ext);
          ok = false;
        }
      }
    }
    if (!read_created(row)) ok = false;
    if (!ok) return false;
    if (!ext.empty()) {
      if (auto it = existing_.find(ext); it != existing_.end())
        return update(row, r, ext, it->second);
      if (r.external_id) {
        r.external_id->assign(ext);
      } else {
        r.external_id.emplace(ext);
      }
    } else {
      r.external_id.reset();
    }
    return insert(row, r);
  }

  bool insert(const TableRow& row, EntityRecord& r) {
    r.id = 0;
    r.version = 1;
    r.created_at = created_.value_or(now_);
    r.updated_at = now_;
    Status s = check_required(r);
    if (s.ok()) s = rules_.prepare(ws_, nullptr, r);
    if (!s.ok()) {
      error(row.line, s.error(), cell_of(row, s.error().field));
      return false;
    }
    ++report_.inserted;
    note_team_day(r);
    if (!writing_) return true;
    if (bulk_) {
      if (++filled_ == kChunk) flush();
    } else {
      r.id = store::insert_entity(conn_, actor_.org, r);
      rules_.after_write(ws_, nullptr, r);
    }
    return true;
  }

  bool update(const TableRow& row, const EntityRecord& r, std::string_view ext, std::int64_t id) {
    auto before = store::find_entity(conn_, actor_.org, kind_, id);
    if (!before || !is_visible(conn_, actor_, kind_, id)) {
      error(row.line, Error::invalid("external_id", detail::external_id_taken), ext);
      return false;
    }
    EntityRecord u = *before;
    for (std::size_t i = 0; i < kind_.fields.size(); ++i) {
      const Field& f = kind_.fields[i];
      if (!f.writable || !header_->has(i)) continue;  // absent columns keep their values
      if (empty_[i] && is_person(f)) continue;        // and so does an empty owner
      u.values[i] = r.values[i];
    }
    if (created_) u.created_at = *created_;
    const bool created_changed = u.created_at != before->created_at;
    if (u.values == before->values && !created_changed) {  // the usual re-import: no rules asked
      ++report_.unchanged;
      return true;
    }
    Status s = check_required(u);
    if (s.ok()) s = rules_.prepare(ws_, &*before, u);
    if (!s.ok()) {
      error(row.line, s.error(), cell_of(row, s.error().field));
      return false;
    }
    if (u.values == before->values && !created_changed) {
      ++report_.unchanged;
      return true;
    }
    ++report_.updated;
    note_team_day(u);
    if (!writing_) return true;
    u.version = before->version + 1;
    u.updated_at = now_;
    if (!outcome_status(store::update_entity(conn_, actor_.org, u, before->version)).ok()) {
      // Changed by someone else while the import ran (PostgreSQL): not ours to overwrite.
      --report_.updated;
      error(row.line, Error::of(ErrorCode::version_conflict), "");
      return false;
    }
    rules_.after_write(ws_, &*before, u);
    audit_json(conn_, actor_, "update", kind_.name, id,
               entity_audit_json(*before, *actor_.snapshot), entity_audit_json(u, *actor_.snapshot),
               now_);
    return true;
  }

  void flush() {
    if (!bulk_ || filled_ == 0) return;
    if (writing_) {
      store::bulk_insert_entities(conn_, actor_.org,
                                  std::span<const EntityRecord>(chunk_.data(), filled_));
    }
    filled_ = 0;
  }

  const Actor& actor_;
  const EntityKind& kind_;
  const EntityRules& rules_;
  const bool bulk_;
  const ImportOptions& options_;
  const date::time_zone* tz_;
  const Instant now_;
  store::Connection& conn_;
  ImportRefs refs_;
  WriteScope ws_;
  ImportReport& report_;
  RowErrors errors_;
  const std::size_t ext_col_;      // the external_id column comes after the fields
  const std::size_t created_col_;  // then customers' created_at; -1 for other kinds
  // The fact's day and person, to count rows outside every team (orders and activities).
  const char* date_field_ = kind_.name == "order"      ? "ordered_at"
                            : kind_.name == "activity" ? "started_at"
                                                       : nullptr;
  const char* person_field_ = kind_.name == "order"      ? "owner_id"
                              : kind_.name == "activity" ? "user_id"
                                                         : nullptr;
  std::size_t outside_teams_ = 0;
  std::optional<Instant> created_;  // the row's 创建时间
  const ImportHeader* header_ = nullptr;

  bool writing_ = true;               // false once a bad row means nothing will be committed
  std::vector<EntityRecord> chunk_;   // new records waiting for a bulk insert
  std::size_t filled_ = 0;            // of chunk_
  EntityRecord single_;               // the row at hand when not inserting in bulk
  std::vector<char> empty_;           // per field: the row's cell was empty
  StringMap<std::int64_t> existing_;  // external id → id, in the store
  SeenKeys seen_;                     // external ids of the file so far
};

Result<ImportReport> import_entities(const Context& ctx, const Actor& actor, const EntityKind& kind,
                                     TableReader& reader, const ImportOptions& options,
                                     const ImportProgress& progress) {
  ImportReport report;
  report.kind = std::string(kind.name);
  const auto columns = entity_import_columns(kind);
  auto header = read_header(reader, columns, report);
  if (!header.ok()) return header.error();
  ProgressTicker ticker(progress, reader.estimated_rows() > 0 ? reader.estimated_rows() - 1 : 0);
  ticker.phase("importing", 0, reader.estimated_rows() > 0 ? reader.estimated_rows() - 1 : 0);
  ChangeBatch changes(ctx);
  auto conn = ctx.db.acquire();
  store::Transaction tx(*conn, true);
  // A large file loads faster with the table's secondary indexes built once at the end.
  std::optional<store::BulkLoad> load;
  if (rules_of(kind).insert_in_bulk() && reader.estimated_rows() >= options.bulk_load_rows) {
    load.emplace(*conn, std::string(kind.plural));
  }
  EntityImport job(ctx, actor, kind, options, *conn, report);
  auto commit = job.run(reader, *header, ticker);
  if (!commit.ok()) return commit.error();
  if (*commit) {
    if (load) load->finish();
    tx.commit();
    report.committed = true;
    changes.publish();
  }
  return report;
}

}  // namespace

Status check_import(const Actor& actor, std::string_view kind) {
  if (kind == "user" || kind == "users" || kind == "membership" || kind == "memberships")
    return actor.scope().is_admin ? Status{} : Status{Error::forbidden()};
  // Each row's scope is checked as it is read: whoever sets targets may import them.
  if (kind == "target" || kind == "targets")
    return actor.scope().can_write ? Status{} : Status{Error::forbidden()};
  const EntityKind* k = importable_kind(kind);
  if (!k) {
    return Error{ErrorCode::invalid_query, "kind", detail::import_kind, {}};
  }
  return check_can_write(actor, *k);
}

Result<ImportReport> import_file(const Context& ctx, const Actor& actor, std::string_view kind,
                                 std::string_view bytes, const ImportOptions& options,
                                 const ImportProgress& progress) {
  FUPAN_TRY(check_import(actor, kind));
  const bool users = kind == "user" || kind == "users";
  const bool memberships = kind == "membership" || kind == "memberships";
  const bool targets = kind == "target" || kind == "targets";
  const EntityKind* k = users || memberships || targets ? nullptr : importable_kind(kind);
  if (progress) progress("reading", 0, 0);
  // Targets come as a workbook with a sheet per level: every sheet is read.
  auto reader = targets ? TableReader::open_every_sheet(bytes) : TableReader::open(bytes);
  if (!reader.ok()) return reader.error();
  Result<ImportReport> result = Error::of(ErrorCode::internal);
  try {
    result = users         ? import_users(ctx, actor, *reader, options, progress)
             : memberships ? import_memberships(ctx, actor, *reader, options, progress)
             : targets     ? import_targets(ctx, actor, *reader, options, progress)
                           : import_entities(ctx, actor, *k, *reader, options, progress);
  } catch (const store::StoreError& e) {
    if (e.kind() == store::StoreError::Kind::unique) return Error::exists("external_id");
    if (e.kind() == store::StoreError::Kind::foreign_key)
      return Error::of(ErrorCode::in_use, detail::still_referred_to);
    throw;
  }
  return result;
}

}  // namespace fupan::service
