// The rules of the activity kind (see entity_rules.h).
#include "service/entity_rules.h"

namespace fupan::service {
namespace {

class ActivityRules final : public EntityRules {};

}  // namespace

const EntityRules& activity_rules() {
  static const ActivityRules rules;
  return rules;
}

}  // namespace fupan::service
