#include "domain/org_validation.h"

#include "core/text_encoding.h"

namespace fupan {

std::size_t utf8_length(std::string_view s) {
  if (!is_valid_utf8(s)) return std::string_view::npos;
  std::size_t count = 0;
  for (char c : s)
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // skip continuation bytes
  return count;
}

Status validate_username(std::string_view u) {
  if (u.size() < 2 || u.size() > 64) return Error::invalid("username", detail::length_range(2, 64));
  for (std::size_t i = 0; i < u.size(); ++i) {
    char c = u[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
      return Error::invalid("username", detail::username_chars);
    }
  }
  return {};
}

Status validate_name(std::string_view field, std::string_view value, std::size_t max_chars) {
  std::size_t n = utf8_length(value);
  if (n == std::string_view::npos) return Error::invalid(std::string(field), detail::utf8);
  if (value.find_first_not_of(" \t") == std::string_view::npos)
    return Error::invalid(std::string(field), detail::blank);
  if (n > max_chars)
    return Error::invalid(std::string(field),
                          detail::at_most_chars(static_cast<std::int64_t>(max_chars)));
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20)
      return Error::invalid(std::string(field), detail::control_characters);
  }
  return {};
}

Status validate_email(std::string_view e) {
  if (e.empty()) return {};
  auto at = e.find('@');
  if (e.size() > 254 || at == std::string_view::npos || at == 0 ||
      e.find('@', at + 1) != std::string_view::npos || e.find('.', at) == std::string_view::npos ||
      e.back() == '.' || e.find(' ') != std::string_view::npos) {
    return Error::invalid("email", detail::email);
  }
  return {};
}

Status validate_phone(std::string_view p) {
  if (p.empty()) return {};
  if (p.size() < 5 || p.size() > 32) return Error::invalid("phone", detail::length_range(5, 32));
  for (char c : p) {
    if (!((c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')')) {
      return Error::invalid("phone", detail::phone_chars);
    }
  }
  return {};
}

Status validate_password(std::string_view field, std::string_view pw) {
  if (pw.size() < 8) return Error::invalid(std::string(field), detail::at_least_chars(8));
  if (pw.size() > 256) return Error::invalid(std::string(field), detail::at_most_chars(256));
  return {};
}

}  // namespace fupan
