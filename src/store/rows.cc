#include <charconv>

#include "store/database.h"

namespace fupan::store {
namespace {

struct ToI64 {
  std::int64_t operator()(std::monostate) const { return 0; }
  std::int64_t operator()(std::int64_t v) const { return v; }
  std::int64_t operator()(double v) const { return static_cast<std::int64_t>(v); }
  std::int64_t operator()(const std::string& s) const {
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
  }
};

struct ToStr {
  std::string operator()(std::monostate) const { return {}; }
  std::string operator()(std::int64_t v) const { return std::to_string(v); }
  std::string operator()(double v) const { return std::to_string(v); }
  std::string operator()(const std::string& s) const { return s; }
};

}  // namespace

bool Rows::is_null(std::size_t r, std::size_t c) const {
  return std::holds_alternative<std::monostate>(rows_.at(r).at(c));
}

std::int64_t Rows::i64(std::size_t r, std::size_t c) const {
  return std::visit(ToI64{}, rows_.at(r).at(c));
}

std::optional<std::int64_t> Rows::opt_i64(std::size_t r, std::size_t c) const {
  if (is_null(r, c)) return std::nullopt;
  return i64(r, c);
}

double Rows::f64(std::size_t r, std::size_t c) const {
  const Value& v = rows_.at(r).at(c);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::string Rows::str(std::size_t r, std::size_t c) const {
  return std::visit(ToStr{}, rows_.at(r).at(c));
}

std::optional<std::string> Rows::opt_str(std::size_t r, std::size_t c) const {
  if (is_null(r, c)) return std::nullopt;
  return str(r, c);
}

}  // namespace fupan::store
