// RFC 4180 CSV read one record at a time, for large imports: the same rules as parse_csv
// (csv_reader.h, which is built on it) without a copy of the text or an allocation per record.
// Fields are views into the text, or into the scanner's own buffer for a quoted field with doubled
// quotes.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fupan {

class CsvScanner {
 public:
  // What went wrong with a record.
  enum class Problem {
    none,
    text_after_quote,  // a character other than ',' or a line end after a closing quote
    unclosed_quote,    // a quoted field runs to the end of the text (ends the scan)
  };

  // Scans `text`, which must outlive the scanner.
  explicit CsvScanner(std::string_view text) : text_(text) {}
  CsvScanner(const CsvScanner&) = delete;
  CsvScanner& operator=(const CsvScanner&) = delete;

  // Reads the next record that is not blank; returns false at the end of the text. A record with
  // a problem is still returned (problem() says which; its fields are what could be read) and
  // the scan goes on at the next line, except after an unclosed quote.
  bool next();
  // The fields of the current record, valid until the next call to next().
  std::span<const std::string_view> fields() const { return views_; }
  // The 1-based line where the current record starts.
  std::size_t line() const { return record_line_; }
  Problem problem() const { return problem_; }
  // The line of the current record's problem.
  std::size_t problem_line() const { return problem_line_; }
  // How many bytes of the text have been read.
  std::size_t offset() const { return pos_; }

 private:
  // Where a field's characters are: in the text, or in unescaped_.
  struct Span {
    std::size_t begin, size;
    bool own;
  };
  // Reads one record into spans_; returns false at the end of the text.
  bool read_record();
  void skip_to_line_end();

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
  std::size_t problem_line_ = 0;
  Problem problem_ = Problem::none;
  bool finished_ = false;
  std::vector<Span> spans_;
  std::vector<std::string_view> views_;
  std::string unescaped_;  // quoted fields with doubled quotes, of the current record
};

}  // namespace fupan
