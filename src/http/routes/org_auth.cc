// /api/auth: log in, log out, who am I, change my password.
#include "http/app.h"
#include "http/json_io.h"
#include "service/org/record_json.h"

namespace fupan::http {
namespace json = boost::json;

namespace {

std::string session_cookie(const App& app, const std::string& token, long max_age) {
  std::string c = "fupan_session=" + token +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (app.options().secure_cookies) c += "; Secure";
  return c;
}

// What a signed-in web app needs first, as GET /api/auth/me answers it: the user, the org, the
// org's today and the server's now (so a login needs no second round trip).
void add_session_members(json::object& out, const App& app, OrgId org, UserId user) {
  auto snap = app.ctx().orgs.get(org);
  const Instant now = app.ctx().clock.now();
  const LocalDate today = local_date(now, snap->org().timezone);
  out["user"] = service::to_json(*snap->user(user), *snap, today);
  out["org"] = service::to_json(snap->org());
  out["today"] = format_date(today);
  out["now"] = format_rfc3339(now);
}

}  // namespace

void add_auth_routes(App& app) {
  app.open("POST", "/api/auth/login", [&app](Request& req) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(req));
    Fields f(body);
    std::string username = f.required_str("username");
    std::string password = f.required_str("password");
    if (auto s = f.finish(); !s.ok()) return s.error();
    FUPAN_ASSIGN_OR_RETURN(
        auto login, app.auth().login(username, password, req.remote_ip, req.header("user-agent")));
    const auto max_age =
        std::chrono::duration_cast<std::chrono::seconds>(login.expires_at - app.ctx().clock.now());
    json::object out{{"token", login.token},
                     {"csrf_token", login.csrf_token},
                     {"expires_at", format_rfc3339(login.expires_at)}};
    add_session_members(out, app, login.org, login.user);
    Response r = json_response(out);
    r.add_header("Set-Cookie",
                 session_cookie(app, login.token, static_cast<long>(max_age.count())));
    r.add_header("Cache-Control", "no-store");
    return r;
  });

  app.api("POST", "/api/auth/logout", [&app](Call& call) -> Result<Response> {
    app.auth().logout(call.actor, call.token);
    Response r = no_content();
    r.add_header("Set-Cookie", session_cookie(app, "", 0));
    return r;
  });

  app.api("GET", "/api/auth/me", [&app](Call& call) -> Result<Response> {
    JsonWriter w;  // streamed: every page load of the web app asks this
    w.begin_object();
    w.key("user");
    service::write_json(w, call.actor.user(), *call.actor.snapshot, call.actor.today);
    w.key("org");
    service::write_json(w, call.actor.snapshot->org());
    w.field("csrf_token", call.csrf_token);
    // The org's today and the server's now: the web app's periods and "x hours ago" start from
    // them, not from the browser's clock.
    w.field("today", format_date(call.actor.today));
    w.field("now", format_rfc3339(app.ctx().clock.now()));
    w.end_object();
    Response r;
    r.body = std::move(w).str();
    return r;
  });

  app.api("POST", "/api/auth/password", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    std::string old_password = f.required_str("old_password");
    std::string new_password = f.required_str("new_password");
    if (auto s = f.finish(); !s.ok()) return s.error();
    FUPAN_TRY(app.auth().change_password(call.actor, call.token, old_password, new_password));
    return no_content();
  });
}

}  // namespace fupan::http
