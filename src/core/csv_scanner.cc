#include "core/csv_scanner.h"

#include <cstring>

namespace fupan {

void CsvScanner::skip_to_line_end() {
  while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
}

bool CsvScanner::read_record() {
  spans_.clear();
  unescaped_.clear();
  problem_ = Problem::none;
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  const char* data = text_.data();
  const std::size_t n = text_.size();
  for (;;) {
    // One field starts at pos_.
    if (pos_ < n && data[pos_] == '"') {
      const std::size_t start_line = line_;
      std::size_t i = pos_ + 1;
      const std::size_t begin = i;
      bool doubled = false;
      bool closed = false;
      while (i < n) {
        const char* q = static_cast<const char*>(std::memchr(data + i, '"', n - i));
        const std::size_t stop = q ? static_cast<std::size_t>(q - data) : n;
        for (const char* p = data + i; p < data + stop; ++p) line_ += *p == '\n';
        i = stop;
        if (i >= n) break;
        if (i + 1 < n && data[i + 1] == '"') {
          doubled = true;
          i += 2;
          continue;
        }
        closed = true;
        break;
      }
      if (!closed) {
        problem_ = Problem::unclosed_quote;
        problem_line_ = start_line;
        finished_ = true;
        pos_ = n;
        return true;
      }
      if (doubled) {
        const std::size_t at = unescaped_.size();
        for (std::size_t k = begin; k < i; ++k) {
          unescaped_ += data[k];
          if (data[k] == '"') ++k;  // "" stands for one quote
        }
        spans_.push_back({at, unescaped_.size() - at, true});
      } else {
        spans_.push_back({begin, i - begin, false});
      }
      pos_ = i + 1;  // past the closing quote
      if (pos_ < n && data[pos_] != ',' && data[pos_] != '\n' && data[pos_] != '\r') {
        problem_ = Problem::text_after_quote;
        problem_line_ = line_;
        skip_to_line_end();
      }
    } else {
      const std::size_t begin = pos_;
      while (pos_ < n && data[pos_] != ',' && data[pos_] != '\n' && data[pos_] != '\r') ++pos_;
      spans_.push_back({begin, pos_ - begin, false});
    }
    if (pos_ >= n) return true;
    const char c = data[pos_];
    if (c == ',') {
      ++pos_;
      if (pos_ >= n) {  // a trailing comma ends the text: one more empty field
        spans_.push_back({pos_, 0, false});
        return true;
      }
      continue;
    }
    // A line end: CRLF, LF or a lone CR.
    pos_ += (c == '\r' && pos_ + 1 < n && data[pos_ + 1] == '\n') ? 2 : 1;
    ++line_;
    return true;
  }
}

bool CsvScanner::next() {
  for (;;) {
    if (finished_ || !read_record()) {
      views_.clear();
      return false;
    }
    const bool blank = spans_.size() == 1 && spans_[0].size == 0 && problem_ == Problem::none;
    if (blank) continue;
    views_.clear();
    for (const Span& s : spans_) {
      views_.emplace_back((s.own ? unescaped_.data() : text_.data()) + s.begin, s.size);
    }
    return true;
  }
}

}  // namespace fupan
