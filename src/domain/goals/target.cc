#include "domain/goals/target.h"

namespace fupan::goals {

void write_json(JsonWriter& w, const Target& t) {
  w.begin_object();
  write_members(w, t);
  w.end_object();
}

void write_members(JsonWriter& w, const Target& t) {
  w.field("id", t.id);
  w.field("metric", t.metric);
  w.field("scope", t.scope.text());
  w.field("period", t.period.label);
  w.field("start", format_date(t.period.start));
  w.field("end", format_date(t.period.end - std::chrono::days{1}));
  w.field("value", t.value);
  w.field("original_value", t.original_value);
  w.key("set_by");
  t.set_by ? w.value(t.set_by->value) : w.null();
  w.field("version", t.version);
  w.field("created_at", format_rfc3339(t.created_at));
  w.field("updated_at", format_rfc3339(t.updated_at));
}

std::string to_json(const Target& t) {
  JsonWriter w;
  write_json(w, t);
  return std::move(w).str();
}

}  // namespace fupan::goals
