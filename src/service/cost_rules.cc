// The rules of the cost kind (see entity_rules.h).
#include "service/entity_rules.h"

namespace fupan::service {
namespace {

class CostRules final : public EntityRules {};

}  // namespace

const EntityRules& cost_rules() {
  static const CostRules rules;
  return rules;
}

}  // namespace fupan::service
