// The lines of quotes and orders (SPEC §2: product, quantity, unit price, discount), kept in the
// table document_lines: priced for the document's customer as a create or change sends them
// (service/crm/entity_input.h), stored, and copied from a quote to its order.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "service/crm/entity_rules.h"
#include "store/database.h"
#include "store/document_line_store.h"

namespace fupan::service {

using store::DocumentKind;
using store::DocumentLine;

// Prices `lines` for the customer `customer_id`: products must exist in the org, a missing unit
// price is the customer's tier price (domain/price_list.h), and each line total comes from
// domain/order_math.h. Fails with invalid("lines", ...) on an unknown product or an amount out
// of range.
Result<std::vector<DocumentLine>> price_lines(store::Connection& c, OrgId org,
                                              CustomerId customer_id,
                                              std::span<const LineRequest> lines);

// Returns the document total of priced lines (the sum of their line totals, checked for range).
Result<Fen> lines_total(std::span<const DocumentLine> lines);

// The lines the write in `ws` sends, priced for `customer_id`; nullopt when it sends none.
Result<std::optional<std::vector<DocumentLine>>> requested_lines(const WriteScope& ws,
                                                                 CustomerId customer_id);

}  // namespace fupan::service
