// The rules of the quote kind (see entity_rules.h). A quote's total is always the sum of its
// lines, and a quote has at least one line. Status "ordered" (and order_id) is set only by
// converting the quote to an order (quote_service.h); an ordered quote keeps its customer, lines
// and status, and cannot be deleted while its order exists.
#include "service/crm/entity_rules.h"
#include "service/sales/document_lines.h"

namespace fupan::service {
namespace {

constexpr std::string_view kOrdered = "ordered";

class QuoteRules final : public EntityRules {
 public:
  Status prepare(WriteScope& ws, const EntityRecord* before, EntityRecord& after) const override {
    const bool was_ordered = before && before->text("status") == kOrdered;
    const bool sends_lines = ws.input && ws.input->lines;
    if (was_ordered) {
      const DetailCode why = detail::quote_converted;
      if (after.text("status") != kOrdered) return Error::invalid("status", why);
      if (after.get("customer_id") != before->get("customer_id"))
        return Error::invalid("customer_id", why);
      if (sends_lines) return Error::invalid("lines", why);
    } else if (after.text("status") == kOrdered) {
      return Error::invalid("status", detail::set_by_conversion);
    }
    auto lines = requested_lines(ws, *after.ref<CustomerId>("customer_id"));
    if (!lines.ok()) return lines.error();
    if (!*lines) {
      if (!before) return Error::missing("lines");
      return {};
    }
    if ((*lines)->empty()) return Error::invalid("lines", detail::at_least_one_line);
    auto total = lines_total(**lines);
    if (!total.ok()) return total.error();
    after.set("total", total->value());
    return {};
  }

  void after_write(WriteScope& ws, const EntityRecord*, const EntityRecord& after) const override {
    auto lines = requested_lines(ws, *after.ref<CustomerId>("customer_id"));
    // prepare() priced the same lines in this transaction, so this cannot fail.
    if (!lines.ok()) throw std::logic_error("quote lines changed during the write");
    if (*lines) store::replace_lines(ws.conn, ws.actor.org, DocumentKind::quote, after.id, **lines);
  }

  Status before_delete(WriteScope&, const EntityRecord& r) const override {
    if (!r.is_null("order_id")) return Error::of(ErrorCode::in_use, detail::quote_converted);
    return {};
  }

  EntityDetails load_details(store::Connection& c, const Actor& actor, const EntityRecord& r,
                             RefNames&) const override {
    return DocumentDetails{store::load_lines(c, actor.org, DocumentKind::quote, r.id)};
  }
};

}  // namespace

const EntityRules& quote_rules() {
  static const QuoteRules rules;
  return rules;
}

}  // namespace fupan::service
