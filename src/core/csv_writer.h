// Writes CSV as Excel in China opens it: UTF-8 with a byte-order mark (without one Excel reads
// the bytes as GBK and shows 乱码), CRLF line ends, a field quoted when it holds a comma, a quote,
// a line break or leading/trailing spaces, quotes doubled (RFC 4180).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fupan {

class CsvWriter {
 public:
  CsvWriter();
  void row(const std::vector<std::string>& fields);
  std::string finish() && { return std::move(text_); }

 private:
  std::string text_;
};

}  // namespace fupan
