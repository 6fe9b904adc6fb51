#include "store/commission_store.h"

#include <charconv>

namespace fupan::store {
namespace {

using performance::CommissionBand;
using performance::CommissionPlan;
using performance::Statement;
using performance::StatementLine;

Value opt_int(const std::optional<std::int64_t>& v) {
  return v ? Value{*v} : null_value;
}

Value opt_date(const std::optional<LocalDate>& d) {
  return d ? Value{format_date(*d)} : null_value;
}

std::optional<LocalDate> opt_day(const Rows& r, std::size_t i, std::size_t c) {
  auto text = r.opt_str(i, c);
  return text ? parse_date(*text) : std::nullopt;
}

std::int64_t number(std::string_view s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Bands as stored: "from-to:rate" joined by commas, the last band's "to" empty
// ("0-6000:0,6000-10000:300,10000-:500").
std::string bands_text(const std::vector<CommissionBand>& bands) {
  std::string out;
  for (const auto& b : bands) {
    if (!out.empty()) out += ',';
    out += std::to_string(b.from_bp) + '-' + (b.to_bp ? std::to_string(*b.to_bp) : "") + ':' +
           std::to_string(b.rate_bp);
  }
  return out;
}

std::vector<CommissionBand> bands_of(std::string_view text) {
  std::vector<CommissionBand> out;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view band = text.substr(0, comma);
    const std::size_t dash = band.find('-'), colon = band.find(':');
    CommissionBand b;
    b.from_bp = number(band.substr(0, dash));
    const std::string_view to = band.substr(dash + 1, colon - dash - 1);
    if (!to.empty()) b.to_bp = number(to);
    b.rate_bp = number(band.substr(colon + 1));
    out.push_back(b);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

constexpr const char* kPlanColumns =
    "SELECT id, name, effective_from, effective_to, base, tier_mode, bands, target_bonus, cap, "
    "min_margin_bp, clawback_unpaid_days, credit_manager, version, created_at, updated_at "
    "FROM commission_plans ";

CommissionPlan plan_from(const Rows& r, std::size_t i) {
  CommissionPlan p;
  p.id = r.i64(i, 0);
  p.name = r.str(i, 1);
  p.effective_from = parse_date(r.str(i, 2)).value_or(LocalDate{});
  p.effective_to = opt_day(r, i, 3);
  p.base =
      performance::parse_commission_base(r.str(i, 4)).value_or(performance::CommissionBase::orders);
  p.mode = performance::parse_tier_mode(r.str(i, 5)).value_or(performance::TierMode::retroactive);
  p.bands = bands_of(r.str(i, 6));
  p.target_bonus = Fen{r.i64(i, 7)};
  if (auto cap = r.opt_i64(i, 8)) p.cap = Fen{*cap};
  p.min_margin_bp = r.opt_i64(i, 9);
  if (auto days = r.opt_i64(i, 10)) p.clawback_unpaid_days = static_cast<int>(*days);
  p.credit_manager = r.i64(i, 11) != 0;
  p.version = r.i64(i, 12);
  p.created_at = instant_from_ms(r.i64(i, 13));
  p.updated_at = instant_from_ms(r.i64(i, 14));
  return p;
}

std::vector<Value> plan_values(const CommissionPlan& p) {
  return {p.name,
          format_date(p.effective_from),
          opt_date(p.effective_to),
          std::string(performance::commission_base_name(p.base)),
          std::string(performance::tier_mode_name(p.mode)),
          bands_text(p.bands),
          p.target_bonus.value(),
          p.cap ? Value{p.cap->value()} : null_value,
          opt_int(p.min_margin_bp),
          p.clawback_unpaid_days ? Value{std::int64_t{*p.clawback_unpaid_days}} : null_value,
          std::int64_t{p.credit_manager},
          p.version,
          to_ms(p.updated_at)};
}

constexpr const char* kStatementColumns =
    "SELECT id, user_id, period, start_day, plan_id, plan_version, target, credited, band, "
    "target_reached, total, approved_by, approved_at FROM commission_statements ";

ApprovedStatement statement_from(const Rows& r, std::size_t i) {
  ApprovedStatement s;
  s.id = r.i64(i, 0);
  s.user = UserId{r.i64(i, 1)};
  s.period = r.str(i, 2);
  s.start = parse_date(r.str(i, 3)).value_or(LocalDate{});
  s.plan_id = r.i64(i, 4);
  s.plan_version = r.i64(i, 5);
  if (auto t = r.opt_i64(i, 6)) s.statement.target = Fen{*t};
  s.statement.credited = Fen{r.i64(i, 7)};
  s.statement.band = static_cast<std::size_t>(r.i64(i, 8));
  s.statement.target_reached = r.i64(i, 9) != 0;
  s.statement.total = Fen{r.i64(i, 10)};
  s.approved_by = UserId{r.i64(i, 11)};
  s.approved_at = instant_from_ms(r.i64(i, 12));
  return s;
}

template <class E, class Parse>
std::optional<E> opt_enum(const Rows& r, std::size_t i, std::size_t c, Parse parse) {
  auto text = r.opt_str(i, c);
  if (!text || text->empty()) return std::nullopt;
  return parse(*text);
}

std::optional<performance::CreditKind> parse_credit_kind(std::string_view t) {
  if (t == "order") return performance::CreditKind::order;
  if (t == "payment") return performance::CreditKind::payment;
  return std::nullopt;
}

std::optional<performance::LineKind> parse_line_kind(std::string_view t) {
  using performance::LineKind;
  for (LineKind k : {LineKind::commission, LineKind::bonus, LineKind::cap, LineKind::clawback,
                     LineKind::adjustment}) {
    if (performance::line_kind_name(k) == t) return k;
  }
  return std::nullopt;
}

performance::LineNote parse_note(std::string_view t) {
  using performance::LineNote;
  if (t == "no_target") return LineNote::no_target;
  if (t == "below_min_margin") return LineNote::below_min_margin;
  return LineNote::none;
}

std::optional<performance::ClawbackReason> parse_clawback(std::string_view t) {
  if (t == "cancelled") return performance::ClawbackReason::cancelled;
  if (t == "unpaid") return performance::ClawbackReason::unpaid;
  return std::nullopt;
}

}  // namespace

std::int64_t insert_commission_plan(Connection& c, OrgId org, const CommissionPlan& p,
                                    std::optional<UserId> by) {
  std::vector<Value> values{org.value};
  for (auto& v : plan_values(p)) values.push_back(std::move(v));
  values.push_back(by ? Value{by->value} : null_value);
  values.push_back(to_ms(p.created_at));
  auto rows = c.query(
      "INSERT INTO commission_plans (org_id, name, effective_from, effective_to, base, "
      "tier_mode, bands, target_bonus, cap, min_margin_bp, clawback_unpaid_days, credit_manager, "
      "version, updated_at, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      values);
  return rows.i64(0, 0);
}

std::optional<CommissionPlan> find_commission_plan(Connection& c, OrgId org, std::int64_t id) {
  auto rows = c.query(std::string(kPlanColumns) + "WHERE org_id = ? AND id = ?", {org.value, id});
  if (rows.empty()) return std::nullopt;
  return plan_from(rows, 0);
}

WriteOutcome update_commission_plan(Connection& c, OrgId org, const CommissionPlan& p,
                                    std::int64_t expected) {
  std::vector<Value> values = plan_values(p);
  values.insert(values.end(), {org.value, p.id, expected});
  auto n = c.exec(
      "UPDATE commission_plans SET name = ?, effective_from = ?, effective_to = ?, base = ?, "
      "tier_mode = ?, bands = ?, target_bonus = ?, cap = ?, min_margin_bp = ?, "
      "clawback_unpaid_days = ?, credit_manager = ?, version = ?, updated_at = ? "
      "WHERE org_id = ? AND id = ? AND version = ?",
      values);
  return version_outcome(c, n, "commission_plans", p.id);
}

std::vector<CommissionPlan> list_commission_plans(Connection& c, OrgId org) {
  auto rows = c.query(std::string(kPlanColumns) + "WHERE org_id = ? ORDER BY effective_from, id",
                      {org.value});
  std::vector<CommissionPlan> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(plan_from(rows, i));
  return out;
}

std::int64_t insert_approved_statement(Connection& c, OrgId org, const ApprovedStatement& s) {
  std::vector<ApprovedStatement> one{s};
  insert_approved_statements(c, org, one);
  return one.front().id;
}

void insert_approved_statements(Connection& c, OrgId org, std::vector<ApprovedStatement>& all) {
  std::vector<std::vector<Value>> lines;
  for (ApprovedStatement& s : all) {
    const Statement& st = s.statement;
    auto rows = c.query(
        "INSERT INTO commission_statements (org_id, user_id, period, start_day, plan_id, "
        "plan_version, target, credited, band, target_reached, total, approved_by, approved_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {org.value, s.user.value, s.period, format_date(s.start), s.plan_id, s.plan_version,
         st.target ? Value{st.target->value()} : null_value, st.credited.value(),
         static_cast<std::int64_t>(st.band), std::int64_t{st.target_reached}, st.total.value(),
         s.approved_by.value, to_ms(s.approved_at)});
    s.id = rows.i64(0, 0);
    std::int64_t position = 0;
    for (const StatementLine& l : st.lines) {
      lines.push_back(
          {s.id, position++, std::string(performance::line_kind_name(l.kind)),
           l.record_kind ? Value{std::string(performance::credit_kind_name(*l.record_kind))}
                         : null_value,
           l.record_kind ? Value{l.record_id} : null_value,
           l.record_kind ? Value{format_date(l.day)} : null_value, l.base.value(),
           l.band ? Value{static_cast<std::int64_t>(*l.band)} : null_value, l.rate_bp,
           l.amount.value(), std::string(performance::line_note_name(l.note)),
           l.clawback ? Value{std::string(performance::clawback_reason_name(*l.clawback))}
                      : null_value,
           l.reason, l.by ? Value{l.by->value} : null_value});
    }
  }
  static const std::vector<std::string> kLineColumns = {
      "statement_id", "position", "kind",   "record_kind", "record_id", "day",    "base",
      "band",         "rate_bp",  "amount", "note",        "clawback",  "reason", "by_user"};
  if (!lines.empty()) c.bulk_insert("commission_lines", kLineColumns, lines, BulkRows::clustered);
}

std::optional<ApprovedStatement> find_approved_statement(Connection& c, OrgId org, UserId user,
                                                         const std::string& period) {
  auto rows =
      c.query(std::string(kStatementColumns) + "WHERE org_id = ? AND user_id = ? AND period = ?",
              {org.value, user.value, period});
  if (rows.empty()) return std::nullopt;
  ApprovedStatement s = statement_from(rows, 0);
  auto lines = c.query(
      "SELECT kind, record_kind, record_id, day, base, band, rate_bp, amount, note, clawback, "
      "reason, by_user FROM commission_lines WHERE statement_id = ? ORDER BY position",
      {s.id});
  for (std::size_t i = 0; i < lines.size(); ++i) {
    StatementLine l;
    l.kind = parse_line_kind(lines.str(i, 0)).value_or(performance::LineKind::commission);
    l.record_kind = opt_enum<performance::CreditKind>(lines, i, 1, parse_credit_kind);
    l.record_id = lines.opt_i64(i, 2).value_or(0);
    l.day = opt_day(lines, i, 3).value_or(LocalDate{});
    l.base = Fen{lines.i64(i, 4)};
    if (auto b = lines.opt_i64(i, 5)) l.band = static_cast<std::size_t>(*b);
    l.rate_bp = lines.i64(i, 6);
    l.amount = Fen{lines.i64(i, 7)};
    l.note = parse_note(lines.str(i, 8));
    l.clawback = opt_enum<performance::ClawbackReason>(lines, i, 9, parse_clawback);
    l.reason = lines.str(i, 10);
    if (auto by = lines.opt_i64(i, 11)) l.by = UserId{*by};
    s.statement.lines.push_back(std::move(l));
  }
  return s;
}

std::vector<ApprovedStatement> list_approved_statements(Connection& c, OrgId org,
                                                        const std::string& period) {
  auto rows = c.query(std::string(kStatementColumns) + "WHERE org_id = ? AND period = ?",
                      {org.value, period});
  std::vector<ApprovedStatement> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(statement_from(rows, i));
  return out;
}

bool plan_has_approved_statements(Connection& c, OrgId org, std::int64_t plan) {
  return !c.query("SELECT 1 FROM commission_statements WHERE org_id = ? AND plan_id = ? LIMIT 1",
                  {org.value, plan})
              .empty();
}

namespace {

// What approved statements starting before `before` paid net on each order, of one user or all:
// an order's commission lines of a statement whose cap took part of what they earned count for
// their share of what it paid (× paid ÷ earned, rounded half to even), less what was taken back.
std::map<std::int64_t, std::vector<PaidOnOrder>> paid_on(Connection& c, OrgId org,
                                                         std::optional<UserId> user,
                                                         LocalDate before) {
  std::string where = " WHERE s.org_id = ? AND s.start_day < ?";
  std::vector<Value> params{org.value, format_date(before)};
  if (user) {
    where += " AND s.user_id = ?";
    params.emplace_back(user->value);
  }
  const std::string from =
      " FROM commission_lines l JOIN commission_statements s ON s.id = l.statement_id";
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> capped;  // statement → earned, cap
  auto sums = c.query(
      "SELECT s.id, SUM(CASE WHEN l.kind IN ('commission', 'bonus') THEN l.amount "
      "ELSE 0 END), SUM(CASE WHEN l.kind = 'cap' THEN l.amount ELSE 0 END)" +
          from + where + " GROUP BY s.id",
      params);
  for (std::size_t i = 0; i < sums.size(); ++i) {
    if (sums.i64(i, 2) != 0) capped[sums.i64(i, 0)] = {sums.i64(i, 1), sums.i64(i, 2)};
  }
  auto rows = c.query("SELECT s.id, s.user_id, s.start_day, l.kind, l.record_id, SUM(l.amount)" +
                          from + where +
                          " AND l.record_kind = 'order' AND l.kind IN ('commission', 'clawback') "
                          "GROUP BY s.id, s.user_id, s.start_day, l.kind, l.record_id",
                      params);
  std::map<std::pair<std::int64_t, std::int64_t>, PaidOnOrder> by_order;  // (user, order)
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::int64_t order = rows.i64(i, 4);
    PaidOnOrder& p = by_order[{rows.i64(i, 1), order}];
    p.order_id = order;
    Fen amount{rows.i64(i, 5)};
    if (rows.str(i, 3) == "commission") {
      if (auto cap = capped.find(rows.i64(i, 0)); cap != capped.end() && cap->second.first > 0) {
        const auto [earned, taken] = cap->second;
        amount = round_half_even(amount, earned + taken, earned).value_or(amount);
      }
      p.last_paid = std::max(p.last_paid, parse_date(rows.str(i, 2)).value_or(LocalDate{}));
    }
    p.paid += amount;
  }
  std::map<std::int64_t, std::vector<PaidOnOrder>> out;
  for (auto& [key, p] : by_order) out[key.first].push_back(p);
  return out;
}

}  // namespace

std::vector<PaidOnOrder> paid_on_orders(Connection& c, OrgId org, UserId user, LocalDate before) {
  auto all = paid_on(c, org, user, before);
  return all.empty() ? std::vector<PaidOnOrder>{} : std::move(all.begin()->second);
}

std::map<std::int64_t, std::vector<PaidOnOrder>> paid_on_orders_of_all(Connection& c, OrgId org,
                                                                       LocalDate before) {
  return paid_on(c, org, std::nullopt, before);
}

std::set<std::string> approved_period_labels(Connection& c, OrgId org) {
  auto rows =
      c.query("SELECT DISTINCT period FROM commission_statements WHERE org_id = ?", {org.value});
  std::set<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.insert(rows.str(i, 0));
  return out;
}

std::map<std::int64_t, std::set<std::string>> approved_periods_of_all(Connection& c, OrgId org) {
  auto rows =
      c.query("SELECT user_id, period FROM commission_statements WHERE org_id = ?", {org.value});
  std::map<std::int64_t, std::set<std::string>> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out[rows.i64(i, 0)].insert(rows.str(i, 1));
  return out;
}

std::set<std::int64_t> paid_records(Connection& c, OrgId org, std::string_view record_kind) {
  auto rows = c.query(
      "SELECT DISTINCT l.record_id FROM commission_lines l JOIN commission_statements s ON s.id = "
      "l.statement_id WHERE s.org_id = ? AND l.kind = 'commission' AND l.record_kind = ?",
      {org.value, std::string(record_kind)});
  std::set<std::int64_t> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.insert(rows.i64(i, 0));
  return out;
}

std::optional<std::string> last_period_under(Connection& c, OrgId org, std::int64_t plan) {
  auto rows = c.query(
      "SELECT period FROM commission_statements WHERE org_id = ? AND plan_id = ? ORDER BY "
      "start_day DESC LIMIT 1",
      {org.value, plan});
  if (rows.empty()) return std::nullopt;
  return rows.str(0, 0);
}

std::set<std::string> approved_periods(Connection& c, OrgId org, UserId user) {
  auto rows = c.query("SELECT period FROM commission_statements WHERE org_id = ? AND user_id = ?",
                      {org.value, user.value});
  std::set<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.insert(rows.str(i, 0));
  return out;
}

std::int64_t insert_commission_adjustment(Connection& c, OrgId org, const CommissionAdjustment& a) {
  auto rows = c.query(
      "INSERT INTO commission_adjustments (org_id, user_id, period, amount, reason, by_user, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org.value, a.user.value, a.period, a.adjustment.amount.value(), a.adjustment.reason,
       a.adjustment.by.value, to_ms(a.adjustment.at)});
  return rows.i64(0, 0);
}

std::vector<CommissionAdjustment> list_commission_adjustments(Connection& c, OrgId org,
                                                              const std::string& period,
                                                              std::optional<UserId> user) {
  std::string sql =
      "SELECT id, user_id, period, amount, reason, by_user, created_at FROM "
      "commission_adjustments WHERE org_id = ? AND period = ?";
  std::vector<Value> params{org.value, period};
  if (user) {
    sql += " AND user_id = ?";
    params.emplace_back(user->value);
  }
  auto rows = c.query(sql + " ORDER BY id", params);
  std::vector<CommissionAdjustment> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CommissionAdjustment a;
    a.id = rows.i64(i, 0);
    a.user = UserId{rows.i64(i, 1)};
    a.period = rows.str(i, 2);
    a.adjustment = {Fen{rows.i64(i, 3)}, rows.str(i, 4), UserId{rows.i64(i, 5)},
                    instant_from_ms(rows.i64(i, 6))};
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace fupan::store
