// A report's form (SPEC §4): its sections in order and its deadline, per org or team and kind.
// Each edit is a new version; a report keeps the version it was written on. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ids.h"
#include "core/json_writer.h"
#include "domain/reports/report_period.h"

namespace fupan::reports {

// data: the data block the system fills; text: what the author writes; goals: next period's
// goals as metric and value.
enum class SectionType { data, text, goals };
std::string_view section_type_name(SectionType t);
std::optional<SectionType> parse_section_type(std::string_view text);

struct Section {
  std::string key;    // 1–40 of a-z 0-9 _, unique in the template
  std::string title;  // 1–40 characters
  SectionType type = SectionType::text;
  bool required = false;
  friend bool operator==(const Section&, const Section&) = default;
};

struct ReportTemplate {
  std::optional<std::int64_t> id;  // none: the built-in default
  std::optional<TeamId> team;      // none: the org's
  ReportKind kind = ReportKind::week;
  std::string name;
  std::int64_t version = 0;
  Deadline deadline;
  std::vector<Section> sections;
  // The first day whose period is written on this template when its kind is not written by
  // default (a day, a month): an admin introducing daily reports does not make the days before
  // missing. None: every period.
  std::optional<LocalDate> effective_from;
  std::optional<Instant> updated_at;
};

// The built-in form of `kind`, used until an admin makes one: data block, 本周总结, wins,
// problems and risks, help needed, next period's plan and goals; the deadline Friday 18:00 for
// a week, 21:00 the same day for a day, 18:00 on the last day for a month.
ReportTemplate default_template(ReportKind kind);

// Ok when the sections make a form: at least one text section, at most one data and one goals
// section, keys valid and unique, titles 1–40 characters. Errors name "sections[i].field".
Status check_sections(const std::vector<Section>& sections);
// Ok for a deadline within kMaxDeadlineOffset days of the period's end and a minute of the day.
Status check_deadline(const Deadline& d);

// The sections as stored: [{key, title, type, required}].
std::string sections_json(const std::vector<Section>& sections);
std::vector<Section> sections_from_json(std::string_view json);
void write_sections(JsonWriter& w, const std::vector<Section>& sections);

}  // namespace fupan::reports
