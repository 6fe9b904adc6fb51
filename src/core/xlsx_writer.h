// Writes an Excel .xlsx workbook, sheet after sheet and row by row, for exports. libxlsxwriter runs
// in constant-memory mode, so a million rows cost little memory (each row is flushed when the next
// starts); the file is built in a temporary file that finish() reads back and removes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace fupan {

class XlsxWriter {
 public:
  // Starts a workbook whose one sheet is named `sheet_name` (characters Excel forbids become "_",
  // cut to 31 characters, "Sheet1" when empty).
  explicit XlsxWriter(std::string sheet_name);
  // Removes the temporary file, also when finish() was not called.
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Starts another sheet after the current one (named as the first is); the cells written from
  // now on go to it.
  void add_sheet(const std::string& sheet_name);
  // Writes `names` as a bold row and freezes it above the rest; call it before any other cell
  // of the sheet.
  void header(const std::vector<std::string>& names);
  // Writes a string cell (invalid UTF-8 replaced by U+FFFD, cut to Excel's 32,767 characters).
  void text(std::string_view value);
  // Writes a number cell; beyond Excel's 15 digits of precision, a string cell of the digits.
  void integer(std::int64_t value);
  // Writes a number cell; NaN and infinities leave the cell empty.
  void number(double value);
  // Writes fen as a number of yuan with the format #,##0.00.
  void money_fen(std::int64_t fen);
  // Writes a date cell (format yyyy-mm-dd) from "YYYY-MM-DD"; a string cell when it is not a
  // real date in 1900..9999.
  void date(std::string_view yyyy_mm_dd);
  // Writes a date-time cell (format yyyy-mm-dd hh:mm:ss) of the instant `unix_ms` seen at UTC
  // offset `utc_offset_minutes`; empty outside 1900..9999.
  void datetime(std::int64_t unix_ms, int utc_offset_minutes);
  // Leaves the next cell empty.
  void empty();
  // Ends the current row. Rows past Excel's 1,048,576th and cells past column XFD are dropped.
  void end_row();

  // Returns the .xlsx bytes, or "" when the workbook could not be written (temporary file or
  // disk full) or finish() was called before. No cell may be written afterwards.
  std::string finish();

 private:
  bool writable() const;
  void note_width(double width);
  void set_widths();  // of the current sheet, from the widths noted
  void next_cell();

  std::string path_;  // the temporary file, "" once removed
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* money_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* datetime_ = nullptr;
  std::uint32_t row_ = 0;
  std::size_t column_ = 0;
  std::vector<double> widths_;  // estimated from the first rows, set as column widths at finish()
};

}  // namespace fupan
