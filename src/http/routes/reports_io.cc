#include "http/routes/reports_io.h"

namespace fupan::http {
namespace {

namespace json = boost::json;

std::string at(std::string_view list, std::size_t i, std::string_view field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + std::string(field);
}

void write_time(JsonWriter& w, std::string_view name, const std::optional<Instant>& t) {
  w.key(name);
  t ? w.value(format_rfc3339(*t)) : w.null();
}

}  // namespace

std::string user_name(const OrgSnapshot& org, UserId id) {
  const UserRecord* u = org.user(id);
  return u ? u->display_name : "";
}

std::optional<std::vector<reports::Section>> read_sections(Fields& f) {
  const json::value* v = f.raw("sections");
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    f.reject(Error::invalid("sections", detail::string_array));
    return std::nullopt;
  }
  std::vector<reports::Section> out;
  const auto& arr = v->as_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_object()) {
      f.reject(Error::invalid("sections[" + std::to_string(i) + "]", detail::string));
      return std::nullopt;
    }
    const auto& o = arr[i].as_object();
    reports::Section s;
    for (const auto& kv : o) {
      const std::string key(kv.key());
      if (key == "key" && kv.value().is_string()) {
        s.key = kv.value().as_string();
      } else if (key == "title" && kv.value().is_string()) {
        s.title = kv.value().as_string();
      } else if (key == "type" && kv.value().is_string()) {
        auto t = reports::parse_section_type(kv.value().as_string());
        if (!t) {
          f.reject(Error::invalid(at("sections", i, "type"), detail::section_type));
          return std::nullopt;
        }
        s.type = *t;
      } else if (key == "required" && kv.value().is_bool()) {
        s.required = kv.value().as_bool();
      } else if (key == "key" || key == "title" || key == "type") {
        f.reject(Error::invalid(at("sections", i, key), detail::string));
        return std::nullopt;
      } else if (key == "required") {
        f.reject(Error::invalid(at("sections", i, key), detail::boolean));
        return std::nullopt;
      } else {
        f.reject(
            Error{ErrorCode::unknown_field, at("sections", i, key), detail::not_accepted_here, {}});
        return std::nullopt;
      }
    }
    if (!o.contains("type")) {
      f.reject(Error::missing(at("sections", i, "type")));
      return std::nullopt;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<LocalDate> read_effective_from(Fields& f) {
  auto text = f.str("effective_from");
  if (!text) return std::nullopt;
  auto day = parse_date(*text);
  if (!day) f.reject(Error::invalid("effective_from", detail::date));
  return day;
}

std::optional<reports::Deadline> read_deadline(Fields& f) {
  const json::value* v = f.raw("deadline");
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    f.reject(Error::invalid("deadline", detail::time_of_day));
    return std::nullopt;
  }
  reports::Deadline d;
  const auto& o = v->as_object();
  for (const auto& kv : o) {
    const std::string key(kv.key());
    if (key == "day_offset") {
      if (!kv.value().is_int64()) {
        f.reject(Error::invalid("deadline.day_offset", detail::integer));
        return std::nullopt;
      }
      d.day_offset = static_cast<int>(std::clamp<std::int64_t>(kv.value().as_int64(), -1000, 1000));
    } else if (key == "time") {
      std::optional<int> m;
      if (kv.value().is_string()) m = reports::parse_time_of_day(kv.value().as_string());
      if (!m) {
        f.reject(Error::invalid("deadline.time", detail::time_of_day));
        return std::nullopt;
      }
      d.minute = *m;
    } else {
      f.reject(Error{ErrorCode::unknown_field, "deadline." + key, detail::not_accepted_here, {}});
      return std::nullopt;
    }
  }
  if (!o.contains("day_offset")) f.reject(Error::missing("deadline.day_offset"));
  if (!o.contains("time")) f.reject(Error::missing("deadline.time"));
  return d;
}

std::optional<std::map<std::string, std::string>> read_texts(Fields& f) {
  const json::value* v = f.raw("content");
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    f.reject(Error::invalid("content", detail::string));
    return std::nullopt;
  }
  std::map<std::string, std::string> out;
  for (const auto& kv : v->as_object()) {
    if (!kv.value().is_string()) {
      f.reject(Error::invalid("content." + std::string(kv.key()), detail::string));
      return std::nullopt;
    }
    out[std::string(kv.key())] = std::string(kv.value().as_string());
  }
  return out;
}

std::optional<std::vector<reports::NextGoal>> read_goals(Fields& f) {
  const json::value* v = f.raw("next_goals");
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    f.reject(Error::invalid("next_goals", detail::string_array));
    return std::nullopt;
  }
  std::vector<reports::NextGoal> out;
  const auto& arr = v->as_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const auto* o = arr[i].if_object();
    const json::value* m = o ? o->if_contains("metric") : nullptr;
    const json::value* n = o ? o->if_contains("value") : nullptr;
    if (!m || !m->is_string()) {
      f.reject(Error::invalid(at("next_goals", i, "metric"), detail::string));
      return std::nullopt;
    }
    if (!n || !n->is_int64()) {
      f.reject(Error::invalid(at("next_goals", i, "value"), detail::integer));
      return std::nullopt;
    }
    if (o->size() != 2) {
      f.reject(Error{ErrorCode::unknown_field,
                     "next_goals[" + std::to_string(i) + "]",
                     detail::not_accepted_here,
                     {}});
      return std::nullopt;
    }
    out.push_back({std::string(m->as_string()), n->as_int64()});
  }
  return out;
}

void write_template(JsonWriter& w, const reports::ReportTemplate& t, const OrgSnapshot& org) {
  w.begin_object();
  w.key("id");
  t.id ? w.value(*t.id) : w.null();
  w.key("team_id");
  t.team ? w.value(t.team->value) : w.null();
  w.key("team_name");
  const TeamRecord* team = t.team ? org.team(*t.team) : nullptr;
  team ? w.value(team->name) : w.null();
  w.field("kind", reports::report_kind_name(t.kind));
  w.field("name", t.name);
  w.field("version", t.version);
  w.key("deadline").begin_object();
  w.field("day_offset", t.deadline.day_offset);
  w.field("time", reports::format_time_of_day(t.deadline.minute));
  w.end_object();
  w.key("effective_from");
  t.effective_from ? w.value(format_date(*t.effective_from)) : w.null();
  w.key("sections");
  reports::write_sections(w, t.sections);
  write_time(w, "updated_at", t.updated_at);
  w.end_object();
}

void write_goals(JsonWriter& w, const std::vector<reports::NextGoal>& goals) {
  w.begin_array();
  for (const auto& g : goals) {
    w.begin_object();
    w.field("metric", g.metric);
    w.field("value", g.value);
    w.end_object();
  }
  w.end_array();
}

void write_report_summary(JsonWriter& w, const reports::Report& r, const OrgSnapshot& org) {
  w.begin_object();
  w.field("id", r.id);
  w.field("user_id", r.user.value);
  w.field("user_name", user_name(org, r.user));
  w.field("kind", reports::report_kind_name(r.kind));
  w.field("period", r.period);
  w.field("status", reports::report_status_name(r.status));
  write_time(w, "submitted_at", r.submitted_at);
  w.key("late");
  r.late ? w.value(*r.late) : w.null();
  w.key("rating");
  r.rating ? w.value(*r.rating) : w.null();
  w.field("version", r.version);
  w.end_object();
}

void write_report(JsonWriter& w, const service::ReportView& v, const OrgSnapshot& org) {
  const reports::Report& r = v.report;
  w.begin_object();
  w.field("id", r.id);
  w.field("user_id", r.user.value);
  w.field("user_name", user_name(org, r.user));
  w.field("kind", reports::report_kind_name(r.kind));
  w.field("period", r.period);
  w.field("from", format_date(r.start));
  w.field("to", format_date(r.end - std::chrono::days{1}));
  w.field("status", reports::report_status_name(r.status));
  w.key("template");
  write_template(w, v.form, org);
  w.key("content").begin_object();
  for (const auto& [key, text] : r.content.texts) w.field(key, text);
  w.end_object();
  w.key("next_goals");
  write_goals(w, r.content.next_goals);
  write_time(w, "goals_accepted_at", r.goals_accepted_at);
  w.field("deadline", format_rfc3339(r.deadline));
  write_time(w, "submitted_at", r.submitted_at);
  w.key("late");
  r.late ? w.value(*r.late) : w.null();
  w.field("submissions", r.submissions);
  w.key("rating");
  r.rating ? w.value(*r.rating) : w.null();
  w.field("review_comment", r.review_comment);
  w.key("reviewed_by");
  r.reviewed_by ? w.value(r.reviewed_by->value) : w.null();
  w.field("reviewed_by_name", r.reviewed_by ? user_name(org, *r.reviewed_by) : "");
  write_time(w, "reviewed_at", r.reviewed_at);
  w.field("return_reason", r.return_reason);
  w.key("data").raw(v.data_json);
  w.field("data_frozen", v.frozen);
  w.field("data_changed", v.changed);
  w.key("live_data");
  v.changed ? w.raw(v.live_json) : w.null();
  w.key("comments").begin_array();
  for (const auto& c : v.comments) {
    w.begin_object();
    w.field("id", c.id);
    w.field("user_id", c.user.value);
    w.field("user_name", user_name(org, c.user));
    w.field("body", c.body);
    w.key("mentions").begin_array();
    for (auto m : c.mentions) w.value(m);
    w.end_array();
    w.field("created_at", format_rfc3339(c.created_at));
    w.end_object();
  }
  w.end_array();
  w.key("read_by").begin_array();
  for (const auto& read : v.reads) {
    w.begin_object();
    w.field("user_id", read.user.value);
    w.field("user_name", user_name(org, read.user));
    w.field("at", format_rfc3339(read.at));
    w.end_object();
  }
  w.end_array();
  w.field("version", r.version);
  w.field("created_at", format_rfc3339(r.created_at));
  w.field("updated_at", format_rfc3339(r.updated_at));
  w.key("can").begin_object();
  w.field("edit", v.can_edit);
  w.field("submit", v.can_submit);
  w.field("review", v.can_review);
  w.field("accept_goals", v.can_accept_goals);
  w.field("comment", v.can_comment);
  w.end_object();
  w.end_object();
}

}  // namespace fupan::http
