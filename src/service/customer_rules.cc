// The rules of the customer kind (see entity_rules.h).
#include "service/entity_rules.h"

namespace fupan::service {
namespace {

class CustomerRules final : public EntityRules {};

}  // namespace

const EntityRules& customer_rules() {
  static const CustomerRules rules;
  return rules;
}

}  // namespace fupan::service
