#include "domain/field_values.h"

#include <date/tz.h>

#include "core/millionths.h"
#include "core/money.h"
#include "core/text_parse.h"
#include "domain/org_validation.h"
#include "domain/phone.h"

namespace fupan {
namespace {

bool is_tag_separator(std::string_view s, std::size_t i, std::size_t& len) {
  static constexpr std::string_view kSeps[] = {",", ";", "|", "，", "；", "、"};
  for (std::string_view sep : kSeps) {
    if (s.substr(i, sep.size()) == sep) {
      len = sep.size();
      return true;
    }
  }
  return false;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

std::string field_name(const Field& f) {
  return std::string(f.name);
}

}  // namespace

Result<FieldValue> tags_value(const Field& f, const std::vector<std::string>& tags) {
  std::string out;
  std::vector<std::string> seen;
  for (const std::string& raw : tags) {
    std::string t = trim(raw);
    if (t.empty()) continue;
    if (t.find(',') != std::string::npos)
      return Error::invalid(std::string(f.name), detail::tag_comma);
    if (utf8_length(t) > 32) return Error::invalid(std::string(f.name), detail::tag_too_long);
    if (std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
    seen.push_back(t);
    out += (out.empty() ? "" : ",") + t;
  }
  if (out.empty()) return FieldValue{};
  FieldValue v = out;
  FUPAN_TRY(check_value(f, v));
  return v;
}

Status check_value(const Field& f, const FieldValue& v) {
  if (std::holds_alternative<std::monostate>(v)) return {};
  const std::string name = field_name(f);
  switch (f.type) {
    case FieldType::integer:
    case FieldType::money: {
      const std::int64_t n = std::get<std::int64_t>(v);
      if (n < f.min) {
        if (f.min == 0) return Error::invalid(name, detail::not_negative);
        if (f.min == 1) return Error::invalid(name, detail::positive);
        return Error::invalid(name, detail::at_least(f.min));
      }
      if (n > f.max) return Error::invalid(name, detail::at_most(f.max));
      return {};
    }
    case FieldType::coordinate: {
      const std::int64_t n = std::get<std::int64_t>(v);
      if (n < f.min || n > f.max) {
        return Error::invalid(
            name, detail::degrees_range(format_millionths(f.min), format_millionths(f.max)));
      }
      return {};
    }
    case FieldType::text:
    case FieldType::tags: {
      const std::string& s = std::get<std::string>(v);
      const std::size_t length = utf8_length(s);  // npos unless UTF-8
      if (length == std::string::npos) return Error::invalid(name, detail::utf8);
      if (length > f.max_length)
        return Error::invalid(name, detail::at_most_chars(static_cast<std::int64_t>(f.max_length)));
      for (unsigned char c : s) {
        if (c < 0x20 && c != '\n' && c != '\t')
          return Error::invalid(name, detail::control_characters);
      }
      if (f.required && trim(s).empty()) return Error::invalid(name, detail::blank);
      if (f.phone && !is_phone_number(s)) return Error::invalid(name, detail::phone);
      return {};
    }
    case FieldType::choice: {
      const std::string& s = std::get<std::string>(v);
      for (const Choice& c : f.choices) {
        if (c.value == s) return {};
      }
      std::string list;
      for (const Choice& c : f.choices) list += (list.empty() ? "" : ", ") + std::string(c.value);
      return Error::invalid(name, detail::one_of(list));
    }
    case FieldType::ref:
      if (std::get<std::int64_t>(v) <= 0) return Error::invalid(name, detail::positive_id);
      return {};
    default:
      return {};
  }
}

Result<FieldValue> value_from_text(const Field& f, std::string_view raw,
                                   const date::time_zone* tz) {
  const std::string name = field_name(f);
  const std::string text = trim(raw);
  if (text.empty()) return FieldValue{};
  FieldValue out;
  switch (f.type) {
    case FieldType::text:
      out = text;
      break;
    case FieldType::choice: {
      const Choice* c = find_choice(f, text);
      if (!c) {
        std::string list;
        for (const Choice& ch : f.choices)
          list += (list.empty() ? "" : ", ") + std::string(ch.value);
        return Error::invalid(name, detail::one_of(list));
      }
      out = std::string(c->value);
      break;
    }
    case FieldType::integer:
    case FieldType::ref: {
      auto n = parse_int_text(text);
      if (!n) return Error::invalid(name, detail::integer);
      out = *n;
      break;
    }
    case FieldType::coordinate: {
      auto n = parse_millionths(text);
      if (!n) return Error::invalid(name, detail::cell_degrees);
      out = *n;
      break;
    }
    case FieldType::money: {
      auto fen = parse_yuan(text, name);
      if (!fen.ok()) return fen.error();
      out = fen->value();
      break;
    }
    case FieldType::boolean: {
      auto b = parse_bool_text(text);
      if (!b) return Error::invalid(name, detail::yes_or_no);
      out = std::int64_t{*b ? 1 : 0};
      break;
    }
    case FieldType::date: {
      auto d = parse_date_text(text);
      if (!d) return Error::invalid(name, detail::cell_date);
      out = format_date(*d);
      break;
    }
    case FieldType::instant: {
      auto t = parse_instant_text(text, tz);
      if (!t) return Error::invalid(name, detail::cell_time);
      out = to_ms(*t);
      break;
    }
    case FieldType::tags: {
      std::vector<std::string> tags;
      std::string cur;
      for (std::size_t i = 0; i < text.size();) {
        std::size_t len = 0;
        if (is_tag_separator(text, i, len)) {
          tags.push_back(cur);
          cur.clear();
          i += len;
        } else {
          cur += text[i++];
        }
      }
      tags.push_back(cur);
      return tags_value(f, tags);
    }
  }
  FUPAN_TRY(check_value(f, out));
  return out;
}

std::string value_to_text(const Field& f, const FieldValue& v, const date::time_zone* tz) {
  if (std::holds_alternative<std::monostate>(v)) return {};
  switch (f.type) {
    case FieldType::money:
      return format_yuan(Fen{std::get<std::int64_t>(v)});
    case FieldType::coordinate:
      return format_millionths(std::get<std::int64_t>(v));
    case FieldType::boolean:
      return std::get<std::int64_t>(v) ? "是" : "否";
    case FieldType::instant: {
      auto local = tz->to_local(instant_from_ms(std::get<std::int64_t>(v)));
      return date::format("%Y-%m-%d %H:%M", std::chrono::floor<std::chrono::minutes>(local));
    }
    case FieldType::choice: {
      const Choice* c = find_choice(f, std::get<std::string>(v));
      return c ? std::string(c->zh) : std::get<std::string>(v);
    }
    default:
      if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
      return std::get<std::string>(v);
  }
}

}  // namespace fupan
