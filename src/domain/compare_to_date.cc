#include "domain/compare_to_date.h"

#include <algorithm>

namespace fupan {

using std::chrono::days;

std::optional<CompareMode> parse_compare_mode(std::string_view text) {
  if (text == "to_date") return CompareMode::to_date;
  if (text == "full") return CompareMode::full;
  return std::nullopt;
}

std::optional<ElapsedBasis> parse_elapsed_basis(std::string_view text) {
  if (text == "calendar_days") return ElapsedBasis::calendar_days;
  if (text == "working_days") return ElapsedBasis::working_days;
  return std::nullopt;
}

std::string_view elapsed_basis_name(ElapsedBasis b) {
  return b == ElapsedBasis::working_days ? "working_days" : "calendar_days";
}

std::string_view comparison_name(Comparison c) {
  switch (c) {
    case Comparison::full:
      return "full";
    case Comparison::to_date:
      return "to_date";
    case Comparison::future:
      return "future";
  }
  return "";
}

Comparison comparison_of(const Period& p, const CompareRule& rule) {
  if (rule.mode == CompareMode::full || !rule.today) return Comparison::full;
  if (*rule.today < p.start) return Comparison::future;
  return p.contains(*rule.today) ? Comparison::to_date : Comparison::full;
}

Elapsed elapsed_in(const Period& p, LocalDate today, ElapsedBasis basis,
                   const std::vector<LocalDate>& holidays) {
  const LocalDate through = std::min(today + days{1}, p.end);
  if (basis == ElapsedBasis::working_days) {
    return {basis, working_days(p.start, through, holidays)};
  }
  return {basis, static_cast<int>((through - p.start).count())};
}

Period part_to_date(const Period& p, const Elapsed& e, const std::vector<LocalDate>& holidays) {
  Period out = p;
  if (e.basis == ElapsedBasis::calendar_days) {
    out.end = std::min(p.end, p.start + days{std::max(e.count, 0)});
    return out;
  }
  // Walk to the day after the count-th working day (or to the first working day for none).
  int seen = 0;
  for (LocalDate d = p.start; d < p.end; d += days{1}) {
    const bool working =
        d.weekday().iso_encoding() <= 5 && !std::binary_search(holidays.begin(), holidays.end(), d);
    if (!working) continue;
    if (seen == e.count) {
      out.end = d;
      return out;
    }
    ++seen;
    if (seen == e.count) {
      out.end = d + days{1};
      return out;
    }
  }
  return out;  // fewer working days than asked: the whole period
}

}  // namespace fupan
