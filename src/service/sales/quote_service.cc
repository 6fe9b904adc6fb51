#include "service/sales/quote_service.h"

#include "domain/entity_json.h"
#include "service/crm/entity_access.h"
#include "service/platform/write.h"
#include "service/sales/document_lines.h"
#include "store/entity_store.h"

namespace fupan::service {
namespace {

constexpr int kDefaultTermDays = 30;

}  // namespace

Result<EntityRecord> convert_quote_to_order(const Context& ctx, const Actor& actor,
                                            QuoteId quote_id, std::int64_t version) {
  const EntityKind& quotes = *find_entity_kind("quote");
  const EntityKind& orders = *find_entity_kind("order");
  const Instant now = ctx.clock.now();
  return write_facts<EntityRecord>(ctx, "", [&](store::Connection& c) -> Result<EntityRecord> {
    if (!is_visible(c, actor, quotes, quote_id.value)) return Error::not_found();
    FUPAN_TRY(check_can_write(actor, quotes));
    FUPAN_TRY(check_can_write(actor, orders));
    auto quote = store::find_entity(c, actor.org, quotes, quote_id.value);
    if (!quote) return Error::not_found();
    if (quote->version != version) return Error::conflict(quote->version);
    const std::string status = quote->text("status");
    if (status == "ordered") return Error::invalid("status", detail::quote_already_ordered);
    if (status == "rejected") return Error::invalid("status", detail::quote_rejected);

    EntityRecord order = EntityRecord::empty(orders);
    for (std::string_view f : {"customer_id", "owner_id", "opportunity_id", "total"})
      order.set(f, quote->get(f));
    order.set("quote_id", quote_id.value);
    order.set("ordered_at", to_ms(now));
    order.set("due_date", format_date(actor.today + std::chrono::days(kDefaultTermDays)));
    order.set("status", std::string("confirmed"));
    order.set("paid", std::int64_t{0});
    order.created_at = order.updated_at = now;
    order.version = 1;
    order.id = store::insert_entity(c, actor.org, order);
    store::copy_quote_lines(c, actor.org, quote_id, OrderId{order.id});

    EntityRecord ordered = *quote;
    ordered.set("status", std::string("ordered"));
    ordered.set("order_id", order.id);
    ordered.version = quote->version + 1;
    ordered.updated_at = now;
    FUPAN_TRY(outcome_status(store::update_entity(c, actor.org, ordered, version)));

    audit_json(c, actor, "create", orders.name, order.id, std::nullopt,
               entity_audit_json(order, *actor.snapshot), now);
    audit_json(c, actor, "update", quotes.name, quote_id.value,
               entity_audit_json(*quote, *actor.snapshot),
               entity_audit_json(ordered, *actor.snapshot), now);
    return order;
  });
}

}  // namespace fupan::service
