#include "domain/reports/report_period.h"

#include <cstdio>

namespace fupan::reports {

std::string_view report_kind_name(ReportKind kind) {
  switch (kind) {
    case ReportKind::day:
      return "day";
    case ReportKind::week:
      return "week";
    case ReportKind::month:
      return "month";
  }
  return "week";
}

std::optional<ReportKind> parse_report_kind(std::string_view text) {
  if (text == "day") return ReportKind::day;
  if (text == "week") return ReportKind::week;
  if (text == "month") return ReportKind::month;
  return std::nullopt;
}

PeriodKind period_kind_of(ReportKind kind) {
  switch (kind) {
    case ReportKind::day:
      return PeriodKind::day;
    case ReportKind::week:
      return PeriodKind::week;
    case ReportKind::month:
      return PeriodKind::month;
  }
  return PeriodKind::week;
}

Result<Period> parse_report_period(ReportKind kind, std::string_view text) {
  auto p = parse_period(text);
  if (!p.ok() || p->kind != period_kind_of(kind)) {
    return Error::invalid("period", detail::report_period);
  }
  return std::move(p).value();
}

std::string_view report_kind_zh(ReportKind kind) {
  switch (kind) {
    case ReportKind::day:
      return "日报";
    case ReportKind::week:
      return "周报";
    case ReportKind::month:
      return "月报";
  }
  return "周报";
}

bool has_report(ReportKind kind, const Period& p, const std::vector<LocalDate>& holidays) {
  return kind != ReportKind::day || working_days(p.start, p.end, holidays) > 0;
}

Period report_period_of(ReportKind kind, LocalDate day) {
  return period_containing(period_kind_of(kind), day);
}

Period next_report_period(ReportKind kind, const Period& p) {
  return period_containing(period_kind_of(kind), p.end);
}

LocalDate deadline_day(const Period& p, const Deadline& d) {
  return p.end - std::chrono::days{1} + std::chrono::days{d.day_offset};
}

Instant deadline_instant(const Period& p, const Deadline& d, const date::time_zone* zone) {
  return instant_at(deadline_day(p, d), std::chrono::minutes{d.minute}, zone);
}

std::optional<int> parse_time_of_day(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto digit = [&](std::size_t i) -> int {
    return text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -100;
  };
  const int h = digit(0) * 10 + digit(1), m = digit(3) * 10 + digit(4);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string format_time_of_day(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60 % 24, minute % 60);
  return buf;
}

}  // namespace fupan::reports
