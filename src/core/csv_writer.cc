#include "core/csv_writer.h"

namespace fupan {
namespace {

bool needs_quotes(std::string_view f) {
  if (f.empty()) return false;
  if (f.front() == ' ' || f.back() == ' ') return true;
  return f.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

CsvWriter::CsvWriter() : text_("\xEF\xBB\xBF") {}

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text_ += ',';
    const std::string& f = fields[i];
    if (!needs_quotes(f)) {
      text_ += f;
      continue;
    }
    text_ += '"';
    for (char c : f) {
      if (c == '"') text_ += '"';
      text_ += c;
    }
    text_ += '"';
  }
  text_ += "\r\n";
}

}  // namespace fupan
