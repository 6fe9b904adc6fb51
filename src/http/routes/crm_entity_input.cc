#include "http/routes/crm_entity_input.h"

#include <date/tz.h>

#include <boost/json.hpp>

#include "core/millionths.h"
#include "core/text_parse.h"
#include "domain/field_values.h"

namespace fupan::http {
namespace json = boost::json;
namespace {

// The 1-based number of the line at `index`, as its errors name it.
std::int64_t line_no(std::size_t index) {
  return static_cast<std::int64_t>(index) + 1;
}

// The integer in `v`, nullopt when it is not one (a fraction, text, or beyond int64).
std::optional<std::int64_t> as_integer(const json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v.as_uint64());
  return std::nullopt;
}

Result<service::LineRequest> read_line(std::size_t index, const json::value& v) {
  if (!v.is_object()) return Error::invalid("lines", detail::line_object(line_no(index)));
  service::LineRequest line;
  bool has_product = false, has_quantity = false;
  for (const auto& member : v.as_object()) {
    const std::string_view key = member.key();
    const json::value& value = member.value();
    const auto n = as_integer(value);
    if (key == "product_id") {
      if (!n || *n < 1) return Error::invalid("lines", detail::line_product_id(line_no(index)));
      line.product_id = ProductId{*n};
      has_product = true;
    } else if (key == "quantity") {
      if (!n || *n < 1) return Error::invalid("lines", detail::line_quantity(line_no(index)));
      line.quantity = *n;
      has_quantity = true;
    } else if (key == "unit_price") {
      if (value.is_null()) continue;
      if (!n || *n < 0) return Error::invalid("lines", detail::line_unit_price(line_no(index)));
      line.unit_price = Fen{*n};
    } else if (key == "discount_bp") {
      if (value.is_null()) continue;
      if (!n || *n < 0 || *n > 10000)
        return Error::invalid("lines", detail::line_discount(line_no(index)));
      line.discount_bp = static_cast<std::int32_t>(*n);
    } else {
      return Error::invalid("lines", detail::line_unknown_field(line_no(index), std::string(key)));
    }
  }
  if (!has_product) return Error::invalid("lines", detail::line_product_required(line_no(index)));
  if (!has_quantity) return Error::invalid("lines", detail::line_quantity_required(line_no(index)));
  return line;
}

std::string field_name(const Field& f) {
  return std::string(f.name);
}

}  // namespace

Result<FieldValue> value_from_json(const Field& f, const json::value& v,
                                   const date::time_zone* tz) {
  const std::string name = field_name(f);
  if (v.is_null()) return FieldValue{};
  FieldValue out;
  switch (f.type) {
    case FieldType::text:
    case FieldType::choice:
      if (!v.is_string()) return Error::invalid(name, detail::string);
      out = std::string(v.as_string());
      break;
    case FieldType::integer:
    case FieldType::money:
    case FieldType::ref:
      if (v.is_int64()) {
        out = v.as_int64();
      } else if (v.is_uint64()) {
        return Error::invalid(name, detail::too_large);
      } else if (v.is_double() &&
                 v.as_double() == static_cast<double>(static_cast<std::int64_t>(v.as_double()))) {
        out = static_cast<std::int64_t>(v.as_double());
      } else {
        return Error::invalid(name, f.type == FieldType::money ? detail::fen : detail::integer);
      }
      break;
    case FieldType::coordinate: {
      if (!v.is_number()) return Error::invalid(name, detail::degrees);
      auto n = millionths(v.to_number<double>());
      if (!n) return Error::invalid(name, detail::degrees);
      out = *n;
      break;
    }
    case FieldType::boolean:
      if (!v.is_bool()) return Error::invalid(name, detail::boolean);
      out = std::int64_t{v.as_bool() ? 1 : 0};
      break;
    case FieldType::date: {
      if (!v.is_string()) return Error::invalid(name, detail::date);
      auto d = parse_date(std::string_view(v.as_string()));
      if (!d) return Error::invalid(name, detail::date);
      out = format_date(*d);
      break;
    }
    case FieldType::instant: {
      if (!v.is_string()) return Error::invalid(name, detail::instant);
      auto t = parse_instant_text(std::string_view(v.as_string()), tz);
      if (!t) return Error::invalid(name, detail::instant);
      out = to_ms(*t);
      break;
    }
    case FieldType::tags: {
      if (!v.is_array()) return Error::invalid(name, detail::string_array);
      std::vector<std::string> tags;
      for (const auto& e : v.as_array()) {
        if (!e.is_string()) return Error::invalid(name, detail::string_array);
        tags.emplace_back(e.as_string());
      }
      return tags_value(f, tags);
    }
  }
  FUPAN_TRY(check_value(f, out));
  return out;
}

Result<std::optional<std::vector<service::LineRequest>>> read_line_requests(
    const json::object& body) {
  using service::LineRequest;
  auto it = body.find("lines");
  if (it == body.end()) return std::optional<std::vector<LineRequest>>{};
  if (!it->value().is_array()) return Error::invalid("lines", detail::line_array);
  const json::array& items = it->value().as_array();
  if (items.size() > service::kMaxLines) return Error::invalid("lines", detail::too_many_lines);
  std::vector<LineRequest> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto line = read_line(i, items[i]);
    if (!line.ok()) return line.error();
    out.push_back(*line);
  }
  return std::optional<std::vector<LineRequest>>{std::move(out)};
}

Result<service::EntityInput> read_entity_input(const service::Actor& actor, const EntityKind& kind,
                                               const json::object& body, bool creating) {
  const date::time_zone* tz = zone_of(actor.snapshot->org().timezone);
  service::EntityInput in;
  in.values.resize(kind.fields.size());
  for (const auto& member : body) {
    const std::string_view key = member.key();
    const int i = kind.index_of(key);
    if (i >= 0) {
      const Field& f = kind.fields[static_cast<std::size_t>(i)];
      if (!f.writable)
        return Error{ErrorCode::unknown_field, std::string(key), detail::set_by_system, {}};
      auto v = value_from_json(f, member.value(), tz);
      if (!v.ok()) return v.error();
      if (f.required && std::holds_alternative<std::monostate>(*v))
        return Error::missing(std::string(key));
      in.values[static_cast<std::size_t>(i)] = std::move(*v);
    } else if (key == "external_id" && kind.has_external_id) {
      const auto& v = member.value();
      if (v.is_null()) {
        in.external_id = std::optional<std::string>{};
      } else if (v.is_string() && !v.as_string().empty() && v.as_string().size() <= 64) {
        in.external_id = std::optional<std::string>{std::string(v.as_string())};
      } else {
        return Error::invalid("external_id", detail::at_most_chars(64));
      }
    } else if (key == "version" && !creating) {
      if (!member.value().is_int64()) return Error::invalid("version", detail::integer);
      in.version = member.value().as_int64();
    } else if (key == "lines" && kind.has_lines) {
      FUPAN_ASSIGN_OR_RETURN(in.lines, read_line_requests(body));
    } else {
      return Error{ErrorCode::unknown_field, std::string(key), detail::not_accepted_here, {}};
    }
  }
  if (creating) {
    for (std::size_t i = 0; i < kind.fields.size(); ++i) {
      const Field& f = kind.fields[i];
      if (f.required && f.writable && !in.values[i] && f.name != "owner_id" &&
          f.name != "user_id") {
        // owner_id and user_id default to the actor
        return Error::missing(std::string(f.name));
      }
    }
  } else if (!in.version) {
    return Error::missing("version");
  }
  return in;
}

}  // namespace fupan::http
