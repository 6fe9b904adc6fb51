#include "core/table_reader.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "core/text_encoding.h"
#include "core/xlsx_reader.h"

namespace fupan {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0";  // Excel 97-2003 .xls

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// True when more lines with non-ASCII bytes are valid UTF-8 than not: a UTF-8 file with a few
// damaged lines. (GBK text is rarely valid UTF-8 by chance, line after line.)
bool mostly_utf8(std::string_view text) {
  std::size_t good = 0, bad = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    if (has_non_ascii(line)) ++(is_valid_utf8(line) ? good : bad);
    pos = end + 1;
  }
  return good > bad;
}

bool is_blank(std::string_view field) {
  return field.find_first_not_of(" \t") == std::string_view::npos;
}

std::size_t count_lines(std::string_view text) {
  std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines;
}

TableRow::Problem problem_of(CsvScanner::Problem p) {
  switch (p) {
    case CsvScanner::Problem::text_after_quote:
      return TableRow::Problem::text_after_quote;
    case CsvScanner::Problem::unclosed_quote:
      return TableRow::Problem::unclosed_quote;
    case CsvScanner::Problem::none:
      break;
  }
  return TableRow::Problem::none;
}

}  // namespace

Result<TableReader> TableReader::open(std::string_view bytes) {
  TableReader r;
  if (bytes.starts_with(kZipMagic)) {
    auto rows = read_xlsx(bytes);
    if (!rows.ok()) return rows.error();
    r.format_ = TableFormat::xlsx;
    r.sheet_ = std::move(*rows);
    r.estimated_rows_ = r.sheet_.size();
    return r;
  }
  if (bytes.starts_with(kOleMagic)) return Error::invalid("file", detail::xls_file);
  std::string_view text = bytes.starts_with(kUtf8Bom) ? bytes.substr(kUtf8Bom.size()) : bytes;
  if (std::memchr(text.data(), '\0', text.size()) != nullptr)
    return Error::invalid("file", detail::not_a_table_file);
  if (!is_valid_utf8(text)) {
    if (mostly_utf8(text)) {
      r.check_utf8_ = true;
    } else if (auto converted = to_utf8(text, TextEncoding::gb18030)) {
      r.format_ = TableFormat::csv_gb18030;
      r.text_ = std::make_unique<std::string>(std::move(*converted));
      text = *r.text_;
    } else {
      return Error::invalid("file", detail::not_utf8_or_gbk);
    }
  }
  r.estimated_rows_ = count_lines(text);
  r.csv_ = std::make_unique<CsvScanner>(text);
  return r;
}

Result<TableReader> TableReader::open_every_sheet(std::string_view bytes) {
  if (!bytes.starts_with(kZipMagic)) return open(bytes);
  auto sheets = read_xlsx_sheets(bytes);
  if (!sheets.ok()) return sheets.error();
  TableReader r;
  r.format_ = TableFormat::xlsx;
  std::optional<std::vector<std::string>> header;  // the first sheet's first row
  for (XlsxSheet& s : *sheets) {
    auto rows = s.rows.begin();
    if (!header) {
      if (!s.rows.empty()) header = s.rows.front().fields;
    } else if (!s.rows.empty()) {
      if (s.rows.front().fields != *header)
        return Error::invalid("file", detail::sheet_header(s.name));
      ++rows;
    }
    r.sheet_names_.push_back(std::move(s.name));
    r.sheet_starts_.push_back(r.sheet_.size());
    r.sheet_.insert(r.sheet_.end(), std::make_move_iterator(rows),
                    std::make_move_iterator(s.rows.end()));
  }
  r.estimated_rows_ = r.sheet_.size();
  return r;
}

bool TableReader::next(TableRow& row) {
  row.problem = TableRow::Problem::none;
  if (csv_) {
    // Excel leaves rows of empty cells (",,,") below the data: blank too.
    do {
      if (!csv_->next()) return false;
    } while (csv_->problem() == CsvScanner::Problem::none &&
             std::all_of(csv_->fields().begin(), csv_->fields().end(), is_blank));
    row.line = csv_->line();
    row.fields = csv_->fields();
    row.problem = problem_of(csv_->problem());
    if (check_utf8_ && row.problem == TableRow::Problem::none &&
        std::any_of(row.fields.begin(), row.fields.end(),
                    [](std::string_view f) { return !is_valid_utf8(f); })) {
      row.problem = TableRow::Problem::not_utf8;
    }
    return true;
  }
  if (sheet_next_ >= sheet_.size()) return false;
  while (sheet_index_ + 1 < sheet_starts_.size() && sheet_starts_[sheet_index_ + 1] <= sheet_next_)
    ++sheet_index_;
  row.sheet = sheet_names_.empty() ? std::string_view() : sheet_names_[sheet_index_];
  const CsvRow& source = sheet_[sheet_next_++];
  views_.assign(source.fields.begin(), source.fields.end());
  row.line = source.line;
  row.fields = views_;
  return true;
}

}  // namespace fupan
