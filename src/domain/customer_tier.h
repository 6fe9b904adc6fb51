// Customer tiers A/B/C (SPEC §2), by one of two rules over the trailing 12 months:
//
// ABC (Pareto by revenue): customers are sorted by revenue, highest first (ties by customer_id,
// lowest first). Walking down the list, a customer is A while the cumulative revenue of the
// customers BEFORE it is < 70% of the total, B while it is < 90%, and C after that. So the top
// customer is always A. A customer with revenue ≤ 0 is C and does not count toward the total.
//
// RFM (recency, frequency, monetary): a customer with no orders (orders ≤ 0 or no last order date)
// is C. Among the others, each of R (days since the last order, fewer is better), F (number of
// orders, more is better) and M (revenue, more is better) scores 3, 2 or 1 by tertile of rank:
// with n customers and k of them strictly better, the score is 3 when 3k < n, 2 when 3k < 2n, else
// 1, so tied customers share the better score. R + F + M ≥ 8 is A, ≥ 6 is B, else C.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/time.h"

namespace fupan {

enum class TierRule { abc, rfm };

// Parses "abc" or "rfm"; nullopt otherwise.
std::optional<TierRule> parse_tier_rule(std::string_view text);

// A customer's sales over the trailing 12 months.
struct CustomerSales {
  std::int64_t customer_id = 0;
  Fen revenue;
  std::int64_t orders = 0;
  std::optional<LocalDate> last_order;
};

// Returns 'A', 'B' or 'C' for each customer, in input order, by `rule` as of `today`.
std::vector<char> assign_tiers(std::span<const CustomerSales> customers, TierRule rule,
                               LocalDate today);

}  // namespace fupan
