#include "domain/customer_tier.h"

#include <algorithm>
#include <functional>

namespace fupan {

namespace {

// GCC's 128-bit integer; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 I128;

std::vector<char> assign_abc(std::span<const CustomerSales> customers) {
  std::vector<char> tiers(customers.size(), 'C');
  std::vector<std::size_t> order;
  I128 total = 0;  // exact even when the sum of revenues exceeds int64
  for (std::size_t i = 0; i < customers.size(); ++i) {
    if (customers[i].revenue <= Fen{0}) continue;
    order.push_back(i);
    total += customers[i].revenue.value();
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (customers[a].revenue != customers[b].revenue)
      return customers[a].revenue > customers[b].revenue;
    return customers[a].customer_id < customers[b].customer_id;
  });
  I128 before = 0;
  for (std::size_t i : order) {
    if (before * 10 < total * 7) {
      tiers[i] = 'A';
    } else if (before * 10 < total * 9) {
      tiers[i] = 'B';
    }
    before += customers[i].revenue.value();
  }
  return tiers;
}

// Returns the 3/2/1 tertile score of each of `values` (larger is better); a value's rank is the
// number of values strictly larger, so ties share the better score.
std::vector<int> tertile_scores(const std::vector<std::int64_t>& values) {
  std::vector<std::int64_t> sorted = values;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  const std::size_t n = values.size();
  std::vector<int> scores;
  scores.reserve(n);
  for (std::int64_t v : values) {
    const auto better = static_cast<std::size_t>(
        std::lower_bound(sorted.begin(), sorted.end(), v, std::greater<>()) - sorted.begin());
    scores.push_back(3 * better < n ? 3 : 3 * better < 2 * n ? 2 : 1);
  }
  return scores;
}

std::vector<char> assign_rfm(std::span<const CustomerSales> customers, LocalDate today) {
  std::vector<char> tiers(customers.size(), 'C');
  std::vector<std::size_t> buyers;
  std::vector<std::int64_t> recency, frequency, monetary;  // each oriented so larger is better
  for (std::size_t i = 0; i < customers.size(); ++i) {
    const CustomerSales& c = customers[i];
    if (c.orders <= 0 || !c.last_order) continue;
    buyers.push_back(i);
    recency.push_back(-(today - *c.last_order).count());
    frequency.push_back(c.orders);
    monetary.push_back(c.revenue.value());
  }
  const auto r = tertile_scores(recency), f = tertile_scores(frequency),
             m = tertile_scores(monetary);
  for (std::size_t j = 0; j < buyers.size(); ++j) {
    const int score = r[j] + f[j] + m[j];
    tiers[buyers[j]] = score >= 8 ? 'A' : score >= 6 ? 'B' : 'C';
  }
  return tiers;
}

}  // namespace

std::optional<TierRule> parse_tier_rule(std::string_view text) {
  if (text == "abc") return TierRule::abc;
  if (text == "rfm") return TierRule::rfm;
  return std::nullopt;
}

std::vector<char> assign_tiers(std::span<const CustomerSales> customers, TierRule rule,
                               LocalDate today) {
  switch (rule) {
    case TierRule::abc:
      return assign_abc(customers);
    case TierRule::rfm:
      return assign_rfm(customers, today);
  }
  return std::vector<char>(customers.size(), 'C');
}

}  // namespace fupan
