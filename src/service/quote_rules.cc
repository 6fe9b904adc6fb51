// The rules of the quote kind (see entity_rules.h).
#include "service/entity_rules.h"

namespace fupan::service {
namespace {

class QuoteRules final : public EntityRules {};

}  // namespace

const EntityRules& quote_rules() {
  static const QuoteRules rules;
  return rules;
}

}  // namespace fupan::service
