// The rules of the opportunity kind (see entity_rules.h).
#include "service/entity_rules.h"

namespace fupan::service {
namespace {

class OpportunityRules final : public EntityRules {};

}  // namespace

const EntityRules& opportunity_rules() {
  static const OpportunityRules rules;
  return rules;
}

}  // namespace fupan::service
