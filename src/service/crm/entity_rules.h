// The business rules of each CRM kind beyond its field table: defaults that need the store,
// derived fields, checks across fields, and the rows that go with a record (stage history,
// order lines, transfers). The generic entity service calls them inside its write transaction.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/entity_record.h"
#include "service/crm/entity_input.h"
#include "service/crm/entity_view.h"
#include "service/platform/context.h"
#include "store/database.h"

namespace fupan::service {

// What a rule may use during one write.
struct WriteScope {
  const Context& ctx;
  const Actor& actor;
  store::Connection& conn;
  Instant now;
  const EntityInput* input = nullptr;  // what the create or change sent; null for imports
};

class EntityRules {
 public:
  virtual ~EntityRules() = default;
  // Fills defaults and derived fields and checks rules across fields; `before` is null on
  // create. Runs inside the write transaction, after the generic checks.
  virtual Status prepare(WriteScope&, const EntityRecord* /*before*/,
                         EntityRecord& /*after*/) const {
    return {};
  }
  // Writes the rows that go with the stored record (history, lines, denormalised copies).
  virtual void after_write(WriteScope&, const EntityRecord* /*before*/,
                           const EntityRecord& /*after*/) const {}
  // Checks a delete; the default allows it.
  virtual Status before_delete(WriteScope&, const EntityRecord&) const { return {}; }
  // Updates what depends on a record just deleted (e.g. an order's paid), in the same transaction.
  virtual void after_delete(WriteScope&, const EntityRecord& /*deleted*/) const {}
  // Returns true iff imports may insert new records of the kind in bulk, without their ids and
  // without after_write; false when after_write must run for each record (it needs the new id).
  virtual bool insert_in_bulk() const { return true; }
  // Returns what a read of a single record shows besides its fields, noting in `names` the
  // references of the records it holds.
  virtual EntityDetails load_details(store::Connection&, const Actor&, const EntityRecord&,
                                     RefNames& /*names*/) const {
    return {};
  }
};

// Returns the rules of `kind`.
const EntityRules& rules_of(const EntityKind& kind);

// The rules of each kind, one file each (customer_rules.cc, ...).
const EntityRules& customer_rules();
const EntityRules& opportunity_rules();
const EntityRules& activity_rules();
const EntityRules& quote_rules();
const EntityRules& order_rules();
const EntityRules& payment_rules();
const EntityRules& cost_rules();

}  // namespace fupan::service
