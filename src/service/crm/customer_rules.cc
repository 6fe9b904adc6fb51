// The rules of the customer kind (see entity_rules.h): the duplicate keys kept beside the name
// and phone, the transfer history when an edit changes the owner, and a customer's details
// (contacts, transfers, possible duplicates).
#include "service/crm/customer_service.h"
#include "service/crm/entity_rules.h"
#include "store/customer_store.h"
#include "store/entity_store.h"

namespace fupan::service {
namespace {

constexpr std::int64_t kMaxContacts = 500;

std::vector<EntityRecord> contacts_of(store::Connection& c, const Actor& actor,
                                      const EntityRecord& customer) {
  const EntityKind& kind = *find_entity_kind("contact");
  store::EntityQuery q;
  q.where = "t.customer_id = ?";
  q.params.emplace_back(customer.id);
  q.order_by = "t.is_primary DESC, t.name ASC, t.id ASC";
  q.limit = kMaxContacts;
  return store::query_entities(c, actor.org, kind, q);
}

class CustomerRules final : public EntityRules {
 public:
  // Each new customer needs its duplicate keys (name_key, phone_key), written after the row.
  bool insert_in_bulk() const override { return false; }

  void after_write(WriteScope& ws, const EntityRecord* before,
                   const EntityRecord& after) const override {
    if (!before || before->get("name") != after.get("name") ||
        before->get("phone") != after.get("phone")) {
      write_customer_keys(ws.conn, ws.actor.org, after);
    }
    // An owner changed by an edit is a transfer too, without a reason; the transfer endpoint
    // (customer_service.h) asks for one and writes its own row.
    if (before && before->get("owner_id") != after.get("owner_id")) {
      store::insert_customer_transfer(
          ws.conn, ws.actor.org,
          {after.id, UserId{*before->integer("owner_id")}, UserId{*after.integer("owner_id")},
           ws.actor.id, "", ws.now});
    }
  }

  EntityDetails load_details(store::Connection& c, const Actor& actor, const EntityRecord& r,
                             RefNames& names) const override {
    CustomerDetails d;
    d.contacts = contacts_of(c, actor, r);
    for (const EntityRecord& contact : d.contacts) names.collect(contact);
    d.transfers = store::list_customer_transfers(c, actor.org, r.id);
    d.duplicates = find_duplicates(c, actor, r.text("name"), r.text("phone"), r.id);
    return d;
  }
};

}  // namespace

const EntityRules& customer_rules() {
  static const CustomerRules rules;
  return rules;
}

}  // namespace fupan::service
