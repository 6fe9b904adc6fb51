#include "domain/phone.h"

#include <string>

namespace fupan {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Splits off an extension: "021-68888888 转 123" → main part and "123".
std::string_view split_extension(std::string_view text, std::string_view& extension) {
  for (std::string_view mark :
       {std::string_view("转"), std::string_view("ext."), std::string_view("ext"),
        std::string_view("EXT"), std::string_view("x"), std::string_view("X"),
        std::string_view("#")}) {
    const std::size_t at = text.find(mark);
    if (at == std::string_view::npos) continue;
    extension = text.substr(at + mark.size());
    return text.substr(0, at);
  }
  extension = {};
  return text;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

bool is_phone_number(std::string_view text) {
  std::string_view extension;
  std::string_view main = trim(split_extension(trim(text), extension));
  extension = trim(extension);
  if (!extension.empty() || text.size() != main.size()) {
    if (extension.empty() || extension.size() > 6) return false;
    for (char c : extension) {
      if (!is_digit(c)) return false;
    }
  }
  if (main.empty()) return false;
  const bool plus = main.front() == '+';
  if (plus) main.remove_prefix(1);
  std::string digits;
  int open = 0;
  for (char c : main) {
    if (is_digit(c)) {
      digits += c;
    } else if (c == '(') {
      if (open++ > 0) return false;
    } else if (c == ')') {
      if (open-- != 1) return false;
    } else if (c != ' ' && c != '-' && c != '.') {
      return false;
    }
  }
  if (open != 0 || digits.size() < 7 || digits.size() > 15) return false;
  // A Chinese mobile: 1[3-9] and nine more digits (after +86 when written with it).
  std::string_view national = digits;
  if (plus && national.substr(0, 2) == "86") national.remove_prefix(2);
  if (national.size() == 11 && national.front() == '1' &&
      (national[1] < '3' || national[1] > '9')) {
    return false;
  }
  return true;
}

}  // namespace fupan
