#include "service/io/import_report_json.h"

#include "core/error_catalogue.h"
#include "domain/entity_kind.h"

namespace fupan::service {
namespace {

// Writes "detail_code" and "params" ({"line": 3}) of a row's detail.
void write_detail(JsonWriter& w, const Detail& detail) {
  w.field("detail_code", detail_code_name(detail.code));
  w.key("params").begin_object();
  const std::vector<std::string_view> names = detail_param_names(detail.code);
  for (std::size_t i = 0; i < names.size() && i < detail.params.size(); ++i) {
    if (const auto* n = std::get_if<std::int64_t>(&detail.params[i])) {
      w.field(names[i], *n);
    } else {
      w.field(names[i], std::get<std::string>(detail.params[i]));
    }
  }
  w.end_object();
}

}  // namespace

void write_import_report(JsonWriter& w, const ImportReport& r,
                         const std::function<std::string(const ImportRowError&)>& message_of) {
  w.begin_object();
  w.field("kind", r.kind);
  w.field("rows", r.rows);
  w.field("inserted", r.inserted);
  w.field("updated", r.updated);
  w.field("unchanged", r.unchanged);
  w.field("skipped", r.skipped);
  w.field("committed", r.committed);
  w.key("errors").begin_array();
  for (const ImportRowError& e : r.errors) {
    w.begin_object();
    w.field("line", e.line);
    if (!e.sheet.empty()) w.field("sheet", e.sheet);
    w.field("column", e.column);
    w.field("field", e.field);
    w.field("code", e.code);
    w.field("detail", english(e.detail));
    if (!e.detail.empty()) write_detail(w, e.detail);
    w.field("value", e.value);
    if (message_of) w.field("message", message_of(e));
    w.end_object();
  }
  w.end_array();
  w.key("warnings").begin_array();
  for (const std::string& s : r.warnings) w.value(s);
  w.end_array();
  w.end_object();
}

std::string import_summary_zh(const ImportReport& r) {
  const EntityKind* k = find_entity_kind(r.kind);
  const std::string what = k ? std::string(k->zh) : r.kind == "user" ? "用户" : r.kind;
  std::string s = "导入" + what + "：共 " + std::to_string(r.rows) + " 行";
  if (r.committed) {
    s += "，新增 " + std::to_string(r.inserted) + " 行，更新 " + std::to_string(r.updated) +
         " 行，未变 " + std::to_string(r.unchanged) + " 行";
    if (r.skipped > 0) s += "，跳过 " + std::to_string(r.skipped) + " 行有错误的数据";
    s += "。";
  } else {
    s += "，其中 " + std::to_string(r.skipped) + " 行有错误，未导入任何数据。";
  }
  return s;
}

}  // namespace fupan::service
