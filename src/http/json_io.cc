#include "http/json_io.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <charconv>

#include "domain/entity_kind.h"

namespace fupan::http {
namespace json = boost::json;

namespace {

std::string type_hint(std::string_view expected) {
  return std::string("must be ") + std::string(expected);
}

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

// Field names as a Chinese user knows them; the API's `field` keeps the English name.
std::string_view field_zh(std::string_view field) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"username", "用户名"},     {"display_name", "姓名"},
      {"password", "密码"},       {"old_password", "原密码"},
      {"new_password", "新密码"}, {"email", "邮箱"},
      {"phone", "手机号"},        {"roles", "角色"},
      {"region_id", "区域"},      {"name", "名称"},
      {"code", "编码"},           {"parent_id", "上级团队"},
      {"team_id", "团队"},        {"user_id", "用户"},
      {"role", "团队角色"},       {"valid_from", "生效日期"},
      {"valid_to", "截止日期"},   {"version", "版本"},
      {"timezone", "时区"},       {"fiscal_year_start_month", "财年起始月份"},
      {"active", "启用状态"},     {"page", "页码"},
      {"page_size", "每页条数"},  {"sort", "排序"},
      {"current", "当前"},        {"entity_id", "记录编号"},
      {"metric", "指标"},         {"scope", "范围"},
      {"period", "时段"},         {"by", "细分方式"},
      {"segment", "细分维度"},    {"segment_key", "细分值"},
      {"pipeline", "销售流程"},   {"months", "月数"},
      {"format", "格式"},         {"kind", "类别"}};
  for (const auto& [en, zh] : kNames) {
    if (en == field) return zh;
  }
  for (const EntityKind* k : entity_kinds()) {  // the CRM fields' own labels
    if (const Field* f = k->field(field)) return f->zh;
  }
  return field;
}

// The Chinese form of a detail; empty when there is none (the English detail is then left out).
std::string detail_zh(std::string_view d) {
  static const std::pair<std::string_view, std::string_view> kDetails[] = {
      {"1..12", "应为 1 到 12"},
      {"a date YYYY-MM-DD", "应为日期，格式 YYYY-MM-DD"},
      {"a membership cannot move to another user", "成员记录不能转给其他用户"},
      {"a positive integer", "应为正整数"},
      {"a positive integer id", "应为正整数编号"},
      {"a role name", "应为角色名称"},
      {"a sub-team belongs to its parent's region", "下级团队必须与上级团队属于同一区域"},
      {"a team cannot be placed below itself", "团队不能放在自己的下级"},
      {"a team with sub-teams keeps its region; move its sub-teams first",
       "该团队有下级团队，请先调整下级团队再更换区域"},
      {"an IANA time zone such as Asia/Shanghai", "应为时区名称，例如 Asia/Shanghai"},
      {"an integer 1..500", "应为 1 到 500 的整数"},
      {"an integer from 1", "应为从 1 开始的整数"},
      {"at least one role", "至少选择一个角色"},
      {"each role is one of rep, manager, director, analyst, admin",
       "角色只能是 rep、manager、director、analyst、admin"},
      {"member or leader", "应为 member（成员）或 leader（负责人）"},
      {"must be 2..64 characters", "长度应为 2 到 64 个字符"},
      {"must be 5..32 characters", "长度应为 5 到 32 个字符"},
      {"must be a string", "应为文本"},
      {"must be a string or null", "应为文本或空"},
      {"must be after valid_from", "必须晚于生效日期"},
      {"must be an array of strings", "应为文本列表"},
      {"must be an e-mail address", "应为有效的邮箱地址"},
      {"must be an integer", "应为整数"},
      {"must be an integer or null", "应为整数或空"},
      {"must be true or false", "应为 true 或 false"},
      {"must be UTF-8 text", "应为 UTF-8 文本"},
      {"must not be blank", "不能为空"},
      {"must not contain control characters", "不能包含控制字符"},
      {"no such region", "区域不存在"},
      {"no such team", "团队不存在"},
      {"no such user", "用户不存在"},
      {"one of id, username, display_name, created_at",
       "只能按 id、username、display_name、created_at 排序"},
      {"only digits, spaces, '+', '-', '(' and ')'", "只能包含数字、空格和 + - ( )"},
      {"only lower-case letters, digits, '.', '_' and '-'", "只能包含小写字母、数字和 . _ -"},
      {"other records still refer to it", "仍有其他数据引用该记录"},
      {"overlaps another membership of this user in this team",
       "与该用户在此团队的另一段成员期重叠"},
      {"the current password is wrong", "原密码不正确"},
      {"the team tree is too deep", "团队层级过深"},
      {"the version you read is required", "需要提供读取时的版本号"},
      {"too many failed logins; try again in 5 minutes", "登录失败次数过多，请 5 分钟后再试"},
      {"true or false", "应为 true 或 false"},
      {"unknown sort field", "不支持的排序字段"},
      {"use the password endpoint", "请使用修改密码功能"},
      {"you cannot deactivate yourself", "不能停用自己的账号"},
      {"you cannot remove your own admin role", "不能移除自己的管理员角色"},
      {"not accepted here", "此处不接受该字段"},
      // CRM fields (service/crm/entity_values.cc, entity_service.cc, export_service.cc)
      {"a tag cannot contain ','", "标签不能包含逗号"},
      {"each tag at most 32 characters", "每个标签最多 32 个字符"},
      {"must not be negative", "不能为负数"},
      {"must be positive", "必须大于 0"},
      {"too large", "数值过大"},
      {"an integer number of fen", "应为以分为单位的整数"},
      {"a time such as 2026-11-23T14:30:00+08:00", "应为时间，例如 2026-11-23T14:30:00+08:00"},
      {"a date such as 2026-11-23", "应为日期，例如 2026-11-23"},
      {"a time such as 2026-11-23 14:30", "应为时间，例如 2026-11-23 14:30"},
      {"yes or no", "应为 是 或 否"},
      {"set by the system", "由系统自动生成，不能修改"},
      {"not a filter of this list", "该列表不支持此筛选条件"},
      {"this user is deactivated", "该用户已停用"},
      {"no such pipeline", "销售流程不存在"},
      {"no such stage", "阶段不存在"},
      {"no such record, or not yours to see", "记录不存在或无权查看"},
      {"the export file could not be written", "导出文件生成失败"},
      {"must not be empty", "不能为空"},
      {"at most 2 decimal places", "最多两位小数"},
      {"amount is out of range", "金额超出范围"},
      {"must be an amount in yuan, e.g. 1234.56", "应为金额（元），例如 1234.56"},
      // customers (service/crm/customer_service.cc)
      {"already the owner", "已经是该客户的负责人"},
      {"1..500 ids", "应为 1 到 500 个编号"},
      {"each id at most once", "每个编号只能出现一次"},
      {"must be an array of positive integer ids", "应为正整数编号列表"},
      // pipelines, opportunities, activities, to-dos, org settings
      {"abc or rfm", "应为 abc（按近 12 个月销售额）或 rfm"},
      {"1..365", "应为 1 到 365"},
      {"a stage's kind is open, won or lost",
       "阶段类型应为 open（进行中）、won（赢单）或 lost（输单）"},
      {"a new pipeline's stages have no id", "新建销售流程的阶段不能带编号"},
      {"make another pipeline the default instead", "请把另一个销售流程设为默认"},
      {"a stage that opportunities are or were in cannot be removed",
       "有商机正处于或曾处于该阶段，不能删除"},
      {"the kind of a stage that opportunities are in cannot change",
       "有商机处于该阶段，不能更改阶段类型"},
      {"a list of stages", "应为阶段列表"},
      {"a stage", "应为一个阶段"},
      {"belongs to another pipeline", "属于其他销售流程"},
      {"this pipeline has no open stage", "该销售流程没有进行中的阶段"},
      {"only a revisit carries a satisfaction score", "只有回访才能填写满意度"},
      {"belongs to another customer", "属于其他客户"},
      {"own or team", "应为 own（我的）或 team（团队）"},
      {"only with scope=team", "只能与 scope=team 一起使用"},
      {"not in your data scope", "不在你的数据范围内"},
      {"all, follow_up or stalled",
       "应为 all（全部待办）、follow_up（逾期跟进）或 stalled（停滞商机）"},
      {"follow_up or stalled", "应为 follow_up（逾期跟进）或 stalled（停滞商机）"},
      {"remind someone else", "不能催办自己"},
      {"no such active user", "没有这个在职用户"},
      {"not for kind all", "催办全部待办时不能指定记录"},
      {"not one of their to-dos", "这不是对方的待办"},
      {"a day after today, within a year", "应为今天之后、一年以内的日期"},
      {"not open", "该商机已结束"},
      {"a day as YYYY-MM-DD", "应为日期，格式 YYYY-MM-DD"},
      {"a check-in needs both latitude and longitude", "签到需要同时有纬度和经度"},
      {"a number of degrees", "应为以度为单位的数字"},
      {"a number of degrees such as 31.230416", "应为以度为单位的数字，例如 31.230416"},
      {"degrees from -90 to 90", "应在 -90 到 90 度之间"},
      {"degrees from -180 to 180", "应在 -180 到 180 度之间"},
      {"a phone number: 7 to 15 digits, with +, spaces, '-', '(' and ')', and an extension (转 "
       "123)",
       "应为电话号码：7 到 15 位数字，可带 +、空格、-、括号和分机号（转 123）"},
      // quotes, orders, payments, receivables, costs
      {"must be an array of lines", "应为明细行列表"},
      {"at most 1000 lines", "最多 1000 行明细"},
      {"at least one line", "至少需要一行明细"},
      {"the quote has been converted to an order", "该报价已转为订单"},
      {"set by converting the quote to an order", "只能通过报价转订单设置"},
      {"must equal the sum of the lines", "必须等于各明细行金额之和"},
      {"less than the payments already received", "不能少于已收回款"},
      {"an order with payments cannot be cancelled", "已有回款的订单不能取消"},
      {"the order has payments", "该订单已有回款"},
      {"the order is cancelled", "该订单已取消"},
      {"more than the order's outstanding amount", "超过了订单未回款金额"},
      {"must be empty for an org-wide cost", "全公司范围的成本不能指定范围编号"},
      {"the quote is already ordered", "该报价已转为订单"},
      {"a rejected quote cannot be ordered", "已拒绝的报价不能转为订单"},
      {"customer or owner", "应为 customer（按客户）或 owner（按负责人）"},
      {"must be an object", "应为对象"},
      {"product_id is required", "缺少产品"},
      {"quantity is required", "缺少数量"},
      {"product_id must be a positive integer id", "产品编号应为正整数"},
      {"quantity must be an integer of at least 1", "数量应为不小于 1 的整数"},
      {"unit_price must be an integer number of fen, 0 or more", "单价应为不小于 0 的整数（分）"},
      {"discount_bp must be an integer 0..10000", "折扣应为 0 到 10000 的整数（万分比）"},
      {"no such product", "产品不存在"},
      {"order total is out of range", "订单总额超出范围"},
      // imports (service/io/import_service.cc and friends)
      {"the file is empty", "文件是空的"},
      {"the header row cannot be read", "无法读取表头行"},
      {"the file has no data rows", "文件中没有数据行"},
      {"more than 2000000 rows", "超过 2,000,000 行"},
      {"not a CSV or .xlsx file", "不是 CSV 或 .xlsx 文件"},
      {"not UTF-8 or GBK text", "文件编码不是 UTF-8 或 GBK"},
      {"an Excel 97-2003 .xls file: save it as .xlsx or CSV",
       "这是 Excel 97-2003 的 .xls 文件，请另存为 .xlsx 或 CSV"},
      {"the column appears more than once", "该列出现了不止一次"},
      {"a required column is missing from the file", "文件缺少必填列"},
      {"the row is not UTF-8 text", "该行不是有效的 UTF-8 文本"},
      {"text after a closing quote", "引号结束后还有多余的文字"},
      {"a quoted field is never closed", "引号没有闭合"},
      {"the same external id is on an earlier row", "前面的行已有相同的外部编号"},
      {"used by a record you cannot change", "该外部编号已被你无权修改的记录使用"},
      {"several users have this name; use the username", "有多个同名用户，请填写用户名"},
      {"several records have this name; use the external id", "有多条同名记录，请填写外部编号"},
      {"several stages have this name; give the pipeline", "有多个同名阶段，请同时填写销售流程"},
      {"several teams have this name", "有多个同名团队"},
      {"the same username is on an earlier row", "前面的行已有相同的用户名"},
      {"one of customers, contacts, opportunities, activities, products, orders, payments, costs, "
       "users, memberships",
       "应为 "
       "customers、contacts、opportunities、activities、products、orders、payments、costs、users、"
       "memberships 之一"},
      {"a time such as 2024-03-05 or 2024-03-05 14:30",
       "应为时间，例如 2024-03-05 或 2024-03-05 14:30"},
      {"must not be in the future", "不能晚于现在"},
      {"no such user (a username, or a unique name)", "用户不存在（请填写用户名，或不重名的姓名）"},
      {"member (成员) or leader (组长)", "应为 成员 或 组长"},
      {"a date such as 2024-03-01", "应为日期，例如 2024-03-01"},
      {"a date such as 2025-06-30", "应为日期，例如 2025-06-30"},
      {"after the start", "应晚于开始日期"},
      {"the same stint is on an earlier row", "前面的行已有同一段成员期"},
      {"a join date needs a team", "填写加入日期时须同时填写团队"},
      {"too many imports at once; wait for one to end", "同时进行的导入太多，请等当前导入完成"},
      // metrics (domain/metric.cc, metric_scope.cc, period.cc,
      // service/analytics/metrics_service.cc)
      {"required", "必填"},
      {"unknown metric; GET /api/metrics/catalog lists them",
       "没有这个指标，GET /api/metrics/catalog 列出全部指标"},
      {"stage_conversion has no growth", "阶段转化率没有增长率"},
      {"use org, region:ID, team:ID or user:ID (or a name or code instead of the ID), joined by "
       "commas",
       "应为 org、region:编号、team:编号 或 "
       "user:编号（编号也可换成名称或代码），多个用英文逗号分隔"},
      {"several share this name: use the ID", "有多个同名的范围，请用编号"},
      {"an id is a positive integer", "编号应为正整数"},
      {"to_date or full", "应为 to_date（进行中的时段按同期至今对比）或 full（整段对比）"},
      {"calendar_days or working_days",
       "应为 calendar_days（按自然日）或 working_days（按工作日）"},
      {"records would fall on another day in the new time zone; send confirm: true to change it",
       "改用新时区后，部分记录会落到另一天；确认（confirm: true）后才会修改"},
      {"at most 500 scopes at once", "一次最多 500 个范围"},
      {"at most 500 answers at once", "指标数乘以范围数最多 500"},
      {"cac and clv do not break down by customer", "cac 与 clv 不能按客户属性细分"},
      {"only orders_amount and orders_count break down by product",
       "只有 orders_amount 与 orders_count 能按产品细分"},
      {"use industry, channel, tier, region or product",
       "应为以下之一：industry、channel、tier、region、product"},
      {"more than 400 periods; ask a shorter span", "超过 400 个时段，请缩短时间范围"},
      {"the question already has a segment", "该查询已指定细分条件，不能再按客户属性细分"},
      {"break down one scope at a time", "一次只能细分一个范围"},
      {"a person has no sub-scopes", "个人没有下级范围"},
      {"use child, team, user, day, week, month, quarter, industry, channel, tier, "
       "region_of_customer or product",
       "应为以下之一：child、team、user、day、week、month、quarter、industry、channel、tier、"
       "region_of_customer、product"},
      {"segment_key needs a segment", "指定 segment_key 时须同时指定 segment"},
      {"not a parameter of this request", "此请求不接受该参数"},
      {"use a day (2026-11-22), a week (2026-W47), a month (2026-11), a quarter (2026-Q4), a "
       "fiscal quarter (FY2026-Q1), a year (2026), a fiscal year (FY2026) or a range "
       "(2026-11-01..2026-11-30)",
       "应为日 2026-11-22、周 2026-W47、月 2026-11、季度 2026-Q4、财季 FY2026-Q1、年 2026、"
       "财年 FY2026 或日期区间 2026-11-01..2026-11-30"},
      {"the year must be 1970..9999", "年份应为 1970 到 9999"},
      {"the month must be 01..12", "月份应为 01 到 12"},
      {"the day is not in the calendar", "日历上没有这一天"},
      {"the week must be W01..W53", "周应为 W01 到 W53"},
      {"this year has only 52 ISO weeks", "该年只有 52 个 ISO 周"},
      {"the quarter must be Q1..Q4", "季度应为 Q1 到 Q4"},
      {"the range must not end before it starts", "区间的结束日期不能早于开始日期"},
      // analyses (service/analytics/analysis_service.cc, http/routes/analytics_analysis.cc)
      {"use child, team or user", "应为以下之一：child、team、user"},
      {"use an additive metric such as orders_amount", "应为可加的指标，例如 orders_amount"},
      {"1 to 12", "应为 1 到 12"},
      {"json or xlsx", "应为 json 或 xlsx"},
      {"use stalled, slipped, churn or overdue", "应为以下之一：stalled、slipped、churn、overdue"},
      {"no such pipeline", "没有这个销售流程"}};
  for (const auto& [en, zh] : kDetails) {
    if (en == d) return std::string(zh);
  }
  if (d.starts_with("one of ")) return "应为以下之一：" + std::string(d.substr(7));
  // "line N: <detail>" (order and quote lines)
  if (d.starts_with("line ")) {
    const std::size_t colon = d.find(": ");
    if (colon != std::string_view::npos) {
      const std::string_view rest = d.substr(colon + 2);
      std::string zh = detail_zh(rest);
      if (zh.empty() && rest.ends_with(" is not accepted here")) {
        zh = std::string(rest.substr(0, rest.size() - 21)) + " 不是可接受的字段";
      }
      if (!zh.empty()) return "第 " + std::string(d.substr(5, colon - 5)) + " 行：" + zh;
    }
  }
  // "stage N is not in this pipeline" / "stage N is listed twice"
  if (d.starts_with("stage ")) {
    const std::string_view rest = d.substr(6);
    const std::size_t sp = rest.find(' ');
    if (sp != std::string_view::npos) {
      const std::string n(rest.substr(0, sp));
      if (rest.substr(sp) == " is not in this pipeline") return "阶段 " + n + " 不属于该销售流程";
      if (rest.substr(sp) == " is listed twice") return "阶段 " + n + " 重复出现";
    }
  }
  // "at most N characters" / "at least N characters"
  for (auto [prefix, zh] : {std::pair{std::string_view("at most "), "最多 "},
                            std::pair{std::string_view("at least "), "至少 "}}) {
    if (d.starts_with(prefix) && d.ends_with(" characters")) {
      return std::string(zh) + std::string(d.substr(prefix.size(), d.size() - prefix.size() - 11)) +
             " 个字符";
    }
  }
  // "at most N" / "at least N" (numbers)
  for (auto [prefix, zh] : {std::pair{std::string_view("at most "), "不能大于 "},
                            std::pair{std::string_view("at least "), "不能小于 "}}) {
    if (d.starts_with(prefix) &&
        d.find_first_not_of("-0123456789", prefix.size()) == std::string_view::npos) {
      return std::string(zh) + std::string(d.substr(prefix.size()));
    }
  }
  return {};
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
  if (ec) return Error::of(ErrorCode::invalid_json, ec.message());
  if (!v.is_object()) return Error::of(ErrorCode::invalid_json, "the body must be a JSON object");
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
    fail(Error::invalid(name, type_hint("a string")));
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<std::optional<std::string>> Fields::nullable_str(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::string>{};
  if (!v->is_string()) {
    fail(Error::invalid(name, type_hint("a string or null")));
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
  fail(Error::invalid(name, type_hint("an integer")));
  return std::nullopt;
}

std::optional<std::optional<std::int64_t>> Fields::nullable_integer(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::int64_t>{};
  if (v->is_int64()) return std::optional<std::int64_t>{v->as_int64()};
  fail(Error::invalid(name, type_hint("an integer or null")));
  return std::nullopt;
}

std::optional<bool> Fields::boolean(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(Error::invalid(name, type_hint("true or false")));
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::vector<std::string>> Fields::str_array(const std::string& name) {
  const json::value* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(Error::invalid(name, type_hint("an array of strings")));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const json::value& e : v->as_array()) {
    if (!e.is_string()) {
      fail(Error::invalid(name, type_hint("an array of strings")));
      return std::nullopt;
    }
    out.emplace_back(e.as_string());
  }
  return out;
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
    if (!seen_.contains(key)) return Error{ErrorCode::unknown_field, key, "not accepted here", {}};
  }
  return {};
}

Result<service::PageRequest> page_request(const Request& req) {
  service::PageRequest p;
  if (auto* v = req.query_param("page")) {
    auto n = parse_int(*v);
    if (!n || *n < 1 || *n > 1000000)
      return Error{ErrorCode::invalid_query, "page", "an integer from 1", {}};
    p.page = *n;
  }
  if (auto* v = req.query_param("page_size")) {
    auto n = parse_int(*v);
    if (!n || *n < 1 || *n > 500)
      return Error{ErrorCode::invalid_query, "page_size", "an integer 1..500", {}};
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
  if (!n || *n < 1) return Error{ErrorCode::invalid_query, name, "a positive integer id", {}};
  return std::optional<std::int64_t>{*n};
}

Result<std::int64_t> query_version(const Request& req) {
  auto* v = req.query_param("version");
  if (!v) return Error{ErrorCode::invalid_query, "version", "the version you read is required", {}};
  auto n = parse_int(*v);
  if (!n || *n < 1) return Error{ErrorCode::invalid_query, "version", "a positive integer", {}};
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

std::string row_message(std::string_view code, std::string_view detail, bool english) {
  for (int i = 0; i <= static_cast<int>(ErrorCode::internal); ++i) {
    const auto c = static_cast<ErrorCode>(i);
    if (error_code_name(c) != code) continue;
    auto [zh, en] = message_for(c);
    if (english) return detail.empty() ? std::string(en) : std::string(detail);
    std::string d = detail_zh(detail);
    return d.empty() ? std::string(zh) : d;
  }
  return std::string(detail);
}

Response error_response(const Error& e, const Request& req) {
  auto [zh, en] = message_for(e.code);
  const bool english = prefers_english(req);
  std::string message = english ? en : zh;
  if (!e.field.empty()) message += english ? ": " + e.field : "：" + std::string(field_zh(e.field));
  if (!e.detail.empty() && e.code != ErrorCode::internal && e.code != ErrorCode::invalid_json) {
    if (english) {
      message += " (" + e.detail + ")";
    } else if (std::string d = detail_zh(e.detail); !d.empty()) {
      message += "（" + d + "）";
    }
  }
  json::object err{{"code", error_code_name(e.code)}, {"message", message}};
  if (!e.field.empty()) err["field"] = e.field;
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
    return error_response(Error::of(ErrorCode::internal, "the workbook could not be written"), req);
  }
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(book.bytes);
  r.add_header("Content-Disposition", attachment_disposition(book.file_name));
  return r;
}

Error query_error(std::string field, std::string detail) {
  return {ErrorCode::invalid_query, std::move(field), std::move(detail), {}};
}

Error as_query_error(Error e) {
  if (e.code == ErrorCode::missing_field) return query_error(std::move(e.field), "required");
  if (e.code == ErrorCode::invalid_field) e.code = ErrorCode::invalid_query;
  return e;
}

Status only_params(const Request& req, std::initializer_list<std::string_view> known,
                   std::string_view detail) {
  for (const auto& [key, value] : req.query) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return query_error(key, std::string(detail));
    }
  }
  return {};
}

std::string query_text(const Request& req, const std::string& name) {
  const std::string* v = req.query_param(name);
  return v ? *v : std::string();
}

}  // namespace fupan::http
