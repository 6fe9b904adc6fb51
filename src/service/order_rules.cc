// The rules of the order kind (see entity_rules.h).
#include "service/entity_rules.h"

namespace fupan::service {
namespace {

class OrderRules final : public EntityRules {};

}  // namespace

const EntityRules& order_rules() {
  static const OrderRules rules;
  return rules;
}

}  // namespace fupan::service
