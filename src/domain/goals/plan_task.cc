#include "domain/goals/plan_task.h"

namespace fupan::goals {

void write_json(JsonWriter& w, const PlanTask& t) {
  w.begin_object();
  w.field("id", t.id);
  w.field("user_id", t.user.value);
  w.field("date", format_date(t.day));
  w.field("title", t.title);
  w.field("important", t.important);
  w.field("urgent", t.urgent);
  w.field("done", t.done_at.has_value());
  w.key("done_at");
  t.done_at ? w.value(format_rfc3339(*t.done_at)) : w.null();
  w.field("version", t.version);
  w.field("created_at", format_rfc3339(t.created_at));
  w.field("updated_at", format_rfc3339(t.updated_at));
  w.end_object();
}

std::string to_json(const PlanTask& t) {
  JsonWriter w;
  write_json(w, t);
  return std::move(w).str();
}

}  // namespace fupan::goals
