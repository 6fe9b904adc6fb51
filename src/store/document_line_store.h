// The lines of quotes and orders as stored (table document_lines): replaced whole, read in order,
// copied from a quote to the order made from it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "store/database.h"

namespace fupan::store {

// Which document lines belong to: the column quote_id or order_id.
enum class DocumentKind { quote, order };

// A priced line, as stored.
struct DocumentLine {
  std::int64_t position = 0;  // from 1, in request order
  std::int64_t product_id = 0;
  std::string product_name;
  std::int64_t quantity = 0;
  Fen unit_price;
  std::int32_t discount_bp = 0;
  Fen line_total;
};

// Replaces the stored lines of document `id` with `lines`.
void replace_lines(Connection& c, OrgId org, DocumentKind kind, std::int64_t id,
                   std::span<const DocumentLine> lines);
// Returns the stored lines of document `id` in position order, with product names.
std::vector<DocumentLine> load_lines(Connection& c, OrgId org, DocumentKind kind, std::int64_t id);
// Returns true iff document `id` has stored lines.
bool has_lines(Connection& c, OrgId org, DocumentKind kind, std::int64_t id);
// Copies the lines of quote `quote_id` to order `order_id`.
void copy_quote_lines(Connection& c, OrgId org, QuoteId quote_id, OrderId order_id);

}  // namespace fupan::store
