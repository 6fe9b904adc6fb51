#include "domain/reports/report_template.h"

#include <boost/json/parse.hpp>
#include <set>

#include "domain/org_validation.h"

namespace fupan::reports {
namespace {

constexpr std::size_t kMaxKeyChars = 40, kMaxTitleChars = 40;

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyChars) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string at(std::size_t i, std::string_view field) {
  return "sections[" + std::to_string(i) + "]." + std::string(field);
}

}  // namespace

std::string_view section_type_name(SectionType t) {
  switch (t) {
    case SectionType::data:
      return "data";
    case SectionType::text:
      return "text";
    case SectionType::goals:
      return "goals";
  }
  return "text";
}

std::optional<SectionType> parse_section_type(std::string_view text) {
  if (text == "data") return SectionType::data;
  if (text == "text") return SectionType::text;
  if (text == "goals") return SectionType::goals;
  return std::nullopt;
}

ReportTemplate default_template(ReportKind kind) {
  ReportTemplate t;
  t.kind = kind;
  const bool week = kind == ReportKind::week, day = kind == ReportKind::day;
  t.name = week ? "周报" : day ? "日报" : "月报";
  t.deadline = week ? Deadline{-2, 18 * 60} : day ? Deadline{0, 21 * 60} : Deadline{0, 18 * 60};
  const std::string next = week ? "下周" : day ? "明日" : "下月";
  const std::string current = week ? "本周" : day ? "今日" : "本月";
  t.sections = {
      {"data", "数据", SectionType::data, false},
      {"summary", current + "总结", SectionType::text, true},
      {"wins", current + "亮点", SectionType::text, false},
      {"problems", "问题与风险", SectionType::text, false},
      {"help", "需要的支持", SectionType::text, false},
      {"plan", next + "计划", SectionType::text, true},
      {"next_goals", next + "目标", SectionType::goals, false},
  };
  return t;
}

Status check_sections(const std::vector<Section>& sections) {
  std::set<std::string> keys;
  int texts = 0, data = 0, goals = 0;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const Section& s = sections[i];
    if (!valid_key(s.key)) return Error::invalid(at(i, "key"), detail::section_key);
    if (!keys.insert(s.key).second) {
      return Error::invalid(at(i, "key"), detail::section_key_twice(s.key));
    }
    const std::size_t n = utf8_length(s.title);
    if (s.title.empty()) return Error::missing(at(i, "title"));
    if (n == std::string::npos || n > kMaxTitleChars) {
      return Error::invalid(at(i, "title"), detail::at_most_chars(kMaxTitleChars));
    }
    texts += s.type == SectionType::text;
    data += s.type == SectionType::data;
    goals += s.type == SectionType::goals;
  }
  if (texts == 0) return Error::invalid("sections", detail::sections_needed);
  if (data > 1 || goals > 1) return Error::invalid("sections", detail::one_data_section);
  return {};
}

Status check_deadline(const Deadline& d) {
  if (d.day_offset < -kMaxDeadlineOffset || d.day_offset > kMaxDeadlineOffset) {
    return Error::invalid("deadline.day_offset",
                          detail::integer_range(-kMaxDeadlineOffset, kMaxDeadlineOffset));
  }
  if (d.minute < 0 || d.minute >= 24 * 60)
    return Error::invalid("deadline.time", detail::time_of_day);
  return {};
}

void write_sections(JsonWriter& w, const std::vector<Section>& sections) {
  w.begin_array();
  for (const Section& s : sections) {
    w.begin_object();
    w.field("key", s.key);
    w.field("title", s.title);
    w.field("type", section_type_name(s.type));
    w.field("required", s.required);
    w.end_object();
  }
  w.end_array();
}

std::string sections_json(const std::vector<Section>& sections) {
  JsonWriter w;
  write_sections(w, sections);
  return std::move(w).str();
}

std::vector<Section> sections_from_json(std::string_view json) {
  std::vector<Section> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    if (!e.is_object()) continue;
    const auto& o = e.as_object();
    Section s;
    if (auto* k = o.if_contains("key"); k && k->is_string()) s.key = k->as_string();
    if (auto* t = o.if_contains("title"); t && t->is_string()) s.title = t->as_string();
    if (auto* t = o.if_contains("type"); t && t->is_string()) {
      s.type = parse_section_type(t->as_string()).value_or(SectionType::text);
    }
    if (auto* r = o.if_contains("required"); r && r->is_bool()) s.required = r->as_bool();
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace fupan::reports
