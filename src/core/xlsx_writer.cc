#include "core/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

#include "core/text_encoding.h"
#include "core/time.h"

namespace fupan {
namespace {

constexpr std::size_t kMaxSheetName = 31;
constexpr std::size_t kMaxStringChars = 32'767;
constexpr std::uint32_t kMaxRows = 1'048'576;
constexpr std::size_t kMaxColumns = 16'384;
constexpr std::int64_t kMaxExactInteger = 999'999'999'999'999;  // Excel keeps 15 digits
// Column widths are guessed from this many rows, in Excel's units (width of "0").
constexpr std::uint32_t kWidthSampleRows = 200;
constexpr double kDefaultWidth = 8.43;
constexpr double kMaxWidth = 60;

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

// Returns `text` as valid UTF-8 of at most `max_chars` code points, each bad byte as U+FFFD.
std::string clean_utf8(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(text.size(), max_chars * 4));
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size() && chars < max_chars; ++chars) {
    const std::size_t length = utf8_sequence_length(static_cast<unsigned char>(text[i]));
    const auto sequence = text.substr(i, length);
    if (sequence.size() == length && is_valid_utf8(sequence)) {
      out += sequence;
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// Returns the width `text` takes in a cell: East Asian characters count twice.
double display_width(std::string_view text) {
  double width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(lead);
    width += length >= 3 && lead >= 0xE2 ? 2 : 1;  // U+2000 and up: CJK, full-width forms
    i += length;
  }
  return width;
}

std::string sheet_name_for_excel(std::string_view name) {
  std::string out = clean_utf8(name, kMaxSheetName);
  for (char& c : out) {
    if (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\') c = '_';
  }
  if (!out.empty() && out.front() == '\'') out.front() = '_';
  if (!out.empty() && out.back() == '\'') out.back() = '_';
  return out.empty() ? "Sheet1" : out;
}

lxw_format* number_format(lxw_workbook* workbook, const char* code) {
  lxw_format* format = workbook_add_format(workbook);
  if (format != nullptr) format_set_num_format(format, code);
  return format;
}

}  // namespace

// cppcheck-suppress passedByValue  ; the declared interface takes the name by value
XlsxWriter::XlsxWriter(std::string sheet_name) {
  std::error_code error;
  std::filesystem::path dir = std::filesystem::temp_directory_path(error);
  if (error) dir = "/tmp";
  std::string path = (dir / "fupan-xlsx-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return;
  ::close(fd);
  path_ = path;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  workbook_ = workbook_new_opt(path_.c_str(), &options);
  if (workbook_ == nullptr) return;
  const std::string name = sheet_name_for_excel(sheet_name);
  const bool valid = workbook_validate_sheet_name(workbook_, name.c_str()) == LXW_NO_ERROR;
  sheet_ = workbook_add_worksheet(workbook_, valid ? name.c_str() : nullptr);
  bold_ = workbook_add_format(workbook_);
  if (bold_ != nullptr) format_set_bold(bold_);
  money_ = number_format(workbook_, "#,##0.00");
  date_ = number_format(workbook_, "yyyy-mm-dd");
  datetime_ = number_format(workbook_, "yyyy-mm-dd hh:mm:ss");
}

XlsxWriter::~XlsxWriter() {
  // Closing writes the file (and closes libxlsxwriter's own temporary files) before it is removed.
  if (workbook_ != nullptr) workbook_close(workbook_);
  if (!path_.empty()) ::unlink(path_.c_str());
}

bool XlsxWriter::writable() const {
  return sheet_ != nullptr && row_ < kMaxRows && column_ < kMaxColumns;
}

void XlsxWriter::note_width(double width) {
  if (row_ >= kWidthSampleRows || column_ >= kMaxColumns) return;
  if (widths_.size() <= column_) widths_.resize(column_ + 1, 0);
  widths_[column_] = std::max(widths_[column_], width);
}

void XlsxWriter::next_cell() {
  ++column_;
}

void XlsxWriter::header(const std::vector<std::string>& names) {
  for (const auto& name : names) {
    if (writable()) {
      const std::string clean = clean_utf8(name, kMaxStringChars);
      worksheet_write_string(sheet_, row_, static_cast<lxw_col_t>(column_), clean.c_str(), bold_);
      note_width(display_width(clean) * 1.1);  // bold is wider
    }
    next_cell();
  }
  if (sheet_ != nullptr && row_ == 0) worksheet_freeze_panes(sheet_, 1, 0);
  end_row();
}

void XlsxWriter::text(std::string_view value) {
  if (writable() && !value.empty()) {
    const std::string clean = clean_utf8(value, kMaxStringChars);
    worksheet_write_string(sheet_, row_, static_cast<lxw_col_t>(column_), clean.c_str(), nullptr);
    note_width(display_width(clean));
  }
  next_cell();
}

void XlsxWriter::integer(std::int64_t value) {
  if (value > kMaxExactInteger || value < -kMaxExactInteger) {
    text(std::to_string(value));
    return;
  }
  if (writable()) {
    worksheet_write_number(sheet_, row_, static_cast<lxw_col_t>(column_),
                           static_cast<double>(value), nullptr);
    note_width(static_cast<double>(std::to_string(value).size()));
  }
  next_cell();
}

void XlsxWriter::number(double value) {
  if (writable() && std::isfinite(value)) {
    worksheet_write_number(sheet_, row_, static_cast<lxw_col_t>(column_), value, nullptr);
    note_width(11);  // Excel's General format shows at most about 11 characters
  }
  next_cell();
}

void XlsxWriter::money_fen(std::int64_t fen) {
  if (writable()) {
    const double yuan = static_cast<double>(fen) / 100.0;
    worksheet_write_number(sheet_, row_, static_cast<lxw_col_t>(column_), yuan, money_);
    // digits, a comma per three, ".00" and a sign
    const double digits = std::floor(std::log10(std::max(std::fabs(yuan), 1.0))) + 1;
    note_width(digits + std::floor((digits - 1) / 3) + 4);
  }
  next_cell();
}

void XlsxWriter::date(std::string_view yyyy_mm_dd) {
  const auto day = parse_date(yyyy_mm_dd);
  const std::chrono::year_month_day ymd = day.value_or(LocalDate{}).ymd();
  const int year = static_cast<int>(ymd.year());
  if (!day || year < 1900 || year > 9999) {
    text(yyyy_mm_dd);
    return;
  }
  if (writable()) {
    lxw_datetime value{year,
                       static_cast<int>(static_cast<unsigned>(ymd.month())),
                       static_cast<int>(static_cast<unsigned>(ymd.day())),
                       0,
                       0,
                       0};
    worksheet_write_datetime(sheet_, row_, static_cast<lxw_col_t>(column_), &value, date_);
    note_width(10);
  }
  next_cell();
}

void XlsxWriter::datetime(std::int64_t unix_ms, int utc_offset_minutes) {
  namespace chrono = std::chrono;
  // Excel's range is years 1900..9999; beyond about ±292,000 years milliseconds would overflow.
  constexpr std::int64_t kLimitMs = std::int64_t{300'000} * 366 * 86'400'000;
  const std::int64_t offset_ms = std::int64_t{utc_offset_minutes} * 60'000;
  if (writable() && unix_ms > -kLimitMs && unix_ms < kLimitMs && offset_ms > -kLimitMs &&
      offset_ms < kLimitMs) {
    const chrono::sys_time<chrono::milliseconds> local{chrono::milliseconds{unix_ms + offset_ms}};
    const auto day = chrono::floor<chrono::days>(local);
    const chrono::year_month_day ymd{day};
    const chrono::hh_mm_ss time{local - day};
    const int year = static_cast<int>(ymd.year());
    if (year >= 1900 && year <= 9999) {
      lxw_datetime value{year,
                         static_cast<int>(static_cast<unsigned>(ymd.month())),
                         static_cast<int>(static_cast<unsigned>(ymd.day())),
                         static_cast<int>(time.hours().count()),
                         static_cast<int>(time.minutes().count()),
                         static_cast<double>(time.seconds().count()) +
                             static_cast<double>(time.subseconds().count()) / 1000.0};
      worksheet_write_datetime(sheet_, row_, static_cast<lxw_col_t>(column_), &value, datetime_);
      note_width(19);
    }
  }
  next_cell();
}

void XlsxWriter::empty() {
  next_cell();
}

void XlsxWriter::end_row() {
  if (row_ < kMaxRows) ++row_;
  column_ = 0;
}

void XlsxWriter::set_widths() {
  if (sheet_ == nullptr) return;
  for (std::size_t c = 0; c < widths_.size(); ++c) {
    if (widths_[c] > kDefaultWidth) {
      const auto col = static_cast<lxw_col_t>(c);
      worksheet_set_column(sheet_, col, col, std::min(widths_[c] + 1, kMaxWidth), nullptr);
    }
  }
}

void XlsxWriter::add_sheet(const std::string& sheet_name) {
  if (workbook_ == nullptr) return;
  set_widths();
  const std::string name = sheet_name_for_excel(sheet_name);
  const bool valid = workbook_validate_sheet_name(workbook_, name.c_str()) == LXW_NO_ERROR;
  sheet_ = workbook_add_worksheet(workbook_, valid ? name.c_str() : nullptr);
  row_ = 0;
  column_ = 0;
  widths_.clear();
}

std::string XlsxWriter::finish() {
  if (workbook_ == nullptr) return {};
  set_widths();
  const lxw_error closed = workbook_close(workbook_);
  workbook_ = nullptr;
  sheet_ = nullptr;
  std::string bytes;
  if (closed == LXW_NO_ERROR) {
    std::ifstream in(path_, std::ios::binary);
    if (in) bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) bytes.clear();
  }
  ::unlink(path_.c_str());
  path_.clear();
  return bytes;
}

}  // namespace fupan
