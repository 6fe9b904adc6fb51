// The lines of quotes and orders (SPEC §2: product, quantity, unit price, discount), kept in the
// table document_lines: read from a request body's "lines" member, priced for the document's
// customer, stored, copied from a quote to its order, and written into the document's JSON.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ids.h"
#include "core/json_writer.h"
#include "core/money.h"
#include "service/crm/entity_rules.h"
#include "store/database.h"
#include "store/document_line_store.h"

namespace fupan::service {

// A line as a request sends it.
struct LineRequest {
  std::int64_t product_id = 0;
  std::int64_t quantity = 0;
  std::optional<Fen> unit_price;  // absent: the customer's tier price of the product
  std::int32_t discount_bp = 0;   // 0..10000
};

using store::DocumentKind;
using store::DocumentLine;

// The most lines one document may have.
inline constexpr std::size_t kMaxLines = 1000;

// Reads the "lines" member of `body` (null for imports): nullopt when absent. Each line is
// {product_id, quantity (integer ≥ 1), unit_price? (分 ≥ 0), discount_bp? (0..10000)}; errors
// are invalid("lines", detail::line_…(N)).
Result<std::optional<std::vector<LineRequest>>> read_line_requests(const boost::json::object* body);

// Prices `lines` for the customer `customer_id`: products must exist in the org, a missing unit
// price is the customer's tier price (domain/price_list.h), and each line total comes from
// domain/order_math.h. Fails with invalid("lines", ...) on an unknown product or an amount out
// of range.
Result<std::vector<DocumentLine>> price_lines(store::Connection& c, OrgId org,
                                              CustomerId customer_id,
                                              std::span<const LineRequest> lines);

// Returns the document total of priced lines (the sum of their line totals, checked for range).
Result<Fen> lines_total(std::span<const DocumentLine> lines);

// The lines the body of the write in `ws` sends, priced for `customer_id`; nullopt when the body
// has no "lines" member.
Result<std::optional<std::vector<DocumentLine>>> requested_lines(const WriteScope& ws,
                                                                 CustomerId customer_id);

// Writes `"lines":[{position, product_id, product_name, quantity, unit_price, discount_bp,
// line_total}]`.
void write_lines(JsonWriter& w, std::span<const DocumentLine> lines);

}  // namespace fupan::service
