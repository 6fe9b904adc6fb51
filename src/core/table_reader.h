// The rows of an uploaded table, one at a time, whatever its form: an Excel .xlsx workbook (its
// first sheet), or CSV in UTF-8 (with or without a byte-order mark) or in GB18030/GBK, which
// Excel in China writes. Imports read every file through it.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv_reader.h"
#include "core/csv_scanner.h"
#include "core/error.h"

namespace fupan {

enum class TableFormat { csv_utf8, csv_gb18030, xlsx };

// One row as read; the fields are valid until the next call to TableReader::next().
struct TableRow {
  enum class Problem {
    none,
    not_utf8,          // the bytes of this row are neither UTF-8 nor part of a GBK file
    text_after_quote,  // CSV: text after a closing quote (the rest of the line is dropped)
    unclosed_quote,    // CSV: a quoted field never ends (the last row of the file)
  };
  std::size_t line = 0;    // 1-based line (CSV) or row number (.xlsx)
  std::string_view sheet;  // every sheet read: the .xlsx sheet's name; else ""
  std::span<const std::string_view> fields;
  Problem problem = Problem::none;
};

class TableReader {
 public:
  // Opens `bytes`, which must outlive the reader. A file that is neither .xlsx nor text, a text
  // that is neither UTF-8 nor GB18030, or a damaged .xlsx is an invalid_field error on "file".
  // A mostly UTF-8 text with a few lines in other bytes stays UTF-8: those rows come with the
  // problem not_utf8.
  static Result<TableReader> open(std::string_view bytes);
  // The same, reading every sheet of an .xlsx one after the other (a workbook with a sheet per
  // level, say): each sheet after the first must start with the first's header row, which is
  // not read again (invalid_field on "file", sheet_header, when one does not).
  static Result<TableReader> open_every_sheet(std::string_view bytes);

  TableReader(TableReader&&) = default;
  TableReader& operator=(TableReader&&) = default;

  // Reads the next row that has a non-blank cell into `row`; returns false at the end.
  bool next(TableRow& row);
  TableFormat format() const { return format_; }
  // The number of rows, header included; for CSV an upper bound (the lines of the text).
  std::size_t estimated_rows() const { return estimated_rows_; }

 private:
  TableReader() = default;

  TableFormat format_ = TableFormat::csv_utf8;
  bool check_utf8_ = false;            // some lines are not UTF-8: check each row
  std::unique_ptr<std::string> text_;  // the text converted to UTF-8, when it was not
  std::unique_ptr<CsvScanner> csv_;
  std::vector<CsvRow> sheet_;  // the .xlsx rows
  std::size_t sheet_next_ = 0;
  std::vector<std::string> sheet_names_;   // every sheet read: their names
  std::vector<std::size_t> sheet_starts_;  // and the index of each one's first row
  std::size_t sheet_index_ = 0;
  std::vector<std::string_view> views_;
  std::size_t estimated_rows_ = 0;
};

}  // namespace fupan
