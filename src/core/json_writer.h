// A streaming JSON writer: appends straight to a string, no document in between. For responses
// on hot paths (lists); everything else may build a boost::json value.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/money.h"

namespace fupan {

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(4096); }
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // Writes `"name":`; the next call writes its value.
  JsonWriter& key(std::string_view name);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(bool b);
  // The shortest text that reads back as `d`; null for NaN and infinities (JSON has neither).
  void value(double d);
  template <std::integral I>
  requires(!std::same_as<I, bool>) void value(I n) {
    separate();
    out_ += std::to_string(n);
    need_comma_ = true;
  }
  // Money as its integer 分.
  void value(Fen fen) { value(fen.value()); }
  void null();
  // Writes `json`, which must already be valid JSON.
  void raw(std::string_view json);

  template <class T>
  void field(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

  const std::string& str() const& { return out_; }
  std::string str() && { return std::move(out_); }

 private:
  void separate() {
    if (need_comma_) out_ += ',';
  }
  void open(char c) {
    separate();
    out_ += c;
    need_comma_ = false;
  }
  void close(char c) {
    out_ += c;
    need_comma_ = true;
  }
  std::string out_;
  bool need_comma_ = false;
};

}  // namespace fupan
