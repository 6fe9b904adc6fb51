// The sales documents beyond their generic CRUD (crm_entities.cc): a product's price for a
// customer's tier, and converting a quote into an order.
#include "http/app.h"
#include "http/json_io.h"
#include "http/routes/crm_entity_json.h"
#include "service/crm/entity_service.h"
#include "service/sales/price_service.h"
#include "service/sales/quote_service.h"

namespace fupan::http {

void add_sales_doc_routes(App& app) {
  // GET /api/products/{id}/price?customer_id= → {product_id, customer_id, tier, unit_price}
  app.api("GET", "/api/products/{id}/price", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto customer, query_id(call.req, "customer_id"));
    if (!customer) {
      return Error{ErrorCode::invalid_query, "customer_id", detail::positive_id, {}};
    }
    FUPAN_ASSIGN_OR_RETURN(auto price, service::product_price(app.ctx(), call.actor, ProductId{id},
                                                              CustomerId{*customer}));
    JsonWriter w;
    w.begin_object();
    w.field("product_id", price.product_id);
    w.field("customer_id", price.customer_id);
    w.key("tier");
    if (price.tier.empty()) {
      w.null();
    } else {
      w.value(price.tier);
    }
    w.field("unit_price", price.unit_price);
    w.end_object();
    return json_text(std::move(w).str());
  });

  // POST /api/quotes/{id}/order {version} → 201 the new order, with its lines
  app.api("POST", "/api/quotes/{id}/order", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    return with_body(
        call.req, [](Fields& f) { return f.required_integer("version"); },
        [&](std::int64_t version) -> Response {
          auto order = service::convert_quote_to_order(app.ctx(), call.actor, QuoteId{id}, version);
          if (!order.ok()) return error_response(order.error(), call.req);
          return json_text(
              entity_json(service::view_entity(app.ctx(), call.actor, std::move(*order)),
                          *call.actor.snapshot),
              201);
        });
  });
}

}  // namespace fupan::http
