#include "store/review_store.h"

#include <algorithm>
#include <map>

namespace fupan::store {
namespace {

using reviews::ActionItem;
using reviews::Card;
using reviews::Review;
using reviews::ReviewCase;

Value opt_ms(const std::optional<Instant>& t) {
  return t ? Value{to_ms(*t)} : null_value;
}

Value opt_int(const std::optional<std::int64_t>& v) {
  return v ? Value{*v} : null_value;
}

std::optional<Instant> opt_instant(const Rows& r, std::size_t i, std::size_t c) {
  if (r.is_null(i, c)) return std::nullopt;
  return instant_from_ms(r.i64(i, c));
}

std::string scope_kind(const ScopeRef& s) {
  return std::string(s.type_name());
}

ScopeRef scope_from(const std::string& kind, std::int64_t id) {
  ScopeRef s;
  s.id = id;
  if (kind == "region") s.kind = ScopeRef::Kind::region;
  if (kind == "team") s.kind = ScopeRef::Kind::team;
  if (kind == "user") s.kind = ScopeRef::Kind::user;
  return s;
}

std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) out += (out.empty() ? "" : ",") + t;
  return out;
}

std::vector<std::string> split_tags(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(',', at), text.size());
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

constexpr const char* kReviewColumns =
    "SELECT id, scope_kind, scope_id, period, start_day, end_day, title, owner_id, status, "
    "summary, started_at, closed_at, version, created_at, updated_at";

Review review_from(const Rows& r, std::size_t i) {
  Review out;
  out.id = r.i64(i, 0);
  out.scope = scope_from(r.str(i, 1), r.i64(i, 2));
  out.period.label = r.str(i, 3);
  out.period.start = parse_date(r.str(i, 4)).value_or(LocalDate{});
  out.period.end = parse_date(r.str(i, 5)).value_or(LocalDate{});
  if (auto p = reviews::parse_review_period(out.period.label); p.ok()) out.period.kind = p->kind;
  out.title = r.str(i, 6);
  out.owner = UserId{r.i64(i, 7)};
  out.status = reviews::parse_review_status(r.str(i, 8)).value_or(reviews::ReviewStatus::preparing);
  out.summary = r.str(i, 9);
  out.started_at = opt_instant(r, i, 10);
  out.closed_at = opt_instant(r, i, 11);
  out.version = r.i64(i, 12);
  out.created_at = instant_from_ms(r.i64(i, 13));
  out.updated_at = instant_from_ms(r.i64(i, 14));
  return out;
}

void write_participants(Connection& c, const Review& r) {
  c.exec("DELETE FROM review_participants WHERE review_id = ?", {r.id});
  for (UserId u : r.participants) {
    c.exec("INSERT INTO review_participants (review_id, user_id) VALUES (?, ?)", {r.id, u.value});
  }
}

void read_participants(Connection& c, std::vector<Review>& reviews) {
  if (reviews.empty()) return;
  std::vector<Value> ids;
  for (const auto& r : reviews) ids.emplace_back(r.id);
  auto rows = c.query("SELECT review_id, user_id FROM review_participants WHERE review_id IN (" +
                          placeholders(ids.size()) + ") ORDER BY review_id, user_id",
                      ids);
  std::map<std::int64_t, std::vector<UserId>> by_review;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    by_review[rows.i64(i, 0)].push_back(UserId{rows.i64(i, 1)});
  }
  for (auto& r : reviews) r.participants = by_review[r.id];
}

constexpr const char* kCardColumns =
    "SELECT id, review_id, author_id, section, tone, body, why, version, created_at, updated_at "
    "FROM review_cards ";

Card card_from(const Rows& r, std::size_t i) {
  Card out;
  out.id = r.i64(i, 0);
  out.review_id = r.i64(i, 1);
  out.author = UserId{r.i64(i, 2)};
  out.section = r.str(i, 3);
  out.tone = reviews::parse_card_tone(r.str(i, 4)).value_or(reviews::CardTone::went_well);
  out.text = r.str(i, 5);
  out.why = r.str(i, 6);
  out.version = r.i64(i, 7);
  out.created_at = instant_from_ms(r.i64(i, 8));
  out.updated_at = instant_from_ms(r.i64(i, 9));
  return out;
}

constexpr const char* kCaseColumns =
    "SELECT id, review_id, opportunity_id, outcome, root_cause, note, tags, opportunity_name, "
    "customer_name, industry, product, competitor, lost_reason, amount, owner_id, closed_on, "
    "cycle_days, added_by, version, created_at, updated_at FROM review_cases ";

ReviewCase case_from(const Rows& r, std::size_t i) {
  ReviewCase out;
  out.id = r.i64(i, 0);
  out.review_id = r.i64(i, 1);
  out.opportunity_id = r.i64(i, 2);
  out.outcome = reviews::parse_case_outcome(r.str(i, 3)).value_or(reviews::CaseOutcome::won);
  out.root_cause = r.str(i, 4);
  out.note = r.str(i, 5);
  out.tags = split_tags(r.str(i, 6));
  out.opportunity_name = r.str(i, 7);
  out.customer_name = r.str(i, 8);
  out.industry = r.str(i, 9);
  out.product = r.str(i, 10);
  out.competitor = r.str(i, 11);
  out.lost_reason = r.str(i, 12);
  out.amount = r.i64(i, 13);
  if (auto o = r.opt_i64(i, 14)) out.owner = UserId{*o};
  out.closed_on = parse_date(r.str(i, 15)).value_or(LocalDate{});
  out.cycle_days = static_cast<int>(r.i64(i, 16));
  out.added_by = UserId{r.i64(i, 17)};
  out.version = r.i64(i, 18);
  out.created_at = instant_from_ms(r.i64(i, 19));
  out.updated_at = instant_from_ms(r.i64(i, 20));
  return out;
}

constexpr const char* kActionColumns =
    "SELECT id, review_id, owner_id, title, due_day, metric, target_id, target_value, status, "
    "done_note, done_at, created_by, version, created_at, updated_at FROM action_items ";

ActionItem action_from(const Rows& r, std::size_t i) {
  ActionItem out;
  out.id = r.i64(i, 0);
  out.review_id = r.i64(i, 1);
  out.owner = UserId{r.i64(i, 2)};
  out.title = r.str(i, 3);
  out.due = parse_date(r.str(i, 4)).value_or(LocalDate{});
  out.metric = r.opt_str(i, 5);
  out.target_id = r.opt_i64(i, 6);
  out.target_value = r.opt_i64(i, 7);
  out.status = reviews::parse_action_status(r.str(i, 8)).value_or(reviews::ActionStatus::open);
  out.done_note = r.str(i, 9);
  out.done_at = opt_instant(r, i, 10);
  out.created_by = UserId{r.i64(i, 11)};
  out.version = r.i64(i, 12);
  out.created_at = instant_from_ms(r.i64(i, 13));
  out.updated_at = instant_from_ms(r.i64(i, 14));
  return out;
}

std::vector<ActionItem> actions_from(const Rows& rows) {
  std::vector<ActionItem> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(action_from(rows, i));
  return out;
}

}  // namespace

std::vector<reviews::RootCause> list_root_causes(Connection& c, OrgId org) {
  auto rows = c.query(
      "SELECT cause_key, name, active, position, version FROM review_root_causes WHERE org_id = ? "
      "ORDER BY position, cause_key",
      {org.value});
  std::vector<reviews::RootCause> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows.str(i, 0), rows.str(i, 1), false, rows.i64(i, 2) != 0,
                   static_cast<int>(rows.i64(i, 3)), rows.i64(i, 4)});
  }
  return out;
}

void save_root_cause(Connection& c, OrgId org, const reviews::RootCause& cause, Instant now) {
  c.exec(
      "INSERT INTO review_root_causes (org_id, cause_key, name, active, position, version, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, cause_key) DO UPDATE SET "
      "name = excluded.name, active = excluded.active, position = excluded.position, version = "
      "excluded.version, updated_at = excluded.updated_at",
      {org.value, cause.key, cause.name, std::int64_t{cause.active}, std::int64_t{cause.position},
       cause.version, to_ms(now)});
}

std::string next_root_cause_key(Connection& c, OrgId org) {
  auto rows =
      c.query("SELECT cause_key FROM review_root_causes WHERE org_id = ? AND cause_key LIKE 'c%'",
              {org.value});
  std::int64_t top = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string key = rows.str(i, 0);
    if (key.size() > 1 && key.find_first_not_of("0123456789", 1) == std::string::npos) {
      top = std::max<std::int64_t>(top, std::stoll(key.substr(1)));
    }
  }
  return "c" + std::to_string(top + 1);
}

std::int64_t insert_review(Connection& c, OrgId org, const Review& r) {
  auto rows = c.query(
      "INSERT INTO reviews (org_id, scope_kind, scope_id, period, start_day, end_day, title, "
      "owner_id, status, facts, summary, started_at, closed_at, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org.value, scope_kind(r.scope), r.scope.id, r.period.label, format_date(r.period.start),
       format_date(r.period.end), r.title, r.owner.value,
       std::string(reviews::review_status_name(r.status)), r.facts_json, r.summary,
       opt_ms(r.started_at), opt_ms(r.closed_at), r.version, to_ms(r.created_at),
       to_ms(r.updated_at)});
  Review saved = r;
  saved.id = rows.i64(0, 0);
  write_participants(c, saved);
  return saved.id;
}

std::optional<Review> find_review(Connection& c, OrgId org, std::int64_t id) {
  auto rows =
      c.query(std::string(kReviewColumns) + ", facts FROM reviews WHERE org_id = ? AND id = ?",
              {org.value, id});
  if (rows.empty()) return std::nullopt;
  std::vector<Review> one{review_from(rows, 0)};
  one[0].facts_json = rows.str(0, 15);
  read_participants(c, one);
  return one[0];
}

WriteOutcome update_review(Connection& c, OrgId org, const Review& r, std::int64_t expected) {
  auto n = c.exec(
      "UPDATE reviews SET title = ?, status = ?, facts = ?, summary = ?, started_at = ?, "
      "closed_at = ?, version = ?, updated_at = ? WHERE org_id = ? AND id = ? AND version = ?",
      {r.title, std::string(reviews::review_status_name(r.status)), r.facts_json, r.summary,
       opt_ms(r.started_at), opt_ms(r.closed_at), r.version, to_ms(r.updated_at), org.value, r.id,
       expected});
  auto outcome = version_outcome(c, n, "reviews", r.id);
  if (outcome == WriteOutcome::done) write_participants(c, r);
  return outcome;
}

std::vector<Review> list_reviews(Connection& c, OrgId org) {
  auto rows = c.query(std::string(kReviewColumns) +
                          " FROM reviews WHERE org_id = ? ORDER BY start_day DESC, id DESC",
                      {org.value});
  std::vector<Review> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(review_from(rows, i));
  read_participants(c, out);
  return out;
}

std::optional<Review> previous_review(Connection& c, OrgId org, const ScopeRef& scope,
                                      LocalDate before, std::int64_t except) {
  auto rows = c.query(std::string(kReviewColumns) +
                          " FROM reviews WHERE org_id = ? AND scope_kind = ? AND scope_id = ? AND "
                          "start_day < ? AND id <> ? ORDER BY start_day DESC, id DESC LIMIT 1",
                      {org.value, scope_kind(scope), scope.id, format_date(before), except});
  if (rows.empty()) return std::nullopt;
  std::vector<Review> one{review_from(rows, 0)};
  read_participants(c, one);
  return one[0];
}

std::int64_t insert_card(Connection& c, OrgId org, const Card& card) {
  auto rows = c.query(
      "INSERT INTO review_cards (org_id, review_id, author_id, section, tone, body, why, "
      "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org.value, card.review_id, card.author.value, card.section,
       std::string(reviews::card_tone_name(card.tone)), card.text, card.why, card.version,
       to_ms(card.created_at), to_ms(card.updated_at)});
  return rows.i64(0, 0);
}

std::optional<Card> find_card(Connection& c, OrgId org, std::int64_t id) {
  auto rows = c.query(std::string(kCardColumns) + "WHERE org_id = ? AND id = ?", {org.value, id});
  if (rows.empty()) return std::nullopt;
  return card_from(rows, 0);
}

WriteOutcome update_card(Connection& c, OrgId org, const Card& card, std::int64_t expected) {
  auto n = c.exec(
      "UPDATE review_cards SET section = ?, tone = ?, body = ?, why = ?, version = ?, "
      "updated_at = ? WHERE org_id = ? AND id = ? AND version = ?",
      {card.section, std::string(reviews::card_tone_name(card.tone)), card.text, card.why,
       card.version, to_ms(card.updated_at), org.value, card.id, expected});
  return version_outcome(c, n, "review_cards", card.id);
}

WriteOutcome delete_card(Connection& c, OrgId org, std::int64_t id, std::int64_t expected) {
  auto n = c.exec("DELETE FROM review_cards WHERE org_id = ? AND id = ? AND version = ?",
                  {org.value, id, expected});
  return version_outcome(c, n, "review_cards", id);
}

std::vector<Card> list_cards(Connection& c, OrgId org, std::int64_t review) {
  auto rows = c.query(std::string(kCardColumns) + "WHERE org_id = ? AND review_id = ? ORDER BY id",
                      {org.value, review});
  std::vector<Card> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(card_from(rows, i));
  return out;
}

std::vector<Card> list_lesson_cards(Connection& c, OrgId org) {
  auto rows =
      c.query(std::string(kCardColumns) + "WHERE org_id = ? AND tone = 'lesson' ORDER BY id DESC",
              {org.value});
  std::vector<Card> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(card_from(rows, i));
  return out;
}

std::int64_t insert_case(Connection& c, OrgId org, const ReviewCase& rc) {
  auto rows = c.query(
      "INSERT INTO review_cases (org_id, review_id, opportunity_id, outcome, root_cause, note, "
      "tags, opportunity_name, customer_name, industry, product, competitor, lost_reason, "
      "amount, owner_id, closed_on, cycle_days, added_by, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org.value,
       rc.review_id,
       rc.opportunity_id,
       std::string(reviews::case_outcome_name(rc.outcome)),
       rc.root_cause,
       rc.note,
       join_tags(rc.tags),
       rc.opportunity_name,
       rc.customer_name,
       rc.industry,
       rc.product,
       rc.competitor,
       rc.lost_reason,
       rc.amount,
       rc.owner ? Value{rc.owner->value} : null_value,
       format_date(rc.closed_on),
       std::int64_t{rc.cycle_days},
       rc.added_by.value,
       rc.version,
       to_ms(rc.created_at),
       to_ms(rc.updated_at)});
  return rows.i64(0, 0);
}

std::optional<ReviewCase> find_case(Connection& c, OrgId org, std::int64_t id) {
  auto rows = c.query(std::string(kCaseColumns) + "WHERE org_id = ? AND id = ?", {org.value, id});
  if (rows.empty()) return std::nullopt;
  return case_from(rows, 0);
}

WriteOutcome update_case(Connection& c, OrgId org, const ReviewCase& rc, std::int64_t expected) {
  auto n = c.exec(
      "UPDATE review_cases SET root_cause = ?, note = ?, tags = ?, version = ?, updated_at = ? "
      "WHERE org_id = ? AND id = ? AND version = ?",
      {rc.root_cause, rc.note, join_tags(rc.tags), rc.version, to_ms(rc.updated_at), org.value,
       rc.id, expected});
  return version_outcome(c, n, "review_cases", rc.id);
}

WriteOutcome delete_case(Connection& c, OrgId org, std::int64_t id, std::int64_t expected) {
  auto n = c.exec("DELETE FROM review_cases WHERE org_id = ? AND id = ? AND version = ?",
                  {org.value, id, expected});
  return version_outcome(c, n, "review_cases", id);
}

std::vector<ReviewCase> list_cases(Connection& c, OrgId org, std::optional<std::int64_t> review) {
  std::string sql = std::string(kCaseColumns) + "WHERE org_id = ?";
  std::vector<Value> params{org.value};
  if (review) {
    sql += " AND review_id = ?";
    params.emplace_back(*review);
  }
  auto rows = c.query(sql + " ORDER BY closed_on DESC, id DESC", params);
  std::vector<ReviewCase> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(case_from(rows, i));
  return out;
}

std::optional<ClosedDeal> find_deal(Connection& c, OrgId org, std::int64_t opportunity) {
  auto rows = c.query(
      "SELECT o.id, o.status, o.name, cu.name, cu.industry, o.competitor, o.lost_reason, "
      "o.amount, o.owner_id, o.closed_at, o.created_at FROM opportunities o JOIN customers cu ON "
      "cu.id = o.customer_id WHERE o.org_id = ? AND o.id = ?",
      {org.value, opportunity});
  if (rows.empty()) return std::nullopt;
  ClosedDeal d;
  d.id = rows.i64(0, 0);
  d.status = rows.str(0, 1);
  d.name = rows.str(0, 2);
  d.customer = rows.str(0, 3);
  d.industry = rows.opt_str(0, 4).value_or("");
  d.competitor = rows.opt_str(0, 5).value_or("");
  d.lost_reason = rows.opt_str(0, 6).value_or("");
  d.amount = rows.i64(0, 7);
  d.owner = UserId{rows.i64(0, 8)};
  d.closed_at = opt_instant(rows, 0, 9);
  d.created_at = instant_from_ms(rows.i64(0, 10));
  // The products of its quotes and orders, each once.
  auto products = c.query(
      "SELECT p.name FROM document_lines l JOIN orders od ON od.id = l.order_id JOIN products p "
      "ON p.id = l.product_id WHERE od.org_id = ? AND od.opportunity_id = ? UNION SELECT p.name "
      "FROM document_lines l JOIN quotes q ON q.id = l.quote_id JOIN products p ON p.id = "
      "l.product_id WHERE q.org_id = ? AND q.opportunity_id = ? ORDER BY 1",
      {org.value, opportunity, org.value, opportunity});
  for (std::size_t i = 0; i < products.size(); ++i) {
    d.products += (d.products.empty() ? "" : "、") + products.str(i, 0);
  }
  return d;
}

std::int64_t insert_action_item(Connection& c, OrgId org, const ActionItem& a) {
  auto rows = c.query(
      "INSERT INTO action_items (org_id, review_id, owner_id, title, due_day, metric, target_id, "
      "target_value, status, done_note, done_at, created_by, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org.value, a.review_id, a.owner.value, a.title, format_date(a.due),
       a.metric ? Value{*a.metric} : null_value, opt_int(a.target_id), opt_int(a.target_value),
       std::string(reviews::action_status_name(a.status)), a.done_note, opt_ms(a.done_at),
       a.created_by.value, a.version, to_ms(a.created_at), to_ms(a.updated_at)});
  return rows.i64(0, 0);
}

std::optional<ActionItem> find_action_item(Connection& c, OrgId org, std::int64_t id) {
  auto rows = c.query(std::string(kActionColumns) + "WHERE org_id = ? AND id = ?", {org.value, id});
  if (rows.empty()) return std::nullopt;
  return action_from(rows, 0);
}

WriteOutcome update_action_item(Connection& c, OrgId org, const ActionItem& a,
                                std::int64_t expected) {
  auto n = c.exec(
      "UPDATE action_items SET owner_id = ?, title = ?, due_day = ?, metric = ?, target_id = ?, "
      "target_value = ?, status = ?, done_note = ?, done_at = ?, version = ?, updated_at = ? "
      "WHERE org_id = ? AND id = ? AND version = ?",
      {a.owner.value, a.title, format_date(a.due), a.metric ? Value{*a.metric} : null_value,
       opt_int(a.target_id), opt_int(a.target_value),
       std::string(reviews::action_status_name(a.status)), a.done_note, opt_ms(a.done_at),
       a.version, to_ms(a.updated_at), org.value, a.id, expected});
  return version_outcome(c, n, "action_items", a.id);
}

std::map<std::int64_t, std::pair<std::string, std::string>> review_titles(
    Connection& c, OrgId org, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::pair<std::string, std::string>> out;
  if (ids.empty()) return out;
  std::vector<Value> params{org.value};
  for (auto id : ids) params.emplace_back(id);
  auto rows = c.query("SELECT id, title, period FROM reviews WHERE org_id = ? AND id IN (" +
                          placeholders(ids.size()) + ")",
                      params);
  for (std::size_t i = 0; i < rows.size(); ++i)
    out[rows.i64(i, 0)] = {rows.str(i, 1), rows.str(i, 2)};
  return out;
}

std::vector<ActionItem> list_open_action_items(Connection& c, OrgId org,
                                               const std::vector<std::int64_t>& owners) {
  if (owners.empty()) return {};
  std::vector<Value> params{org.value};
  for (auto id : owners) params.emplace_back(id);
  return actions_from(c.query(std::string(kActionColumns) +
                                  "WHERE org_id = ? AND status = 'open' AND owner_id IN (" +
                                  placeholders(owners.size()) + ") ORDER BY due_day, id",
                              params));
}

std::set<std::int64_t> reminded_action_items(Connection& c, OrgId org) {
  auto rows = c.query(
      "SELECT DISTINCT record_id FROM todo_reminders WHERE org_id = ? AND kind = 'action_item' AND "
      "record_id IS NOT NULL",
      {org.value});
  std::set<std::int64_t> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.insert(rows.i64(i, 0));
  return out;
}

std::vector<ActionItem> list_review_action_items(Connection& c, OrgId org, std::int64_t review) {
  return actions_from(c.query(
      std::string(kActionColumns) + "WHERE org_id = ? AND review_id = ? ORDER BY due_day, id",
      {org.value, review}));
}

std::vector<ActionItem> list_owner_action_items(Connection& c, OrgId org, UserId owner,
                                                bool open_only) {
  return actions_from(c.query(std::string(kActionColumns) + "WHERE org_id = ? AND owner_id = ?" +
                                  (open_only ? " AND status = 'open'" : "") +
                                  " ORDER BY due_day, id",
                              {org.value, owner.value}));
}

std::vector<ActionItem> list_overdue_action_items(Connection& c, OrgId org, LocalDate day) {
  return actions_from(c.query(std::string(kActionColumns) +
                                  "WHERE org_id = ? AND status = 'open' AND due_day < ? "
                                  "ORDER BY due_day, id",
                              {org.value, format_date(day)}));
}

}  // namespace fupan::store
