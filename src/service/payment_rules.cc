// The rules of the payment kind (see entity_rules.h).
#include "service/entity_rules.h"

namespace fupan::service {
namespace {

class PaymentRules final : public EntityRules {};

}  // namespace

const EntityRules& payment_rules() {
  static const PaymentRules rules;
  return rules;
}

}  // namespace fupan::service
