#include "service/sales/document_lines.h"

#include <string_view>

#include "domain/order_math.h"
#include "domain/price_list.h"
#include "service/sales/price_service.h"
#include "store/sales_store.h"

namespace fupan::service {
namespace {

// The 1-based number of the line at `index`, as its errors name it.
std::int64_t line_no(std::size_t index) {
  return static_cast<std::int64_t>(index) + 1;
}

std::vector<LineAmount> amounts_of(std::span<const DocumentLine> lines) {
  std::vector<LineAmount> out;
  out.reserve(lines.size());
  for (const DocumentLine& l : lines) out.push_back({l.quantity, l.unit_price, l.discount_bp});
  return out;
}

}  // namespace

Result<std::vector<DocumentLine>> price_lines(store::Connection& c, OrgId org,
                                              CustomerId customer_id,
                                              std::span<const LineRequest> lines) {
  // The customer was checked by the generic reference check; a missing one has no tier.
  const std::string tier = store::find_customer_tier(c, org, customer_id).value_or("");
  std::vector<DocumentLine> out;
  out.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const LineRequest& in = lines[i];
    auto product = store::find_product_prices(c, org, in.product_id);
    if (!product) return Error::invalid("lines", detail::line_no_such_product(line_no(i)));
    DocumentLine line;
    line.position = static_cast<std::int64_t>(i) + 1;
    line.product_id = in.product_id.value;
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
  if (!ws.input || !ws.input->lines) return std::optional<std::vector<DocumentLine>>{};
  auto priced = price_lines(ws.conn, ws.actor.org, customer_id, *ws.input->lines);
  if (!priced.ok()) return priced.error();
  return std::optional<std::vector<DocumentLine>>{std::move(*priced)};
}

}  // namespace fupan::service
