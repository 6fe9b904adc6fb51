#include "http/routes/reviews_io.h"

#include "domain/goals/org_tree.h"

namespace fupan::http {
namespace {

void write_time(JsonWriter& w, std::string_view name, const std::optional<Instant>& t) {
  w.key(name);
  t ? w.value(format_rfc3339(*t)) : w.null();
}

std::string name_of(const OrgSnapshot& org, UserId id) {
  const UserRecord* u = org.user(id);
  return u ? u->display_name : "";
}

void write_review_members(JsonWriter& w, const reviews::Review& r, const OrgSnapshot& org) {
  w.field("id", r.id);
  w.field("scope", r.scope.text());
  w.field("scope_name", goals::scope_name(org, r.scope));
  w.field("period", r.period.label);
  w.field("from", format_date(r.period.start));
  w.field("to", format_date(r.period.end - std::chrono::days{1}));
  w.field("title", r.title);
  w.field("owner_id", r.owner.value);
  w.field("owner", name_of(org, r.owner));
  w.key("participants").begin_array();
  for (UserId u : r.participants) {
    w.begin_object();
    w.field("id", u.value);
    w.field("name", name_of(org, u));
    w.end_object();
  }
  w.end_array();
  w.field("status", reviews::review_status_name(r.status));
  w.field("summary", r.summary);
  write_time(w, "started_at", r.started_at);
  write_time(w, "closed_at", r.closed_at);
  w.field("version", r.version);
  w.field("created_at", format_rfc3339(r.created_at));
  w.field("updated_at", format_rfc3339(r.updated_at));
}

}  // namespace

void write_review_summary(JsonWriter& w, const reviews::Review& r, const OrgSnapshot& org) {
  w.begin_object();
  write_review_members(w, r, org);
  w.end_object();
}

void write_review(JsonWriter& w, const service::ReviewView& v, const OrgSnapshot& org,
                  LocalDate today) {
  w.begin_object();
  write_review_members(w, v.review, org);
  w.key("facts").raw(v.facts_json);
  w.field("frozen", v.frozen);
  w.field("facts_changed", v.changed);
  w.key("live_facts");
  v.changed ? w.raw(v.live_json) : w.null();
  w.key("cards").begin_array();
  for (const auto& c : v.cards) write_card(w, c, org);
  w.end_array();
  w.key("cases").begin_array();
  for (const auto& c : v.cases) write_case(w, c, org);
  w.end_array();
  w.key("action_items").begin_array();
  for (const auto& a : v.action_items) {
    write_action_item(w, a, org, today, v.review.title, v.review.period.label);
  }
  w.end_array();
  w.key("can").begin_object();
  w.field("manage", v.can_manage);
  w.field("add", v.can_add);
  w.end_object();
  w.end_object();
}

void write_card(JsonWriter& w, const reviews::Card& c, const OrgSnapshot& org) {
  w.begin_object();
  w.field("id", c.id);
  w.field("review_id", c.review_id);
  w.field("author_id", c.author.value);
  w.field("author", name_of(org, c.author));
  w.field("section", c.section);
  w.field("tone", reviews::card_tone_name(c.tone));
  w.field("text", c.text);
  w.field("why", c.why);
  w.field("version", c.version);
  w.field("created_at", format_rfc3339(c.created_at));
  w.field("updated_at", format_rfc3339(c.updated_at));
  w.end_object();
}

void write_case(JsonWriter& w, const reviews::ReviewCase& c, const OrgSnapshot& org) {
  w.begin_object();
  w.field("id", c.id);
  w.field("review_id", c.review_id);
  w.field("opportunity_id", c.opportunity_id);
  w.field("outcome", reviews::case_outcome_name(c.outcome));
  w.field("root_cause", c.root_cause);
  w.field("note", c.note);
  w.key("tags").begin_array();
  for (const auto& t : c.tags) w.value(t);
  w.end_array();
  w.field("opportunity_name", c.opportunity_name);
  w.field("customer", c.customer_name);
  w.field("industry", c.industry);
  w.field("product", c.product);
  w.field("competitor", c.competitor);
  w.field("lost_reason", c.lost_reason);
  w.field("amount", c.amount);
  w.key("owner_id");
  c.owner ? w.value(c.owner->value) : w.null();
  w.field("owner", c.owner ? name_of(org, *c.owner) : "");
  w.field("closed_on", format_date(c.closed_on));
  w.field("cycle_days", c.cycle_days);
  w.field("added_by", c.added_by.value);
  w.field("version", c.version);
  w.field("created_at", format_rfc3339(c.created_at));
  w.field("updated_at", format_rfc3339(c.updated_at));
  w.end_object();
}

void write_action_item(JsonWriter& w, const reviews::ActionItem& a, const OrgSnapshot& org,
                       LocalDate today, const std::string& review_title,
                       const std::string& review_period) {
  w.begin_object();
  w.field("id", a.id);
  w.field("review_id", a.review_id);
  w.field("review_title", review_title);
  w.field("review_period", review_period);
  w.field("owner_id", a.owner.value);
  w.field("owner", name_of(org, a.owner));
  w.field("title", a.title);
  w.field("due_date", format_date(a.due));
  w.field("overdue", reviews::is_overdue(a, today));
  w.key("metric");
  a.metric ? w.value(*a.metric) : w.null();
  w.key("target_id");
  a.target_id ? w.value(*a.target_id) : w.null();
  w.key("target_value");
  a.target_value ? w.value(*a.target_value) : w.null();
  w.field("status", reviews::action_status_name(a.status));
  w.field("done_note", a.done_note);
  write_time(w, "done_at", a.done_at);
  w.field("created_by", a.created_by.value);
  w.field("version", a.version);
  w.field("created_at", format_rfc3339(a.created_at));
  w.field("updated_at", format_rfc3339(a.updated_at));
  w.end_object();
}

void write_root_cause(JsonWriter& w, const reviews::RootCause& c) {
  w.begin_object();
  w.field("key", c.key);
  w.field("name", c.name);
  w.field("builtin", c.builtin);
  w.field("active", c.active);
  w.field("position", c.position);
  w.field("version", c.version);
  w.end_object();
}

}  // namespace fupan::http
