#include "domain/dedupe.h"

#include <span>

namespace fupan {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Returns `text` with U+FF01..U+FF5E mapped to ASCII and U+3000 to a space; other bytes, valid
// UTF-8 or not, are copied unchanged.
std::string to_half_width(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if ((b0 == 0xEF || b0 == 0xE3) && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
        const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
          out += static_cast<char>(cp - 0xFF01 + 0x21);
          i += 2;
          continue;
        }
        if (cp == 0x3000) {
          out += ' ';
          i += 2;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

// Drops trailing spaces, commas and dots: the punctuation between and after English suffixes.
void trim_trailing_punctuation(std::string& s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '.')) s.pop_back();
}

// Drops one company suffix from the end of `s` (lower-cased, trimmed) unless nothing would remain;
// returns whether it did. English suffixes must be whole words.
bool drop_suffix(std::string& s, std::span<const std::string_view> suffixes, bool whole_word) {
  for (std::string_view suffix : suffixes) {
    if (s.size() > suffix.size() && std::string_view(s).ends_with(suffix) &&
        (!whole_word || !is_ascii_alnum(s[s.size() - suffix.size() - 1]))) {
      s.resize(s.size() - suffix.size());
      return true;
    }
  }
  return false;
}

}  // namespace

std::string normalize_customer_name(std::string_view name) {
  const std::string half = to_half_width(name);
  std::string out;
  out.reserve(half.size());
  bool pending_space = false;
  for (char c : half) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  // English suffixes come in runs ("Co., Ltd."), so they drop repeatedly; a Chinese one drops once,
  // so that a branch (北京分公司有限公司) keeps its 分公司.
  static constexpr std::string_view kChinese[] = {"股份有限公司", "有限责任公司", "有限公司",
                                                  "公司"};
  static constexpr std::string_view kEnglish[] = {"co", "ltd", "limited", "inc", "llc"};
  bool chinese_dropped = false;
  for (;;) {
    std::string shorter = out;
    trim_trailing_punctuation(shorter);
    if (!drop_suffix(shorter, kEnglish, true)) {
      if (chinese_dropped || !drop_suffix(shorter, kChinese, false)) break;
      chinese_dropped = true;
    }
    trim_trailing_punctuation(shorter);
    if (shorter.empty()) break;
    out = std::move(shorter);
  }
  return out;
}

std::string normalize_phone(std::string_view phone) {
  std::string digits;
  const std::string half = to_half_width(phone);
  for (char c : half)
    if (c >= '0' && c <= '9') digits += c;
  if (digits.size() < 5) return "";
  if (digits.size() == 15 && digits.starts_with("0086")) return digits.substr(4);
  if (digits.size() == 13 && digits.starts_with("86")) return digits.substr(2);
  return digits;
}

}  // namespace fupan
