// The HTTP application: routes, authentication, CSRF, errors, metrics and logs around thin
// handlers. Transport-free: beast_server.cc feeds it Requests.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"
#include "service/org/auth_service.h"
#include "service/platform/context.h"

namespace fupan::http {

struct AppOptions {
  std::string web_dir = "web/dist";  // built front end; empty serves none
  bool secure_cookies = false;       // set the Secure flag (behind HTTPS)
  bool log_requests = true;
};

// One authenticated API call as a handler sees it.
struct Call {
  Request& req;
  service::Actor& actor;
  const std::string& token;
  const std::string& csrf_token;
};

class App {
 public:
  App(const service::Context& ctx, AppOptions options);

  // Answers one request; never throws.
  Response handle(Request& req);
  // Returns "METHOD pattern" for every route (for the OpenAPI check).
  std::vector<std::string> routes() const { return router_.describe(); }

  // Registers an endpoint that needs a session. An error the handler returns is answered as
  // error_response in the caller's language.
  void api(const std::string& method, const std::string& pattern,
           std::function<Result<Response>(Call&)> handler);
  // Registers an endpoint open to all.
  void open(const std::string& method, const std::string& pattern, Router::Handler handler);

  const service::Context& ctx() const { return ctx_; }
  service::AuthService& auth() { return auth_; }
  Metrics& metrics() { return metrics_; }
  const AppOptions& options() const { return options_; }

 private:
  Response dispatch(Request& req, std::string& route_label);
  // Returns the session token of `req` (Bearer or cookie); sets from_cookie.
  static std::string session_token(const Request& req, bool& from_cookie);

  service::Context ctx_;
  AppOptions options_;
  service::AuthService auth_;
  Router router_;
  Metrics metrics_;
  StaticFiles static_files_;
};

// Route groups, one file each.
void add_system_routes(App& app);
void add_auth_routes(App& app);
void add_user_routes(App& app);
void add_org_routes(App& app);
void add_audit_routes(App& app);
void add_entity_routes(App& app);
void add_sales_doc_routes(App& app);
void add_receivable_routes(App& app);
void add_pipeline_routes(App& app);
void add_todo_routes(App& app);
void add_target_routes(App& app);
void add_target_tree_routes(App& app);
void add_target_progress_routes(App& app);
void add_plan_routes(App& app);
void add_customer_routes(App& app);
void add_import_routes(App& app);
void add_metric_routes(App& app);
void add_analysis_routes(App& app);
void add_report_template_routes(App& app);
void add_report_routes(App& app);
void add_report_team_routes(App& app);
void add_notification_routes(App& app);
void add_review_routes(App& app);
void add_review_meeting_routes(App& app);
void add_review_item_routes(App& app);
void add_review_library_routes(App& app);
void add_commission_plan_routes(App& app);
void add_commission_statement_routes(App& app);

// Returns the value of cookie `name` in a Cookie header, or "".
std::string cookie_value(const std::string& header, const std::string& name);

}  // namespace fupan::http
