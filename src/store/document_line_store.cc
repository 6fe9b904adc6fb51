#include "store/document_line_store.h"

namespace fupan::store {
namespace {

const char* kInsertLine =
    "INSERT INTO document_lines (org_id, quote_id, order_id, position, product_id, quantity, "
    "unit_price, discount_bp, line_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
const char* kDeleteQuoteLines = "DELETE FROM document_lines WHERE org_id = ? AND quote_id = ?";
const char* kDeleteOrderLines = "DELETE FROM document_lines WHERE org_id = ? AND order_id = ?";
const char* kSelectQuoteLines =
    "SELECT l.position, l.product_id, p.name, l.quantity, l.unit_price, l.discount_bp, "
    "l.line_total FROM document_lines l JOIN products p ON p.id = l.product_id "
    "WHERE l.org_id = ? AND l.quote_id = ? ORDER BY l.position";
const char* kSelectOrderLines =
    "SELECT l.position, l.product_id, p.name, l.quantity, l.unit_price, l.discount_bp, "
    "l.line_total FROM document_lines l JOIN products p ON p.id = l.product_id "
    "WHERE l.org_id = ? AND l.order_id = ? ORDER BY l.position";
const char* kAnyQuoteLine =
    "SELECT 1 FROM document_lines WHERE org_id = ? AND quote_id = ? LIMIT 1";
const char* kAnyOrderLine =
    "SELECT 1 FROM document_lines WHERE org_id = ? AND order_id = ? LIMIT 1";
const char* kCopyQuoteLines =
    "INSERT INTO document_lines (org_id, order_id, position, product_id, quantity, unit_price, "
    "discount_bp, line_total) SELECT org_id, CAST(? AS BIGINT), position, product_id, quantity, "
    "unit_price, discount_bp, line_total FROM document_lines WHERE org_id = ? AND quote_id = ? "
    "ORDER BY position";

}  // namespace

void replace_lines(Connection& c, OrgId org, DocumentKind kind, std::int64_t id,
                   std::span<const DocumentLine> lines) {
  const bool quote = kind == DocumentKind::quote;
  c.exec(quote ? kDeleteQuoteLines : kDeleteOrderLines, {org.value, id});
  for (const DocumentLine& l : lines) {
    c.exec(kInsertLine, {org.value, quote ? Value(id) : null_value, quote ? null_value : Value(id),
                         l.position, l.product_id, l.quantity, l.unit_price.value(),
                         std::int64_t{l.discount_bp}, l.line_total.value()});
  }
}

std::vector<DocumentLine> load_lines(Connection& c, OrgId org, DocumentKind kind, std::int64_t id) {
  auto rows =
      c.query(kind == DocumentKind::quote ? kSelectQuoteLines : kSelectOrderLines, {org.value, id});
  std::vector<DocumentLine> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back({rows.i64(r, 0), rows.i64(r, 1), rows.str(r, 2), rows.i64(r, 3),
                   Fen{rows.i64(r, 4)}, static_cast<std::int32_t>(rows.i64(r, 5)),
                   Fen{rows.i64(r, 6)}});
  }
  return out;
}

bool has_lines(Connection& c, OrgId org, DocumentKind kind, std::int64_t id) {
  return !c.query(kind == DocumentKind::quote ? kAnyQuoteLine : kAnyOrderLine, {org.value, id})
              .empty();
}

void copy_quote_lines(Connection& c, OrgId org, QuoteId quote_id, OrderId order_id) {
  c.exec(kCopyQuoteLines, {order_id.value, org.value, quote_id.value});
}

}  // namespace fupan::store
