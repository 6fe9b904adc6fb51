// JSON in and out: reading request bodies field by field (type errors and unknown fields become
// clear 400s), and writing responses and errors.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json_writer.h"
#include "http/request.h"
#include "service/io/workbook.h"
#include "service/platform/paging.h"

namespace fupan::http {

// Returns true iff the caller reads English: ?lang=en, else an Accept-Language starting with en.
bool prefers_english(const Request& req);
// A 400 invalid_query error naming the query parameter `field`.
Error query_error(std::string field, Detail why);
// The service names the input at fault as a field; on a GET every input is a query parameter, so
// invalid_field becomes invalid_query and a missing field "required".
Error as_query_error(Error e);
// Ok unless the query has a parameter not in `known` (invalid_query naming it, with `why`).
Status only_params(const Request& req, std::initializer_list<std::string_view> known,
                   const Detail& why = detail::not_a_parameter);
// The first value of query parameter `name`, or "".
std::string query_text(const Request& req, const std::string& name);
// "attachment; filename=...; filename*=UTF-8''..." (RFC 6266) for a possibly Chinese file name.
std::string attachment_disposition(const std::string& name);
// The workbook as a download under its file name; 500 internal when it could not be written.
Response xlsx_response(service::Workbook book, const Request& req);
// Returns the body of `req` as a JSON object (415 for another content type, 400 for bad JSON).
Result<boost::json::object> parse_object(const Request& req);

// Reads the fields of a JSON object. Accessors return nullopt when the field is absent; the first
// type error and any field never asked for are reported by finish().
class Fields {
 public:
  explicit Fields(const boost::json::object& obj) : obj_(obj) {}

  std::optional<std::string> str(const std::string& name);
  std::optional<std::optional<std::string>> nullable_str(const std::string& name);
  std::optional<std::int64_t> integer(const std::string& name);
  std::optional<std::optional<std::int64_t>> nullable_integer(const std::string& name);
  std::optional<bool> boolean(const std::string& name);
  std::optional<std::vector<std::string>> str_array(const std::string& name);
  std::optional<std::vector<std::int64_t>> int_array(const std::string& name);
  // Like integer(), and records missing_field when absent.
  std::int64_t required_integer(const std::string& name);
  // Like str(), and records missing_field when absent.
  std::string required_str(const std::string& name);

  // The field as it is (an object or array read by the caller), or nullptr when absent.
  const boost::json::value* raw(const std::string& name) { return take(name); }
  // Records a problem the caller found in a raw field; finish() reports the first.
  void reject(Error e) { fail(std::move(e)); }

  // Returns the first problem: a wrong type, a missing required field, or an unknown field.
  Status finish() const;

 private:
  const boost::json::value* take(const std::string& name);
  void fail(Error e) {
    if (!error_) error_ = std::move(e);
  }
  const boost::json::object& obj_;
  std::set<std::string> seen_;
  std::optional<Error> error_;
};

// Reads page, page_size, q and sort from the query string.
Result<service::PageRequest> page_request(const Request& req);
// Reads an optional integer query parameter `name` (> 0).
Result<std::optional<std::int64_t>> query_id(const Request& req, const std::string& name);
// Reads the required "version" query parameter of a DELETE.
Result<std::int64_t> query_version(const Request& req);
// Reads a path parameter that must be a positive id; not_found otherwise.
Result<std::int64_t> path_id(const Request& req, const std::string& name = "id");

Response json_response(const boost::json::value& v, int status = 200);
// A response whose body is `json`, already written (by a JsonWriter or a render function).
Response json_text(std::string json, int status = 200);
Response no_content();
// The reason of one bad row of an import, in the caller's language: the detail, or the message
// of the error code when there is none.
std::string row_message(std::string_view code, const Detail& detail, bool english);
// The error body {"error":{"code","message","field","detail_code","params"}} in the request's
// language (no detail_code and params for an internal error or when there is no detail).
Response error_response(const Error& e, const Request& req);
// A list page {"items","total","page","page_size"}; write_item(writer, item) streams each item
// (lists are the hot path: no document is built).
template <class T, class WriteItem>
Response page_response(const service::Page<T>& page, WriteItem&& write_item) {
  JsonWriter w;
  w.begin_object();
  w.key("items").begin_array();
  for (const auto& item : page.items) write_item(w, item);
  w.end_array();
  w.field("total", page.total);
  w.field("page", page.page);
  w.field("page_size", page.page_size);
  w.end_object();
  Response r;
  r.body = std::move(w).str();
  return r;
}

}  // namespace fupan::http

namespace fupan::http {

// Parses the JSON body of `req`, reads it with `read(Fields&)`, and passes what it read to
// `act`; any problem with the body answers 400/415 before `act` runs.
template <class Read, class Act>
Response with_body(const Request& req, Read&& read, Act&& act) {
  auto body = parse_object(req);
  if (!body.ok()) return error_response(body.error(), req);
  Fields f(*body);
  auto input = read(f);
  if (auto s = f.finish(); !s.ok()) return error_response(s.error(), req);
  return act(input);
}

// Answers `result` as JSON through `to_json`, or its error.
template <class T, class ToJson>
Response respond(const Result<T>& result, const Request& req, ToJson&& to_json, int status = 200) {
  if (!result.ok()) return error_response(result.error(), req);
  return json_response(to_json(result.value()), status);
}

// Answers 204, or the error of `status`.
inline Response respond(const Status& status, const Request& req) {
  return status.ok() ? no_content() : error_response(status.error(), req);
}

}  // namespace fupan::http
