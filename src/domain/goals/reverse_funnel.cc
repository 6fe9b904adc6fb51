#include "domain/goals/reverse_funnel.h"

#include <cmath>

namespace fupan::goals {
namespace {

// The smallest integer ≥ x, for a count that cannot be fractional; a tolerance keeps 3.0000001
// (a rate's rounding) at 3.
std::int64_t count_up(double x) {
  return static_cast<std::int64_t>(std::ceil(x - 1e-9));
}

}  // namespace

std::optional<FunnelRates> funnel_rates(const FunnelHistory& h) {
  if (h.orders <= 0 || h.won + h.lost <= 0 || h.won <= 0 || h.opportunities_created <= 0 ||
      h.visits <= 0) {
    return std::nullopt;
  }
  FunnelRates r;
  r.average_order = round_half_even(h.orders_amount, 1, h.orders).value_or(Fen{0});
  if (r.average_order <= Fen{0}) return std::nullopt;
  r.win_rate = static_cast<double>(h.won) / static_cast<double>(h.won + h.lost);
  r.visits_per_opportunity =
      static_cast<double>(h.visits) / static_cast<double>(h.opportunities_created);
  return r;
}

ActivityNeed reverse_funnel(Fen revenue, const FunnelRates& rates) {
  ActivityNeed need;
  if (revenue <= Fen{0} || rates.average_order <= Fen{0} || rates.win_rate <= 0) return need;
  const std::int64_t order = rates.average_order.value();
  need.orders = revenue.value() / order + (revenue.value() % order != 0 ? 1 : 0);
  need.opportunities = count_up(static_cast<double>(need.orders) / rates.win_rate);
  need.visits = count_up(static_cast<double>(need.opportunities) * rates.visits_per_opportunity);
  return need;
}

}  // namespace fupan::goals
