// /api/commissions/plans: the org's commission plans (docs/performance.md), read by everyone,
// kept by the admin; thin handlers over service/performance/commission_plans.
#include "domain/performance/commission_json.h"
#include "http/app.h"
#include "http/routes/commissions_io.h"
#include "service/performance/commission_plans.h"

namespace fupan::http {
namespace {

Response plan_response(const performance::CommissionPlan& p, int status) {
  JsonWriter w;
  performance::write_plan(w, p);
  return json_text(std::move(w).str(), status);
}

}  // namespace

void add_commission_plan_routes(App& app) {
  // {items:[plan]}, earliest first
  app.api("GET", "/api/commissions/plans", [&app](Call& call) -> Result<Response> {
    FUPAN_TRY(only_params(call.req, {}));
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const auto& p : service::list_commission_plans(app.ctx(), call.actor)) {
      performance::write_plan(w, p);
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {name, effective_from, effective_to?, base, mode, bands, target_bonus?, cap?, …} → 201
  app.api("POST", "/api/commissions/plans", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    auto plan = read_plan(f);
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto saved,
                           service::create_commission_plan(app.ctx(), call.actor, std::move(plan)));
    return plan_response(saved, 201);
  });

  // The whole plan again, with version.
  app.api("PATCH", "/api/commissions/plans/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    auto plan = read_plan(f);
    const auto version = f.required_integer("version");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto saved, service::change_commission_plan(app.ctx(), call.actor, id,
                                                                       std::move(plan), version));
    return plan_response(saved, 200);
  });
}

}  // namespace fupan::http
