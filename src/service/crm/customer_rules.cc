// The rules of the customer kind (see entity_rules.h): the duplicate keys kept beside the name
// and phone, the transfer history when an edit changes the owner, and a customer's details
// (contacts, transfers, possible duplicates).
#include "service/crm/customer_service.h"
#include "service/crm/entity_json.h"
#include "service/crm/entity_rules.h"
#include "store/customer_store.h"
#include "store/entity_store.h"

namespace fupan::service {
namespace {

constexpr std::int64_t kMaxContacts = 500;

void write_user(JsonWriter& w, const OrgSnapshot& org, std::string_view key, UserId id) {
  w.field(std::string(key) + "_id", id.value);
  const UserRecord* u = org.user(id);
  w.key(std::string(key) + "_name");
  if (u) {
    w.value(u->display_name);
  } else {
    w.null();
  }
}

void write_contacts(store::Connection& c, const Actor& actor, const EntityRecord& customer,
                    JsonWriter& w) {
  const EntityKind& kind = *find_entity_kind("contact");
  store::EntityQuery q;
  q.where = "t.customer_id = ?";
  q.params.emplace_back(customer.id);
  q.order_by = "t.is_primary DESC, t.name ASC, t.id ASC";
  q.limit = kMaxContacts;
  const auto contacts = store::query_entities(c, actor.org, kind, q);
  RefNames names;
  for (const EntityRecord& r : contacts) names.collect(r);
  names.load(c, actor.org);
  w.key("contacts").begin_array();
  for (const EntityRecord& r : contacts) write_entity(w, r, *actor.snapshot, &names);
  w.end_array();
}

void write_transfers(store::Connection& c, const Actor& actor, const EntityRecord& customer,
                     JsonWriter& w) {
  w.key("transfers").begin_array();
  for (const auto& t : store::list_customer_transfers(c, actor.org, customer.id)) {
    w.begin_object();
    write_user(w, *actor.snapshot, "from_user", t.from_user);
    write_user(w, *actor.snapshot, "to_user", t.to_user);
    w.field("reason", t.reason);
    write_user(w, *actor.snapshot, "by_user", t.by_user);
    w.field("at", format_rfc3339(t.at));
    w.end_object();
  }
  w.end_array();
}

void write_duplicates(store::Connection& c, const Actor& actor, const EntityRecord& customer,
                      JsonWriter& w) {
  w.key("duplicates").begin_array();
  for (const DuplicateMatch& d :
       find_duplicates(c, actor, customer.text("name"), customer.text("phone"), customer.id)) {
    write_json(w, d);
  }
  w.end_array();
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

  void write_details(store::Connection& c, const Actor& actor, const EntityRecord& r,
                     JsonWriter& w) const override {
    write_contacts(c, actor, r, w);
    write_transfers(c, actor, r, w);
    write_duplicates(c, actor, r, w);
  }
};

}  // namespace

const EntityRules& customer_rules() {
  static const CustomerRules rules;
  return rules;
}

}  // namespace fupan::service
