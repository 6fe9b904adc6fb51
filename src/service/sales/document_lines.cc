#include "service/sales/document_lines.h"

#include <string_view>

#include "domain/order_math.h"
#include "domain/price_list.h"
#include "service/sales/price_service.h"
#include "store/sales_store.h"

namespace fupan::service {
namespace {

namespace json = boost::json;

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

Result<LineRequest> read_line(std::size_t index, const json::value& v) {
  if (!v.is_object()) return Error::invalid("lines", detail::line_object(line_no(index)));
  LineRequest line;
  bool has_product = false, has_quantity = false;
  for (const auto& member : v.as_object()) {
    const std::string_view key = member.key();
    const json::value& value = member.value();
    const auto n = as_integer(value);
    if (key == "product_id") {
      if (!n || *n < 1) return Error::invalid("lines", detail::line_product_id(line_no(index)));
      line.product_id = *n;
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

std::vector<LineAmount> amounts_of(std::span<const DocumentLine> lines) {
  std::vector<LineAmount> out;
  out.reserve(lines.size());
  for (const DocumentLine& l : lines) out.push_back({l.quantity, l.unit_price, l.discount_bp});
  return out;
}

}  // namespace

Result<std::optional<std::vector<LineRequest>>> read_line_requests(const json::object* body) {
  if (!body) return std::optional<std::vector<LineRequest>>{};
  auto it = body->find("lines");
  if (it == body->end()) return std::optional<std::vector<LineRequest>>{};
  if (!it->value().is_array()) return Error::invalid("lines", detail::line_array);
  const json::array& items = it->value().as_array();
  if (items.size() > kMaxLines) return Error::invalid("lines", detail::too_many_lines);
  std::vector<LineRequest> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto line = read_line(i, items[i]);
    if (!line.ok()) return line.error();
    out.push_back(*line);
  }
  return std::optional<std::vector<LineRequest>>{std::move(out)};
}

Result<std::vector<DocumentLine>> price_lines(store::Connection& c, OrgId org,
                                              CustomerId customer_id,
                                              std::span<const LineRequest> lines) {
  // The customer was checked by the generic reference check; a missing one has no tier.
  const std::string tier = store::find_customer_tier(c, org, customer_id).value_or("");
  std::vector<DocumentLine> out;
  out.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const LineRequest& in = lines[i];
    auto product = store::find_product_prices(c, org, ProductId{in.product_id});
    if (!product) return Error::invalid("lines", detail::line_no_such_product(line_no(i)));
    DocumentLine line;
    line.position = static_cast<std::int64_t>(i) + 1;
    line.product_id = in.product_id;
    line.product_name = product->name;
    line.quantity = in.quantity;
    line.unit_price = in.unit_price.value_or(price_for_tier(product->prices, tier));
    line.discount_bp = in.discount_bp;
    line.line_total = line_total({line.quantity, line.unit_price, line.discount_bp});
    out.push_back(std::move(line));
  }
  // Rejects a line or a sum beyond int64 (line_total alone saturates).
  FUPAN_TRY(lines_total(out));
  return out;
}

Result<Fen> lines_total(std::span<const DocumentLine> lines) {
  const auto amounts = amounts_of(lines);
  return order_total(amounts);
}

Result<std::optional<std::vector<DocumentLine>>> requested_lines(const WriteScope& ws,
                                                                 CustomerId customer_id) {
  auto requests = read_line_requests(ws.body);
  if (!requests.ok()) return requests.error();
  if (!*requests) return std::optional<std::vector<DocumentLine>>{};
  auto priced = price_lines(ws.conn, ws.actor.org, customer_id, **requests);
  if (!priced.ok()) return priced.error();
  return std::optional<std::vector<DocumentLine>>{std::move(*priced)};
}

void write_lines(JsonWriter& w, std::span<const DocumentLine> lines) {
  w.key("lines").begin_array();
  for (const DocumentLine& l : lines) {
    w.begin_object();
    w.field("position", l.position);
    w.field("product_id", l.product_id);
    w.field("product_name", l.product_name);
    w.field("quantity", l.quantity);
    w.field("unit_price", l.unit_price);
    w.field("discount_bp", l.discount_bp);
    w.field("line_total", l.line_total);
    w.end_object();
  }
  w.end_array();
}

}  // namespace fupan::service
