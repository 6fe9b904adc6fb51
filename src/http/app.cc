#include "http/app.h"

#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>

#include "core/crypto.h"
#include "http/json_io.h"

namespace fupan::http {

std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    std::size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view pair(header.data() + pos, end - pos);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
    pos = end;
  }
  return {};
}

App::App(const service::Context& ctx, AppOptions options)
    : ctx_(ctx), options_(std::move(options)), auth_(ctx_), static_files_(options_.web_dir) {
  metrics_.register_route("other");
  metrics_.register_route("static");
  add_system_routes(*this);
  add_auth_routes(*this);
  add_user_routes(*this);
  add_org_routes(*this);
  add_audit_routes(*this);
  add_customer_routes(*this);
  add_entity_routes(*this);
  add_sales_doc_routes(*this);
  add_receivable_routes(*this);
  add_pipeline_routes(*this);
  add_todo_routes(*this);
  add_target_routes(*this);
  add_target_tree_routes(*this);
  add_target_progress_routes(*this);
  add_plan_routes(*this);
  add_import_routes(*this);
  add_metric_routes(*this);
  add_analysis_routes(*this);
  add_report_template_routes(*this);
  add_report_team_routes(*this);
  add_report_routes(*this);
  add_notification_routes(*this);
  add_review_routes(*this);
  add_review_meeting_routes(*this);
  add_review_item_routes(*this);
  add_review_library_routes(*this);
  add_commission_plan_routes(*this);
  add_commission_statement_routes(*this);
}

void App::open(const std::string& method, const std::string& pattern, Router::Handler handler) {
  metrics_.register_route(method + " " + pattern);
  router_.add(method, pattern, std::move(handler));
}

void App::api(const std::string& method, const std::string& pattern,
              std::function<Result<Response>(Call&)> handler) {
  const bool is_write = method != "GET" && method != "HEAD";
  open(method, pattern,
       [this, is_write, handler = std::move(handler)](Request& req) -> Result<Response> {
         bool from_cookie = false;
         const std::string token = session_token(req, from_cookie);
         auto session = token.empty() ? std::nullopt : auth_.authenticate(token);
         if (!session) return error_response(Error::of(ErrorCode::unauthenticated), req);
         if (is_write && from_cookie &&
             !constant_time_equal(req.header("x-csrf-token"), session->csrf_token)) {
           return error_response(Error::of(ErrorCode::csrf_failed), req);
         }
         // The snapshot the session was checked against: one read of the org per request.
         service::Actor actor =
             service::make_actor(ctx_, std::move(session->snapshot), session->user, req.remote_ip);
         Call call{req, actor, token, session->csrf_token};
         return handler(call);
       });
}

std::string App::session_token(const Request& req, bool& from_cookie) {
  std::string auth = req.header("authorization");
  if (auth.size() > 7 && (auth.rfind("Bearer ", 0) == 0 || auth.rfind("bearer ", 0) == 0)) {
    from_cookie = false;
    return auth.substr(7);
  }
  from_cookie = true;
  return cookie_value(req.header("cookie"), "fupan_session");
}

Response App::dispatch(Request& req, std::string& route_label) {
  auto found = router_.find(req);
  if (found.match == Router::Match::found) {
    route_label = req.method + " " + *found.pattern;
    Result<Response> answer = (*found.handler)(req);
    return answer.ok() ? std::move(answer).value() : error_response(answer.error(), req);
  }
  const bool is_api =
      req.path == "/api" || req.path.rfind("/api/", 0) == 0 || req.path == "/metrics";
  if (found.match == Router::Match::wrong_method) {
    return error_response(Error::of(ErrorCode::method_not_allowed), req);
  }
  if (!is_api && (req.method == "GET" || req.method == "HEAD")) {
    if (auto file = static_files_.serve(req.path, req.header("accept-encoding"))) {
      route_label = "static";
      return *file;
    }
  }
  return error_response(Error::not_found(), req);
}

Response App::handle(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  std::string route_label = "other";
  Response res;
  try {
    res = dispatch(req, route_label);
  } catch (const std::exception& e) {
    spdlog::error("{}", boost::json::serialize(boost::json::object{{"event", "unhandled"},
                                                                   {"method", req.method},
                                                                   {"path", req.path},
                                                                   {"error", e.what()}}));
    res = error_response(Error::of(ErrorCode::internal), req);
  }
  res.add_header("X-Content-Type-Options", "nosniff");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  metrics_.observe(route_label, res.status, elapsed);
  if (options_.log_requests) {
    spdlog::info("{}", boost::json::serialize(boost::json::object{
                           {"method", req.method},
                           {"path", req.path},
                           {"route", route_label},
                           {"status", res.status},
                           {"ms", std::chrono::duration<double, std::milli>(elapsed).count()},
                           {"ip", req.remote_ip}}));
  }
  return res;
}

}  // namespace fupan::http
