// /api/imports: a file uploaded as the raw body is imported in the background; its owner polls
// the job for the phase, the rows done and, at the end, the report (service/io/import_jobs).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <memory>

#include "core/text_encoding.h"
#include "domain/org_validation.h"
#include "http/app.h"
#include "http/json_io.h"
#include "service/io/import_jobs.h"
#include "service/io/import_report_json.h"

namespace fupan::http {
namespace {

constexpr std::size_t kMaxFileName = 255;

// Returns the X-File-Name header, percent-decoded (a browser sends encodeURIComponent(name));
// "" when it is not UTF-8.
std::string file_name(const Request& req) {
  const std::string raw = req.header("x-file-name").substr(0, 3 * kMaxFileName);
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto hex = [&](std::size_t at) -> int {
      const char c = at < raw.size() ? raw[at] : '\0';
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (raw[i] == '%' && hex(i + 1) >= 0 && hex(i + 2) >= 0) {
      out += static_cast<char>(hex(i + 1) * 16 + hex(i + 2));
      i += 2;
    } else {
      out += raw[i];
    }
  }
  if (!is_valid_utf8(out) || utf8_length(out) > kMaxFileName) return {};
  return out;
}

// The job as its owner sees it: {id, kind, file_name, status, phase, done, total, report, error}.
std::string job_json(const service::ImportJobView& job, const Request& req) {
  JsonWriter w;
  w.begin_object();
  w.field("id", job.id);
  w.field("kind", job.kind);
  w.field("file_name", job.file_name);
  w.field("status", service::import_job_status_name(job.status));
  w.field("phase", job.phase);
  w.field("done", job.done);
  w.field("total", job.total);
  w.key("report");
  if (job.report) {
    const bool english = prefers_english(req);
    service::write_import_report(w, *job.report, [english](const service::ImportRowError& e) {
      return row_message(e.code, e.detail, english);
    });
  } else {
    w.null();
  }
  w.key("error");
  if (job.error) {
    // The same {code, message, field} as an error response, in the caller's language.
    const Response res = error_response(*job.error, req);
    w.raw(boost::json::serialize(boost::json::parse(res.body).as_object().at("error")));
  } else {
    w.null();
  }
  w.end_object();
  return std::move(w).str();
}

}  // namespace

void add_import_routes(App& app) {
  auto jobs = std::make_shared<service::ImportJobs>(app.ctx());

  app.api("POST", "/api/imports", [jobs](Call& call) -> Result<Response> {
    const std::string* kind = call.req.query_param("kind");
    if (!kind) return Error{ErrorCode::invalid_query, "kind", {}, {}};
    service::ImportOptions options;
    if (const std::string* v = call.req.query_param("skip_bad")) {
      if (*v != "true" && *v != "false" && *v != "1" && *v != "0") {
        return Error{ErrorCode::invalid_query, "skip_bad", detail::boolean_query, {}};
      }
      options.skip_bad = *v == "true" || *v == "1";
    }
    if (auto s = service::check_import(call.actor, *kind); !s.ok()) return s.error();
    if (call.req.body.empty()) return Error::invalid("file", detail::file_empty);
    auto id =
        jobs->start(call.actor, *kind, file_name(call.req), std::move(call.req.body), options);
    if (!id.ok()) return id.error();
    JsonWriter w;
    w.begin_object();
    w.field("id", *id);
    w.field("status", "queued");
    w.end_object();
    return json_text(std::move(w).str(), 202);
  });

  app.api("GET", "/api/imports/{id}", [jobs](Call& call) -> Result<Response> {
    auto it = call.req.params.find("id");
    if (it == call.req.params.end()) return Error::not_found();
    auto job = jobs->find(it->second, call.actor.id);
    if (!job) return Error::not_found();
    return json_text(job_json(*job, call.req));
  });
}

}  // namespace fupan::http
