#include "core/csv_reader.h"

namespace fupan {

Result<std::vector<CsvRow>> parse_csv(std::string_view text) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  std::size_t line = 1;
  std::size_t i = 0;
  bool row_started = false;

  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
  };
  auto end_row = [&] {
    end_field();
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow{};
    row_started = false;
  };

  while (i < text.size()) {
    if (!row_started) {
      row.line = line;
      row_started = true;
    }
    const char c = text[i];
    if (c == '"' && field.empty()) {
      // A quoted field: up to the closing quote, "" stands for one quote.
      const std::size_t start_line = line;
      ++i;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      if (!closed) {
        return Error::invalid(
            "file", "line " + std::to_string(start_line) + ": a quoted field is never closed");
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        return Error::invalid("file",
                              "line " + std::to_string(line) + ": text after a closing quote");
      }
      if (i < text.size() && text[i] == ',') {
        end_field();
        ++i;
      }
      continue;
    }
    if (c == ',') {
      end_field();
      ++i;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      end_row();
      ++line;
      i += 2;
    } else if (c == '\n' || c == '\r') {
      end_row();
      ++line;
      ++i;
    } else {
      field += c;
      ++i;
    }
  }
  if (row_started) end_row();
  return rows;
}

}  // namespace fupan
