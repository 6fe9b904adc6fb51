#include "core/error.h"

namespace fupan {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_json:
      return "invalid_json";
    case ErrorCode::missing_field:
      return "missing_field";
    case ErrorCode::invalid_field:
      return "invalid_field";
    case ErrorCode::unknown_field:
      return "unknown_field";
    case ErrorCode::invalid_query:
      return "invalid_query";
    case ErrorCode::unauthenticated:
      return "unauthenticated";
    case ErrorCode::login_failed:
      return "login_failed";
    case ErrorCode::csrf_failed:
      return "csrf_failed";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::method_not_allowed:
      return "method_not_allowed";
    case ErrorCode::version_conflict:
      return "version_conflict";
    case ErrorCode::already_exists:
      return "already_exists";
    case ErrorCode::in_use:
      return "in_use";
    case ErrorCode::payload_too_large:
      return "payload_too_large";
    case ErrorCode::unsupported_media_type:
      return "unsupported_media_type";
    case ErrorCode::rate_limited:
      return "rate_limited";
    case ErrorCode::confirmation_required:
      return "confirmation_required";
    case ErrorCode::internal:
      return "internal";
  }
  return "internal";
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_json:
    case ErrorCode::missing_field:
    case ErrorCode::invalid_field:
    case ErrorCode::unknown_field:
    case ErrorCode::invalid_query:
      return 400;
    case ErrorCode::unauthenticated:
    case ErrorCode::login_failed:
      return 401;
    case ErrorCode::csrf_failed:
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::method_not_allowed:
      return 405;
    case ErrorCode::version_conflict:
    case ErrorCode::already_exists:
    case ErrorCode::in_use:
    case ErrorCode::confirmation_required:
      return 409;
    case ErrorCode::payload_too_large:
      return 413;
    case ErrorCode::unsupported_media_type:
      return 415;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

}  // namespace fupan
