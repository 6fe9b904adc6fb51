// The rules of the order kind (see entity_rules.h).
//
// Total: an order with lines takes its total from them; a total sent together with lines must
// equal their sum (a client that computed something else learns it instead of being silently
// overwritten), and so must a total sent alone to an order that has lines. An order without lines
// needs a total. `lines: []` removes the lines and keeps the total (or takes the one sent).
// Payments: `paid` is kept by payment writes (order_payments.h); the total may not fall below it,
// and an order can be cancelled only while it has no payments (paid = 0), so a cancelled order
// never carries money. An order with payments cannot be deleted. The payments copy the order's
// owner and customer (their data scope), so a change of either moves them along.
// Quote: deleting an order made from a quote sets the quote back to "accepted".
// Due date: the order date in the org's time zone + 30 days when none is given.
#include "domain/entity_json.h"
#include "service/crm/entity_rules.h"
#include "service/platform/write.h"
#include "service/sales/document_lines.h"
#include "store/entity_store.h"
#include "store/sales_store.h"

namespace fupan::service {
namespace {

constexpr int kDefaultTermDays = 30;

// Sets the quote that was converted to the order being deleted back to "accepted" (order_id
// cleared), so it can be converted again; audited like any change.
void reopen_quote(WriteScope& ws, QuoteId quote_id, OrderId order_id) {
  const EntityKind& quotes = *find_entity_kind("quote");
  // Lock the row first so that what is read below is what the update replaces.
  store::lock_quote(ws.conn, ws.actor.org, quote_id);
  auto quote = store::find_entity(ws.conn, ws.actor.org, quotes, quote_id.value);
  if (!quote || quote->ref<OrderId>("order_id") != order_id) return;
  EntityRecord after = *quote;
  after.set("status", std::string("accepted"));
  after.set("order_id", FieldValue{});
  after.version = quote->version + 1;
  after.updated_at = ws.now;
  if (store::update_entity(ws.conn, ws.actor.org, after, quote->version) !=
      store::WriteOutcome::done)
    throw std::logic_error("the locked quote changed during the write");
  audit_json(ws.conn, ws.actor, "update", quotes.name, quote_id.value,
             entity_audit_json(*quote, *ws.actor.snapshot),
             entity_audit_json(after, *ws.actor.snapshot), ws.now);
}

// Moves the payments of `order` to its owner and customer after a change of either, each as an
// audited, version-bumped update of its own. The caller holds the order's row lock, under which
// every payment of the order is written.
void move_payments(WriteScope& ws, const EntityRecord& order) {
  const EntityKind& payments = *find_entity_kind("payment");
  store::EntityQuery q;
  q.where = "t.order_id = ?";
  q.params.emplace_back(order.id);
  q.order_by = "t.id ASC";
  q.limit = 1'000'000;  // every payment of the order
  for (const EntityRecord& before : store::query_entities(ws.conn, ws.actor.org, payments, q)) {
    EntityRecord after = before;
    after.set("owner_id", order.get("owner_id"));
    after.set("customer_id", order.get("customer_id"));
    after.version = before.version + 1;
    after.updated_at = ws.now;
    if (store::update_entity(ws.conn, ws.actor.org, after, before.version) !=
        store::WriteOutcome::done)
      throw std::logic_error("a payment of the locked order changed during the write");
    audit_json(ws.conn, ws.actor, "update", payments.name, before.id,
               entity_audit_json(before, *ws.actor.snapshot),
               entity_audit_json(after, *ws.actor.snapshot), ws.now);
  }
}

class OrderRules final : public EntityRules {
 public:
  Status prepare(WriteScope& ws, const EntityRecord* before, EntityRecord& after) const override {
    const OrgId org = ws.actor.org;
    if (before) {
      store::lock_order(ws.conn, org, OrderId{after.id});
      after.set("paid", store::payments_total(ws.conn, org, OrderId{after.id}).value());
    } else {
      after.set("paid", std::int64_t{0});
    }
    auto lines = requested_lines(ws, *after.ref<CustomerId>("customer_id"));
    if (!lines.ok()) return lines.error();
    const bool sends_total = ws.input && ws.input->sets(*after.kind, "total");
    if (*lines && !(*lines)->empty()) {
      auto total = lines_total(**lines);
      if (!total.ok()) return total.error();
      if (sends_total && after.money("total") != *total)
        return Error::invalid("total", detail::total_is_sum);
      after.set("total", total->value());
    } else if (!*lines && before && sends_total && after.get("total") != before->get("total") &&
               store::has_lines(ws.conn, org, DocumentKind::order, after.id)) {
      return Error::invalid("total", detail::total_is_sum);
    }
    if (after.is_null("total")) return Error::missing("total");
    const Fen paid = *after.money("paid");
    if (*after.money("total") < paid) return Error::invalid("total", detail::below_payments);
    if (after.text("status") == "cancelled" && paid > Fen{0})
      return Error::invalid("status", detail::cancel_with_payments);
    if (after.is_null("due_date")) {
      const LocalDate ordered_on = local_date(instant_from_ms(*after.integer("ordered_at")),
                                              ws.actor.snapshot->org().timezone);
      after.set("due_date", format_date(ordered_on + std::chrono::days(kDefaultTermDays)));
    }
    return {};
  }

  void after_write(WriteScope& ws, const EntityRecord* before,
                   const EntityRecord& after) const override {
    auto lines = requested_lines(ws, *after.ref<CustomerId>("customer_id"));
    // prepare() priced the same lines in this transaction, so this cannot fail.
    if (!lines.ok()) throw std::logic_error("order lines changed during the write");
    if (*lines) store::replace_lines(ws.conn, ws.actor.org, DocumentKind::order, after.id, **lines);
    if (before && (before->get("owner_id") != after.get("owner_id") ||
                   before->get("customer_id") != after.get("customer_id"))) {
      move_payments(ws, after);
    }
  }

  Status before_delete(WriteScope& ws, const EntityRecord& r) const override {
    store::lock_order(ws.conn, ws.actor.org, OrderId{r.id});
    if (store::has_payments(ws.conn, ws.actor.org, OrderId{r.id}))
      return Error::of(ErrorCode::in_use, detail::order_has_payments);
    if (auto quote = r.ref<QuoteId>("quote_id")) reopen_quote(ws, *quote, OrderId{r.id});
    return {};
  }

  EntityDetails load_details(store::Connection& c, const Actor& actor, const EntityRecord& r,
                             RefNames&) const override {
    return DocumentDetails{store::load_lines(c, actor.org, DocumentKind::order, r.id)};
  }
};

}  // namespace

const EntityRules& order_rules() {
  static const OrderRules rules;
  return rules;
}

}  // namespace fupan::service
