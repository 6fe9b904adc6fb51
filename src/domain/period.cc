#include "domain/period.h"

#include <algorithm>
#include <chrono>

namespace fupan {

namespace {

using std::chrono::days;
using std::chrono::months;
using std::chrono::year_month;
using std::chrono::year_month_day;
using std::chrono::years;

constexpr int kMinYear = 1970;
constexpr int kMaxYear = 9999;

constexpr DetailCode kFormatHint = detail::period_syntax;

Error invalid(DetailCode why) {
  return Error::invalid("period", why);
}

// An org setting outside 1..12 is a bug elsewhere; January keeps these functions total.
unsigned fiscal_month(int fiscal_start_month) {
  return fiscal_start_month >= 1 && fiscal_start_month <= 12
             ? static_cast<unsigned>(fiscal_start_month)
             : 1u;
}

LocalDate first_of(year_month ym) {
  return LocalDate{ym / 1};
}

int year_of(year_month_day ymd) {
  return static_cast<int>(ymd.year());
}

std::string four_digits(int y) {
  std::string s = std::to_string(y);
  return s.size() < 4 ? std::string(4 - s.size(), '0') + s : s;
}

std::string two_digits(unsigned n) {
  return n < 10 ? "0" + std::to_string(n) : std::to_string(n);
}

// ISO 8601: week 1 is the week (Monday first) that holds 4 January.
LocalDate iso_year_start(int iso_year) {
  const LocalDate jan4{std::chrono::year{iso_year} / 1 / 4};
  return jan4 - days{jan4.weekday().iso_encoding() - 1};
}

int iso_weeks_in(int iso_year) {
  return static_cast<int>((iso_year_start(iso_year + 1) - iso_year_start(iso_year)).count() / 7);
}

struct IsoWeek {
  int year;
  int week;
};

// A week belongs to the ISO year of its Thursday.
IsoWeek iso_week_of(LocalDate d) {
  const LocalDate monday = d - days{d.weekday().iso_encoding() - 1};
  const int y = year_of((monday + days{3}).ymd());
  return {y, static_cast<int>((monday - iso_year_start(y)).count() / 7) + 1};
}

Period make_day(LocalDate d) {
  return {PeriodKind::day, d, d + days{1}, format_date(d)};
}

Period make_week(int iso_year, int week) {
  const LocalDate start = iso_year_start(iso_year) + days{7 * (week - 1)};
  return {PeriodKind::week, start, start + days{7},
          four_digits(iso_year) + "-W" + two_digits(static_cast<unsigned>(week))};
}

Period make_month(year_month ym) {
  return {PeriodKind::month, first_of(ym), first_of(ym + months{1}),
          four_digits(static_cast<int>(ym.year())) + "-" +
              two_digits(static_cast<unsigned>(ym.month()))};
}

Period make_quarter(int y, int q) {
  const year_month first{std::chrono::year{y},
                         std::chrono::month{static_cast<unsigned>(3 * q - 2)}};
  return {PeriodKind::quarter, first_of(first), first_of(first + months{3}),
          four_digits(y) + "-Q" + std::to_string(q)};
}

Period make_fiscal_quarter(int fy, int q, unsigned fsm) {
  const year_month first =
      year_month{std::chrono::year{fy}, std::chrono::month{fsm}} + months{3 * (q - 1)};
  return {PeriodKind::fiscal_quarter, first_of(first), first_of(first + months{3}),
          "FY" + four_digits(fy) + "-Q" + std::to_string(q)};
}

Period make_year(int y) {
  return {PeriodKind::year, LocalDate{std::chrono::year{y} / 1 / 1},
          LocalDate{std::chrono::year{y + 1} / 1 / 1}, four_digits(y)};
}

Period make_fiscal_year(int fy, unsigned fsm) {
  const std::chrono::month m{fsm};
  return {PeriodKind::fiscal_year, LocalDate{std::chrono::year{fy} / m / 1},
          LocalDate{std::chrono::year{fy + 1} / m / 1}, "FY" + four_digits(fy)};
}

// [first, last] with `last` inclusive, as a range is written.
Period make_range(LocalDate first, LocalDate last) {
  return {PeriodKind::range, first, last + days{1}, format_date(first) + ".." + format_date(last)};
}

// The fiscal year that holds `ymd` and the 0-based month within it.
std::pair<int, int> fiscal_position(year_month_day ymd, unsigned fsm) {
  const unsigned m = static_cast<unsigned>(ymd.month());
  const int fy = m >= fsm ? year_of(ymd) : year_of(ymd) - 1;
  return {fy, static_cast<int>((m + 12 - fsm) % 12)};
}

// One year earlier; 29 February becomes 28 February.
LocalDate year_earlier(LocalDate d) {
  const year_month_day ymd = d.ymd();
  const year_month_day back{ymd.year() - years{1}, ymd.month(), ymd.day()};
  return back.ok() ? LocalDate{back} : LocalDate{back.year() / back.month() / 28};
}

// Parses exactly `n` decimal digits at `s[pos]`; -1 when they are not all digits or out of text.
int digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool is_letter(char c, char upper) {
  return c == upper || c == upper - 'A' + 'a';
}

// A day written "YYYY-MM-DD".
Result<LocalDate> parse_day(std::string_view s) {
  const int y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || y < 0 || m < 0 || d < 0) {
    return invalid(kFormatHint);
  }
  if (y < kMinYear || y > kMaxYear) return invalid(detail::period_year);
  if (m < 1 || m > 12) return invalid(detail::period_month);
  const year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                           std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return invalid(detail::period_day);
  return LocalDate{ymd};
}

Result<Period> parse_range(std::string_view s, std::size_t dots) {
  Result<LocalDate> first = parse_day(s.substr(0, dots));
  if (!first) return first.error();
  Result<LocalDate> last = parse_day(s.substr(dots + 2));
  if (!last) return last.error();
  if (*last < *first) return invalid(detail::period_range_order);
  return make_range(*first, *last);
}

// The forms that start with a year: "YYYY", "YYYY-MM", "YYYY-Www", "YYYY-Qn", "YYYY-MM-DD".
Result<Period> parse_calendar(std::string_view s) {
  const int y = digits(s, 0, 4);
  if (y < 0 || (s.size() > 4 && s[4] != '-')) return invalid(kFormatHint);
  if (s.size() == 10) {
    Result<LocalDate> d = parse_day(s);
    if (!d) return d.error();
    return make_day(*d);
  }
  int month = -1, week = -1, quarter = -1;
  if (s.size() == 7 && is_letter(s[5], 'Q')) {
    quarter = digits(s, 6, 1);
  } else if (s.size() == 7) {
    month = digits(s, 5, 2);
  } else if (s.size() == 8 && is_letter(s[5], 'W')) {
    week = digits(s, 6, 2);
  } else if (s.size() != 4) {
    return invalid(kFormatHint);
  }
  if (s.size() > 4 && month < 0 && week < 0 && quarter < 0) return invalid(kFormatHint);
  if (y < kMinYear || y > kMaxYear) return invalid(detail::period_year);
  if (quarter >= 0) {
    if (quarter < 1 || quarter > 4) return invalid(detail::period_quarter);
    return make_quarter(y, quarter);
  }
  if (month >= 0) {
    if (month < 1 || month > 12) return invalid(detail::period_month);
    return make_month(std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(month)});
  }
  if (week >= 0) {
    if (week < 1 || week > 53) return invalid(detail::period_week);
    if (week > iso_weeks_in(y)) return invalid(detail::period_week_53);
    return make_week(y, week);
  }
  return make_year(y);
}

// "FYYYYY" and "FYYYYY-Qn".
Result<Period> parse_fiscal(std::string_view s, unsigned fsm) {
  const int fy = digits(s, 2, 4);
  const bool whole_year = s.size() == 6;
  const bool quarter_form = s.size() == 9 && s[6] == '-' && is_letter(s[7], 'Q');
  const int q = quarter_form ? digits(s, 8, 1) : 0;
  if (fy < 0 || (!whole_year && !quarter_form) || q < 0) return invalid(kFormatHint);
  if (fy < kMinYear || fy > kMaxYear) return invalid(detail::period_year);
  if (whole_year) return make_fiscal_year(fy, fsm);
  if (q < 1 || q > 4) return invalid(detail::period_quarter);
  return make_fiscal_quarter(fy, q, fsm);
}

}  // namespace

Result<Period> parse_period(std::string_view text, int fiscal_start_month) {
  const unsigned fsm = fiscal_month(fiscal_start_month);
  if (const std::size_t dots = text.find(".."); dots != std::string_view::npos) {
    return parse_range(text, dots);
  }
  if (text.size() >= 2 && is_letter(text[0], 'F') && is_letter(text[1], 'Y')) {
    return parse_fiscal(text, fsm);
  }
  return parse_calendar(text);
}

Period period_containing(PeriodKind kind, LocalDate day, int fiscal_start_month) {
  const unsigned fsm = fiscal_month(fiscal_start_month);
  const year_month_day ymd = day.ymd();
  switch (kind) {
    case PeriodKind::day:
      return make_day(day);
    case PeriodKind::week: {
      const IsoWeek w = iso_week_of(day);
      return make_week(w.year, w.week);
    }
    case PeriodKind::month:
      return make_month(ymd.year() / ymd.month());
    case PeriodKind::quarter:
      return make_quarter(year_of(ymd),
                          (static_cast<int>(static_cast<unsigned>(ymd.month())) - 1) / 3 + 1);
    case PeriodKind::fiscal_quarter: {
      const auto [fy, month_index] = fiscal_position(ymd, fsm);
      return make_fiscal_quarter(fy, month_index / 3 + 1, fsm);
    }
    case PeriodKind::year:
      return make_year(year_of(ymd));
    case PeriodKind::fiscal_year:
      return make_fiscal_year(fiscal_position(ymd, fsm).first, fsm);
    case PeriodKind::range:
      break;
  }
  return make_range(day, day);
}

Period previous_period(const Period& p, int fiscal_start_month) {
  if (p.kind == PeriodKind::range) {
    return make_range(p.start - days{p.days()}, p.start - days{1});
  }
  // From the whole period, so a period clipped by periods_within still steps back a full one.
  const Period whole = period_containing(p.kind, p.start, fiscal_start_month);
  return period_containing(p.kind, whole.start - days{1}, fiscal_start_month);
}

Period same_period_last_year(const Period& p, int fiscal_start_month) {
  switch (p.kind) {
    case PeriodKind::day:
      return make_day(year_earlier(p.start));
    case PeriodKind::week: {
      const IsoWeek w = iso_week_of(p.start);
      return make_week(w.year - 1, std::min(w.week, iso_weeks_in(w.year - 1)));
    }
    case PeriodKind::range:
      return make_range(year_earlier(p.start), year_earlier(p.end - days{1}));
    case PeriodKind::month:
    case PeriodKind::quarter:
    case PeriodKind::fiscal_quarter:
    case PeriodKind::year:
    case PeriodKind::fiscal_year:
      break;
  }
  // These start on the first of a month, so a year earlier is the same kind of period.
  const year_month_day ymd = p.start.ymd();
  return period_containing(p.kind, LocalDate{(ymd.year() - years{1}) / ymd.month() / 1},
                           fiscal_start_month);
}

std::vector<Period> periods_within(PeriodKind kind, const Period& outer, int fiscal_start_month) {
  if (kind == PeriodKind::range) return {outer};
  std::vector<Period> out;
  for (LocalDate d = outer.start; d < outer.end;) {
    Period p = period_containing(kind, d, fiscal_start_month);
    d = p.end;
    p.start = std::max(p.start, outer.start);
    p.end = std::min(p.end, outer.end);
    out.push_back(std::move(p));
  }
  return out;
}

namespace {
constexpr std::pair<std::string_view, PeriodKind> kKindNames[] = {
    {"day", PeriodKind::day},
    {"week", PeriodKind::week},
    {"month", PeriodKind::month},
    {"quarter", PeriodKind::quarter},
    {"fiscal_quarter", PeriodKind::fiscal_quarter},
    {"year", PeriodKind::year},
    {"fiscal_year", PeriodKind::fiscal_year},
    {"range", PeriodKind::range},
};
}  // namespace

std::optional<PeriodKind> parse_period_kind(std::string_view text) {
  for (const auto& [name, kind] : kKindNames) {
    if (text == name && kind != PeriodKind::range) return kind;
  }
  return std::nullopt;
}

std::string_view period_kind_name(PeriodKind kind) {
  for (const auto& [name, k] : kKindNames) {
    if (k == kind) return name;
  }
  return "";
}

LocalDate add_months(LocalDate d, int n) {
  const year_month_day ymd = d.ymd();
  const year_month ym = year_month{ymd.year(), ymd.month()} + months{n};
  const auto last =
      std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
  return LocalDate{year_month_day{ym.year(), ym.month(), std::min(ymd.day(), last)}};
}

LocalDate month_start(LocalDate d) {
  const year_month_day ymd = d.ymd();
  return first_of(year_month{ymd.year(), ymd.month()});
}

int working_days(LocalDate start, LocalDate end, const std::vector<LocalDate>& holidays) {
  if (end <= start) return 0;
  const auto total = (end - start).count();
  // Whole weeks hold five weekdays each; walk the remaining 0..6 days.
  auto count = total / 7 * 5;
  for (LocalDate d = start + days{total / 7 * 7}; d < end; d += days{1}) {
    if (d.weekday().iso_encoding() <= 5) ++count;
  }
  const auto first = std::lower_bound(holidays.begin(), holidays.end(), start);
  const auto last = std::lower_bound(first, holidays.end(), end);
  for (auto it = first; it != last; ++it) {
    if (it != first && *it == *(it - 1)) continue;  // a holiday listed twice is one day off
    if (it->weekday().iso_encoding() <= 5) --count;
  }
  return static_cast<int>(count);
}

}  // namespace fupan
