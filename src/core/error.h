// Errors as values: the stable error codes of the API and a Result<T> that carries either a value
// or an Error. HTTP status and client messages are mapped in one place (error.cc,
// http/json_io.cc); an error's detail is a code with parameters (error_detail.h), its text in the
// catalogues (error_catalogue.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/error_catalogue.h"
#include "core/error_detail.h"

namespace fupan {

enum class ErrorCode {
  invalid_json,
  missing_field,
  invalid_field,
  unknown_field,
  invalid_query,
  unauthenticated,
  login_failed,
  csrf_failed,
  forbidden,
  not_found,
  method_not_allowed,
  version_conflict,
  already_exists,
  in_use,
  payload_too_large,
  unsupported_media_type,
  rate_limited,
  confirmation_required,  // the change has consequences the caller must confirm (confirm: true)
  internal,
};

// Returns the stable snake_case name the API uses for `code`.
std::string_view error_code_name(ErrorCode code);
// Returns the HTTP status for `code`; the only place this mapping lives.
int http_status(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string field;  // the input field at fault, empty when none
  Detail detail;      // what is wrong, e.g. detail::length_range(1, 64); none when nothing to add
  std::optional<std::int64_t> current_version;  // for version_conflict
  std::optional<std::int64_t> affected;         // for confirmation_required: how many records

  static Error missing(std::string field) {
    return {ErrorCode::missing_field, std::move(field), {}, {}};
  }
  static Error invalid(std::string field, Detail detail = {}) {
    return {ErrorCode::invalid_field, std::move(field), std::move(detail), {}};
  }
  static Error not_found() { return {ErrorCode::not_found, {}, {}, {}}; }
  static Error forbidden() { return {ErrorCode::forbidden, {}, {}, {}}; }
  static Error conflict(std::int64_t current) {
    return {ErrorCode::version_conflict, {}, {}, current};
  }
  static Error exists(std::string field) {
    return {ErrorCode::already_exists, std::move(field), {}, {}};
  }
  static Error of(ErrorCode code, Detail detail = {}) { return {code, {}, std::move(detail), {}}; }
};

// Either a T or an Error. Check with ok() before value().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// A Result with no value.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

}  // namespace fupan

// Returns early from the enclosing function with the error of `expr` when it failed.
#define FUPAN_TRY(expr)                                           \
  do {                                                            \
    if (auto fupan_try_status_ = (expr); !fupan_try_status_.ok()) \
      return fupan_try_status_.error();                           \
  } while (0)

// Declares (or assigns) `lhs` from the value of the Result `...`, or returns its error from the
// enclosing function: FUPAN_ASSIGN_OR_RETURN(auto user, find_user(id)); (`lhs` has no comma: no
// structured bindings).
#define FUPAN_ASSIGN_OR_RETURN(lhs, ...) \
  FUPAN_ASSIGN_OR_RETURN_(FUPAN_CONCAT_(fupan_result_, __LINE__), lhs, __VA_ARGS__)
#define FUPAN_ASSIGN_OR_RETURN_(result, lhs, ...) \
  auto result = (__VA_ARGS__);                    \
  if (!result.ok()) return result.error();        \
  lhs = std::move(result).value()
#define FUPAN_CONCAT_(a, b) FUPAN_CONCAT_INNER_(a, b)
#define FUPAN_CONCAT_INNER_(a, b) a##b
