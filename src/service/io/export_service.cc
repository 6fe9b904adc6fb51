#include "service/io/export_service.h"

#include <date/tz.h>

#include "core/millionths.h"
#include "core/xlsx_writer.h"
#include "domain/entity_json.h"
#include "domain/field_values.h"
#include "service/crm/ref_names.h"
#include "service/io/workbook.h"

namespace fupan::service {
namespace {

constexpr std::int64_t kChunk = 20'000;

// Writes the cell of field `i` of `r`.
void write_cell(XlsxWriter& x, const EntityRecord& r, std::size_t i, const OrgSnapshot& org,
                const RefNames& names, const date::time_zone* tz, bool english) {
  const Field& f = r.kind->fields[i];
  const FieldValue& v = r.values[i];
  if (std::holds_alternative<std::monostate>(v)) {
    x.empty();
    return;
  }
  switch (f.type) {
    case FieldType::money:
      x.money_fen(std::get<std::int64_t>(v));
      return;
    case FieldType::integer:
      x.integer(std::get<std::int64_t>(v));
      return;
    case FieldType::date:
      x.date(std::get<std::string>(v));
      return;
    case FieldType::instant: {
      const Instant t = instant_from_ms(std::get<std::int64_t>(v));
      x.datetime(to_ms(t), utc_offset_minutes(tz, t));
      return;
    }
    case FieldType::boolean:
      x.text(std::get<std::int64_t>(v) ? (english ? "Yes" : "是") : (english ? "No" : "否"));
      return;
    case FieldType::choice: {
      const Choice* c = find_choice(f, std::get<std::string>(v));
      x.text(c ? (english ? c->en : c->zh) : std::string_view(std::get<std::string>(v)));
      return;
    }
    case FieldType::ref: {
      const std::int64_t id = std::get<std::int64_t>(v);
      const std::string* name = names.find(f.ref, id);
      if (f.ref == RefKind::user) {
        const UserRecord* u = org.user(UserId{id});
        x.text(u ? u->username : std::to_string(id));
      } else if (f.ref == RefKind::region) {
        const RegionRecord* g = org.region(RegionId{id});
        x.text(g ? g->name : std::to_string(id));
      } else if (name) {
        x.text(*name);
      } else {
        x.integer(id);
      }
      return;
    }
    case FieldType::tags: {
      std::string s = std::get<std::string>(v);
      for (char& ch : s) {
        if (ch == ',') ch = ';';
      }
      x.text(s);
      return;
    }
    case FieldType::text:
      x.text(std::get<std::string>(v));
      return;
    case FieldType::coordinate:
      x.text(format_millionths(std::get<std::int64_t>(v)));
      return;
  }
}

}  // namespace

int utc_offset_minutes(const date::time_zone* tz, Instant t) {
  return static_cast<int>(
      std::chrono::duration_cast<std::chrono::minutes>(tz->get_info(t).offset).count());
}

Result<ExportFile> export_xlsx(const Context& ctx, const Actor& actor, const EntityKind& kind,
                               const ListRequest& req, bool english) {
  ListRequest all = req;
  all.page.page = 1;
  all.page.page_size = kChunk;
  auto q = build_list_query(actor, kind, all);
  if (!q.ok()) return q.error();
  const date::time_zone* tz = zone_of(actor.snapshot->org().timezone);

  XlsxWriter x(std::string(english ? kind.en : kind.zh));
  std::vector<std::string> header{english ? "ID" : "编号"};
  for (const Field& f : kind.fields) header.emplace_back(english ? f.en : f.zh);
  if (kind.has_external_id) header.emplace_back(english ? "External ID" : "外部编号");
  header.emplace_back(english ? "Created at" : "创建时间");
  x.header(header);

  ExportFile out;
  auto conn = ctx.db.acquire();
  for (std::int64_t offset = 0; offset < kMaxExportRows; offset += kChunk) {
    q->offset = offset;
    q->limit = std::min(kChunk, kMaxExportRows - offset);
    auto records = store::query_entities(*conn, actor.org, kind, *q);
    RefNames names;
    for (const EntityRecord& r : records) names.collect(r);
    load_ref_names(*conn, actor.org, names);
    for (const EntityRecord& r : records) {
      x.integer(r.id);
      for (std::size_t i = 0; i < kind.fields.size(); ++i) {
        write_cell(x, r, i, *actor.snapshot, names, tz, english);
      }
      if (kind.has_external_id) {
        if (r.external_id) {
          x.text(*r.external_id);
        } else {
          x.empty();
        }
      }
      x.datetime(to_ms(r.created_at), utc_offset_minutes(tz, r.created_at));
      x.end_row();
    }
    out.rows += records.size();
    if (static_cast<std::int64_t>(records.size()) < q->limit) break;
  }
  out.bytes = x.finish();
  if (out.bytes.empty()) return Error::of(ErrorCode::internal, detail::export_not_written);
  out.file_name =
      std::string(english ? kind.plural : kind.zh) + "-" + format_date(actor.today) + ".xlsx";
  return out;
}

}  // namespace fupan::service
