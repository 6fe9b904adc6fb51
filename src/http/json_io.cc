#include "http/json_io.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <charconv>

#include "core/error_catalogue.h"
#include "domain/entity_kind.h"

namespace fupan::http {
namespace json = boost::json;

namespace {

// Client-facing messages by error code: {Chinese, English}.
std::pair<const char*, const char*> message_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_json:
      return {"请求内容不是有效的 JSON 对象", "The request body is not a valid JSON object"};
    case ErrorCode::missing_field:
      return {"缺少必填项", "A required field is missing"};
    case ErrorCode::invalid_field:
      return {"填写的内容不正确", "A field has an invalid value"};
    case ErrorCode::unknown_field:
      return {"包含不支持的字段", "The request has a field this endpoint does not accept"};
    case ErrorCode::invalid_query:
      return {"查询参数不正确", "A query parameter is invalid"};
    case ErrorCode::unauthenticated:
      return {"请先登录", "Please log in"};
    case ErrorCode::login_failed:
      return {"用户名或密码错误", "Wrong user name or password"};
    case ErrorCode::csrf_failed:
      return {"页面已过期，请刷新后重试", "The page has expired; reload and try again"};
    case ErrorCode::forbidden:
      return {"您没有权限执行此操作", "You are not allowed to do this"};
    case ErrorCode::not_found:
      return {"记录不存在或您无权查看", "No such record, or you may not see it"};
    case ErrorCode::method_not_allowed:
      return {"不支持的请求方法", "This method is not allowed here"};
    case ErrorCode::version_conflict:
      return {"该记录已被他人修改，请刷新后再改",
              "Someone else changed this record; reload it and try again"};
    case ErrorCode::already_exists:
      return {"该名称已被使用", "This value is already taken"};
    case ErrorCode::in_use:
      return {"仍有其他数据引用该记录，不能删除", "Other records still refer to this one"};
    case ErrorCode::payload_too_large:
      return {"提交的内容太大", "The request body is too large"};
    case ErrorCode::unsupported_media_type:
      return {"请求内容必须是 JSON", "The request body must be JSON"};
    case ErrorCode::rate_limited:
      return {"尝试次数过多，请稍后再试", "Too many attempts; try again later"};
    case ErrorCode::confirmation_required:
      return {"此修改需要确认", "This change needs your confirmation"};
    case ErrorCode::internal:
      return {"服务器内部错误，请稍后再试", "Internal server error; try again later"};
  }
  return {"错误", "Error"};
}

// Returns true iff a Content-Type names application/json: the media type before any parameters,
// compared case-insensitively (RFC 9110 section 8.3.1).
bool is_json_media_type(std::string_view type) {
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  constexpr std::string_view json = "application/json";
  if (type.size() != json.size()) return false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != json[i]) return false;
  }
  return true;
}

std::string field_zh(std::string_view field);

// A commission plan's band field ("bands[1].from_bp") as people say it: 第 2 档的下限.
std::string band_field_zh(std::string_view field) {
  const std::size_t close = field.find(']');
  const std::string index(field.substr(6, close - 6));
  std::int64_t i = 0;
  std::from_chars(index.data(), index.data() + index.size(), i);
  const std::string_view part = close + 2 <= field.size() ? field.substr(close + 2) : "";
  const std::string band = "第 " + std::to_string(i + 1) + " 档";
  if (part == "from_bp") return band + "的下限";
  if (part == "to_bp") return band + "的上限";
  if (part == "rate_bp") return band + "的费率";
  return band;
}

// Field names as a Chinese user knows them; the API's `field` keeps the English name.
std::string field_zh(std::string_view field) {
  if (field.rfind("bands[", 0) == 0 && field.find(']') != std::string_view::npos) {
    return band_field_zh(field);
  }
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"username", "用户名"},
      {"display_name", "姓名"},
      {"password", "密码"},
      {"old_password", "原密码"},
      {"new_password", "新密码"},
      {"email", "邮箱"},
      {"phone", "手机号"},
      {"roles", "角色"},
      {"region_id", "区域"},
      {"name", "名称"},
      {"code", "编码"},
      {"parent_id", "上级团队"},
      {"team_id", "团队"},
      {"user_id", "用户"},
      {"role", "团队角色"},
      {"valid_from", "生效日期"},
      {"valid_to", "截止日期"},
      {"version", "版本"},
      {"timezone", "时区"},
      {"fiscal_year_start_month", "财年起始月份"},
      {"active", "启用状态"},
      {"page", "页码"},
      {"page_size", "每页条数"},
      {"sort", "排序"},
      {"current", "当前"},
      {"entity_id", "记录编号"},
      {"metric", "指标"},
      {"scope", "范围"},
      {"period", "时段"},
      {"by", "细分方式"},
      {"segment", "细分维度"},
      {"segment_key", "细分值"},
      {"pipeline", "销售流程"},
      {"months", "月数"},
      {"format", "格式"},
      {"kind", "类别"},
      {"root_cause", "根因"},
      {"participant_ids", "参与人"},
      {"tone", "卡片类型"},
      {"why", "原因"},
      {"section", "所属部分"},
      {"summary", "总结"},
      {"target_value", "目标值"},
      {"effective_from", "生效日期"},
      {"effective_to", "结束日期"},
      {"base", "计提基数"},
      {"mode", "计提方式"},
      {"bands", "档位"},
      {"target_bonus", "达标奖"},
      {"cap", "封顶金额"},
      {"min_margin_bp", "最低毛利率"},
      {"clawback_unpaid_days", "回款期限（天）"},
      {"credit_manager", "经理提成"},
      {"reason", "原因"},
      {"amount", "金额"}};
  for (const auto& [en, zh] : kNames) {
    if (en == field) return std::string(zh);
  }
  for (const EntityKind* k : entity_kinds()) {  // the CRM fields' own labels
    if (const Field* f = k->field(field)) return std::string(f->zh);
  }
  return std::string(field);
}

// Adds the detail's code and parameters ({"min": 1, "max": 12}) to an error object.
void write_detail(const Detail& detail, json::object& err) {
  err["detail_code"] = detail_code_name(detail.code);
  json::object params;
  const std::vector<std::string_view> names = detail_param_names(detail.code);
  for (std::size_t i = 0; i < names.size() && i < detail.params.size(); ++i) {
    if (const auto* n = std::get_if<std::int64_t>(&detail.params[i])) {
      params[names[i]] = *n;
    } else {
      params[names[i]] = std::get<std::string>(detail.params[i]);
    }
  }
  err["params"] = std::move(params);
}

std::optional<std::int64_t> parse_int(const std::string& s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

bool prefers_english(const Request& req) {
  if (const std::string* lang = req.query_param("lang")) return lang->rfind("en", 0) == 0;
  std::string lang = req.header("accept-language");
  return lang.rfind("en", 0) == 0;
}

Result<json::object> parse_object(const Request& req) {
  if (!is_json_media_type(req.header("content-type")))
    return Error::of(ErrorCode::unsupported_media_type);
  json::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec) return Error::of(ErrorCode::invalid_json, detail::json_syntax(ec.message()));
  if (!v.is_object()) return Error::of(ErrorCode::invalid_json, detail::body_not_object);
  return std::move(v.as_object());
}

const json::value* Fields::take(const std::string& name) {
  seen_.insert(name);
  auto it = obj_.find(name);
  return it == obj_.end() ? nullptr : &it->value();
}

std::optional<std::string> Fields::str(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(Error::invalid(name, detail::string));
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<std::optional<std::string>> Fields::nullable_str(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::string>{};
  if (!v->is_string()) {
    fail(Error::invalid(name, detail::string_or_null));
    return std::nullopt;
  }
  return std::optional<std::string>{std::string(v->as_string())};
}

std::optional<std::int64_t> Fields::integer(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  fail(Error::invalid(name, detail::integer));
  return std::nullopt;
}

std::optional<std::optional<std::int64_t>> Fields::nullable_integer(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::int64_t>{};
  if (v->is_int64()) return std::optional<std::int64_t>{v->as_int64()};
  fail(Error::invalid(name, detail::integer_or_null));
  return std::nullopt;
}

std::optional<bool> Fields::boolean(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(Error::invalid(name, detail::boolean));
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::vector<std::string>> Fields::str_array(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(Error::invalid(name, detail::string_array));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const json::value& e : v->as_array()) {
    if (!e.is_string()) {
      fail(Error::invalid(name, detail::string_array));
      return std::nullopt;
    }
    out.emplace_back(e.as_string());
  }
  return out;
}

std::optional<std::vector<std::int64_t>> Fields::int_array(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  std::vector<std::int64_t> out;
  if (v->is_array()) {
    for (const json::value& e : v->as_array()) {
      if (!e.is_int64()) {
        out.clear();
        break;
      }
      out.push_back(e.as_int64());
    }
    if (out.size() == v->as_array().size()) return out;
  }
  fail(Error::invalid(name, detail::integer_array));
  return std::nullopt;
}

std::int64_t Fields::required_integer(const std::string& name) {
  auto v = integer(name);
  if (!v && obj_.find(name) == obj_.end()) fail(Error::missing(name));
  return v.value_or(0);
}

std::string Fields::required_str(const std::string& name) {
  auto v = str(name);
  if (!v && obj_.find(name) == obj_.end()) fail(Error::missing(name));
  return v.value_or("");
}

Status Fields::finish() const {
  if (error_) return *error_;
  for (const auto& kv : obj_) {
    std::string key(kv.key());
    if (!seen_.contains(key))
      return Error{ErrorCode::unknown_field, key, detail::not_accepted_here, {}};
  }
  return {};
}

Result<service::PageRequest> page_request(const Request& req) {
  service::PageRequest p;
  if (auto* v = req.query_param("page")) {
    auto n = parse_int(*v);
    if (!n || *n < 1 || *n > 1000000)
      return Error{ErrorCode::invalid_query, "page", detail::integer_from(1), {}};
    p.page = *n;
  }
  if (auto* v = req.query_param("page_size")) {
    auto n = parse_int(*v);
    if (!n || *n < 1 || *n > 500)
      return Error{ErrorCode::invalid_query, "page_size", detail::integer_range(1, 500), {}};
    p.page_size = *n;
  }
  if (auto* v = req.query_param("q")) p.q = *v;
  if (auto* v = req.query_param("sort")) p.sort = *v;
  return p;
}

Result<std::optional<std::int64_t>> query_id(const Request& req, const std::string& name) {
  auto* v = req.query_param(name);
  if (!v) return std::optional<std::int64_t>{};
  auto n = parse_int(*v);
  if (!n || *n < 1) return Error{ErrorCode::invalid_query, name, detail::positive_id, {}};
  return std::optional<std::int64_t>{*n};
}

Result<std::int64_t> query_version(const Request& req) {
  auto* v = req.query_param("version");
  if (!v) return Error{ErrorCode::invalid_query, "version", detail::version_required, {}};
  auto n = parse_int(*v);
  if (!n || *n < 1) return Error{ErrorCode::invalid_query, "version", detail::positive_integer, {}};
  return *n;
}

Result<std::int64_t> path_id(const Request& req, const std::string& name) {
  auto it = req.params.find(name);
  if (it == req.params.end()) return Error::not_found();
  auto n = parse_int(it->second);
  if (!n || *n < 1) return Error::not_found();
  return *n;
}

Response json_response(const json::value& v, int status) {
  Response r;
  r.status = status;
  r.body = json::serialize(v);
  return r;
}

Response json_text(std::string json, int status) {
  Response r;
  r.status = status;
  r.body = std::move(json);
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

std::string row_message(std::string_view code, const Detail& detail, bool english) {
  for (int i = 0; i <= static_cast<int>(ErrorCode::internal); ++i) {
    const auto c = static_cast<ErrorCode>(i);
    if (error_code_name(c) != code) continue;
    if (!detail.empty()) return detail_text(detail, english ? Lang::en : Lang::zh);
    auto [zh, en] = message_for(c);
    return english ? en : zh;
  }
  return fupan::english(detail);
}

Response error_response(const Error& e, const Request& req) {
  auto [zh, en] = message_for(e.code);
  const bool english = prefers_english(req);
  std::string message = english ? en : zh;
  if (!e.field.empty()) message += english ? ": " + e.field : "：" + field_zh(e.field);
  // An internal error's detail is for the log only; a body that is not JSON says so by its code.
  if (!e.detail.empty() && e.code != ErrorCode::internal && e.code != ErrorCode::invalid_json) {
    const std::string d = detail_text(e.detail, english ? Lang::en : Lang::zh);
    message += english ? " (" + d + ")" : "（" + d + "）";
  }
  json::object err{{"code", error_code_name(e.code)}, {"message", message}};
  if (!e.field.empty()) err["field"] = e.field;
  if (!e.detail.empty() && e.code != ErrorCode::internal) write_detail(e.detail, err);
  if (e.current_version) err["current_version"] = *e.current_version;
  if (e.affected) err["affected"] = *e.affected;
  return json_response(json::object{{"error", std::move(err)}}, http_status(e.code));
}

// "attachment; filename=...; filename*=UTF-8''..." (RFC 6266) for a possibly Chinese file name.
std::string attachment_disposition(const std::string& name) {
  std::string ascii, encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    ascii += (c < 0x80 && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Response xlsx_response(service::Workbook book, const Request& req) {
  if (book.bytes.empty()) {
    return error_response(Error::of(ErrorCode::internal, detail::workbook_not_written), req);
  }
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(book.bytes);
  r.add_header("Content-Disposition", attachment_disposition(book.file_name));
  return r;
}

Error query_error(std::string field, Detail why) {
  return {ErrorCode::invalid_query, std::move(field), std::move(why), {}};
}

Error as_query_error(Error e) {
  if (e.code == ErrorCode::missing_field) return query_error(std::move(e.field), detail::required);
  if (e.code == ErrorCode::invalid_field) e.code = ErrorCode::invalid_query;
  return e;
}

Status only_params(const Request& req, std::initializer_list<std::string_view> known,
                   const Detail& why) {
  for (const auto& [key, value] : req.query) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return query_error(key, why);
    }
  }
  return {};
}

std::string query_text(const Request& req, const std::string& name) {
  const std::string* v = req.query_param(name);
  return v ? *v : std::string();
}

}  // namespace fupan::http
