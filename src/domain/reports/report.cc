#include "domain/reports/report.h"

#include <boost/json/parse.hpp>

#include "core/json_writer.h"
#include "domain/org_validation.h"

namespace fupan::reports {
namespace {

constexpr std::size_t kMaxSectionChars = 20000, kMaxGoals = 20;

bool blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return false;
  }
  return true;
}

}  // namespace

std::string_view report_status_name(ReportStatus s) {
  switch (s) {
    case ReportStatus::draft:
      return "draft";
    case ReportStatus::submitted:
      return "submitted";
    case ReportStatus::reviewed:
      return "reviewed";
    case ReportStatus::returned:
      return "returned";
  }
  return "draft";
}

std::optional<ReportStatus> parse_report_status(std::string_view text) {
  for (auto s : {ReportStatus::draft, ReportStatus::submitted, ReportStatus::reviewed,
                 ReportStatus::returned}) {
    if (report_status_name(s) == text) return s;
  }
  return std::nullopt;
}

std::string content_json(const ReportContent& c) {
  JsonWriter w;
  w.begin_object();
  w.key("texts").begin_object();
  for (const auto& [key, text] : c.texts) w.field(key, text);
  w.end_object();
  w.key("next_goals").begin_array();
  for (const NextGoal& g : c.next_goals) {
    w.begin_object();
    w.field("metric", g.metric);
    w.field("value", g.value);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

ReportContent content_from_json(std::string_view json) {
  ReportContent c;
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return c;
  const auto& o = v.as_object();
  if (auto* t = o.if_contains("texts"); t && t->is_object()) {
    for (const auto& [key, text] : t->as_object()) {
      if (text.is_string()) c.texts[std::string(key)] = std::string(text.as_string());
    }
  }
  if (auto* g = o.if_contains("next_goals"); g && g->is_array()) {
    for (const auto& e : g->as_array()) {
      if (!e.is_object()) continue;
      NextGoal goal;
      if (auto* m = e.as_object().if_contains("metric"); m && m->is_string()) {
        goal.metric = m->as_string();
      }
      if (auto* n = e.as_object().if_contains("value"); n && n->is_int64())
        goal.value = n->as_int64();
      c.next_goals.push_back(std::move(goal));
    }
  }
  return c;
}

bool is_editable(ReportStatus s) {
  return s == ReportStatus::draft || s == ReportStatus::returned;
}

const Section* first_missing(const std::vector<Section>& sections, const ReportContent& content) {
  for (const Section& s : sections) {
    if (s.type != SectionType::text || !s.required) continue;
    auto it = content.texts.find(s.key);
    if (it == content.texts.end() || blank(it->second)) return &s;
  }
  return nullptr;
}

void mark_submitted(Report& r, Instant now, std::string data_json) {
  if (!r.submitted_at) {
    r.submitted_at = now;
    r.late = is_late(now, r.deadline);
  }
  r.status = ReportStatus::submitted;
  r.return_reason.clear();
  r.data_json = std::move(data_json);
  ++r.submissions;
}

Status check_content(const ReportContent& c) {
  for (const auto& [key, text] : c.texts) {
    const std::size_t n = utf8_length(text);
    if (n == std::string::npos || n > kMaxSectionChars) {
      return Error::invalid("content." + key, detail::at_most_chars(kMaxSectionChars));
    }
  }
  if (c.next_goals.size() > kMaxGoals) {
    return Error::invalid("next_goals", detail::at_most(static_cast<std::int64_t>(kMaxGoals)));
  }
  for (std::size_t i = 0; i < c.next_goals.size(); ++i) {
    if (c.next_goals[i].value < 0) {
      return Error::invalid("next_goals[" + std::to_string(i) + "].value", detail::integer_from(0));
    }
  }
  return {};
}

}  // namespace fupan::reports
