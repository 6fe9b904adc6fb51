#include "service/crm/entity_rules.h"

namespace fupan::service {

const EntityRules& rules_of(const EntityKind& kind) {
  static const EntityRules none;
  const std::string_view n = kind.name;
  if (n == "customer") return customer_rules();
  if (n == "opportunity") return opportunity_rules();
  if (n == "activity") return activity_rules();
  if (n == "quote") return quote_rules();
  if (n == "order") return order_rules();
  if (n == "payment") return payment_rules();
  if (n == "cost") return cost_rules();
  return none;
}

}  // namespace fupan::service
