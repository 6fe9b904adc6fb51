// Quote → order (SPEC §2 报价 → 订单): converting a quote creates its order in one transaction.
#pragma once

#include <cstdint>

#include "core/error.h"
#include "domain/entity_record.h"
#include "service/platform/context.h"

namespace fupan::service {

// Converts quote `quote_id` (read at `version`) into a new order: the quote's customer, owner,
// opportunity, total and lines, quote_id set, ordered now, due in 30 days (org time zone),
// status confirmed. The quote becomes "ordered" with order_id set. Both are audited. A quote
// outside the actor's scope is not_found; a stale version a conflict; a quote already ordered or
// rejected is invalid("status").
Result<EntityRecord> convert_quote_to_order(const Context& ctx, const Actor& actor,
                                            QuoteId quote_id, std::int64_t version);

}  // namespace fupan::service
