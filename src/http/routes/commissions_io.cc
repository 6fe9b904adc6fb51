#include "http/routes/commissions_io.h"

#include "domain/performance/commission_json.h"

namespace fupan::http {
namespace {

namespace json = boost::json;
using performance::CommissionBand;

std::string band_field(std::size_t i, std::string_view name) {
  return "bands[" + std::to_string(i) + "]." + std::string(name);
}

// An integer member `name` of band `i`, or none when absent (null too for `nullable`).
std::optional<std::int64_t> band_integer(Fields& f, const json::object& o, std::size_t i,
                                         const char* name, bool nullable, bool* bad) {
  const json::value* v = o.if_contains(name);
  if (!v || (nullable && v->is_null())) return std::nullopt;
  if (!v->is_int64()) {
    f.reject(Error::invalid(band_field(i, name), detail::integer));
    *bad = true;
    return std::nullopt;
  }
  return v->as_int64();
}

std::vector<CommissionBand> read_bands(Fields& f) {
  const json::value* v = f.raw("bands");
  if (!v) {
    f.reject(Error::missing("bands"));
    return {};
  }
  if (!v->is_array()) {
    f.reject(Error::invalid("bands", detail::line_array));
    return {};
  }
  std::vector<CommissionBand> out;
  const auto& arr = v->as_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_object()) {
      f.reject(Error::invalid("bands[" + std::to_string(i) + "]", detail::line_array));
      return {};
    }
    const auto& o = arr[i].as_object();
    for (const auto& kv : o) {
      const std::string key(kv.key());
      if (key != "from_bp" && key != "to_bp" && key != "rate_bp") {
        f.reject(
            Error{ErrorCode::unknown_field, band_field(i, key), detail::not_accepted_here, {}});
        return {};
      }
    }
    bool bad = false;
    CommissionBand b;
    auto from = band_integer(f, o, i, "from_bp", false, &bad);
    b.to_bp = band_integer(f, o, i, "to_bp", true, &bad);
    auto rate = band_integer(f, o, i, "rate_bp", false, &bad);
    if (bad) return {};
    if (!from) {
      f.reject(Error::missing(band_field(i, "from_bp")));
      return {};
    }
    if (!rate) {
      f.reject(Error::missing(band_field(i, "rate_bp")));
      return {};
    }
    b.from_bp = *from;
    b.rate_bp = *rate;
    out.push_back(b);
  }
  return out;
}

std::optional<LocalDate> read_day(Fields& f, const std::string& name, bool nullable) {
  if (nullable) {
    auto text = f.nullable_str(name);
    if (!text || !*text) return std::nullopt;
    auto day = parse_date(**text);
    if (!day) f.reject(Error::invalid(name, detail::date));
    return day;
  }
  auto text = f.str(name);
  if (!text) {
    f.reject(Error::missing(name));
    return std::nullopt;
  }
  auto day = parse_date(*text);
  if (!day) f.reject(Error::invalid(name, detail::date));
  return day;
}

std::string name_of(const OrgSnapshot& org, UserId id) {
  const UserRecord* u = org.user(id);
  return u ? u->display_name : "";
}

void write_figures(JsonWriter& w, const service::StatementView& v, const OrgSnapshot& org) {
  const auto& s = v.statement;
  w.field("user_id", v.user.value);
  w.field("user", name_of(org, v.user));
  w.field("period", v.period.label);
  w.field("from", format_date(v.period.start));
  w.field("to", format_date(v.period.end - std::chrono::days{1}));
  w.field("plan_id", v.plan.id);
  w.field("plan_version", v.plan.version);
  w.key("target");
  s.target ? w.value(*s.target) : w.null();
  w.field("credited", s.credited);
  w.key("attainment");
  if (s.target && *s.target > Fen{0}) {
    w.value(static_cast<double>(s.credited.value()) / static_cast<double>(s.target->value()));
  } else {
    w.null();
  }
  w.field("band", static_cast<std::int64_t>(s.band));
  w.field("target_reached", s.target_reached);
  w.field("total", s.total);
  w.field("approved", v.approved);
  w.key("approved_by");
  v.approved_by ? w.value(v.approved_by->value) : w.null();
  w.key("approved_by_name");
  v.approved_by ? w.value(name_of(org, *v.approved_by)) : w.null();
  w.key("approved_at");
  v.approved_at ? w.value(format_rfc3339(*v.approved_at)) : w.null();
}

}  // namespace

performance::CommissionPlan read_plan(Fields& f) {
  performance::CommissionPlan p;
  p.name = f.required_str("name");
  if (auto day = read_day(f, "effective_from", false)) p.effective_from = *day;
  p.effective_to = read_day(f, "effective_to", true);
  const std::string base = f.required_str("base");
  if (!base.empty()) {
    auto b = performance::parse_commission_base(base);
    if (!b) f.reject(Error::invalid("base", detail::one_of("orders, payments")));
    p.base = b.value_or(performance::CommissionBase::orders);
  }
  const std::string mode = f.required_str("mode");
  if (!mode.empty()) {
    auto m = performance::parse_tier_mode(mode);
    if (!m) f.reject(Error::invalid("mode", detail::one_of("retroactive, marginal")));
    p.mode = m.value_or(performance::TierMode::retroactive);
  }
  p.bands = read_bands(f);
  if (auto bonus = f.integer("target_bonus")) p.target_bonus = Fen{*bonus};
  if (auto cap = f.nullable_integer("cap"); cap && *cap) p.cap = Fen{**cap};
  if (auto m = f.nullable_integer("min_margin_bp"); m && *m) p.min_margin_bp = **m;
  if (auto d = f.nullable_integer("clawback_unpaid_days"); d && *d) {
    p.clawback_unpaid_days = static_cast<int>(std::clamp<std::int64_t>(**d, -1, 100000));
  }
  if (auto c = f.boolean("credit_manager")) p.credit_manager = *c;
  return p;
}

void write_statement_summary(JsonWriter& w, const service::StatementView& v,
                             const OrgSnapshot& org) {
  w.begin_object();
  write_figures(w, v, org);
  w.end_object();
}

void write_statement(JsonWriter& w, const service::StatementView& v, const OrgSnapshot& org) {
  w.begin_object();
  write_figures(w, v, org);
  w.key("plan");
  performance::write_plan(w, v.plan);
  w.key("lines").begin_array();
  for (const auto& l : v.statement.lines) {
    w.begin_object();
    performance::write_line_members(w, l);
    w.key("by_name");
    l.by ? w.value(name_of(org, *l.by)) : w.null();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace fupan::http
