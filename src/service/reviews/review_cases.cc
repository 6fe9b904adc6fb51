#include "service/reviews/review_cases.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/json_writer.h"
#include "domain/scope_people.h"
#include "service/platform/write.h"
#include "service/reviews/review_access.h"
#include "store/review_store.h"

namespace fupan::service {
namespace {

using reviews::ReviewCase;

std::string case_json(const ReviewCase& rc) {
  JsonWriter w;
  w.begin_object();
  w.field("review_id", rc.review_id);
  w.field("opportunity_id", rc.opportunity_id);
  w.field("outcome", reviews::case_outcome_name(rc.outcome));
  w.field("root_cause", rc.root_cause);
  w.field("note", rc.note);
  w.key("tags").begin_array();
  for (const auto& t : rc.tags) w.value(t);
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

std::string cause_json(const reviews::RootCause& cause) {
  JsonWriter w;
  w.begin_object();
  w.field("key", cause.key);
  w.field("name", cause.name);
  w.field("active", cause.active);
  w.field("position", cause.position);
  w.field("version", cause.version);
  w.end_object();
  return std::move(w).str();
}

// Ok when `key` is one of the org's active root causes.
Status check_root_cause(store::Connection& c, OrgId org, const std::string& key) {
  if (key.empty()) return Error::missing("root_cause");
  for (const auto& cause : reviews::root_causes(store::list_root_causes(c, org))) {
    if (cause.key == key && cause.active) return {};
  }
  return Error::invalid("root_cause", detail::no_such_root_cause);
}

// Case `id` for a change: its review seen and open, the actor its owner or a participant.
Result<ReviewCase> case_for_change(store::Connection& c, const Actor& actor, std::int64_t id,
                                   std::int64_t version) {
  auto rc = store::find_case(c, actor.org, id);
  if (!rc) return Error::not_found();
  FUPAN_TRY(joined_review(c, actor, rc->review_id));
  if (rc->version != version) return Error::conflict(rc->version);
  return std::move(*rc);
}

// The reviews of the org the actor sees, by id (read once, without their packs).
std::set<std::int64_t> seen_reviews(store::Connection& c, const Actor& actor) {
  std::set<std::int64_t> out;
  for (const auto& r : store::list_reviews(c, actor.org)) {
    if (sees_review(actor, r)) out.insert(r.id);
  }
  return out;
}

}  // namespace

ReviewCase case_of_deal(const store::ClosedDeal& deal, std::int64_t review,
                        const date::time_zone* zone) {
  ReviewCase rc;
  rc.review_id = review;
  rc.opportunity_id = deal.id;
  rc.outcome = deal.status == "won" ? reviews::CaseOutcome::won : reviews::CaseOutcome::lost;
  rc.opportunity_name = deal.name;
  rc.customer_name = deal.customer;
  rc.industry = deal.industry;
  rc.product = deal.products;
  rc.competitor = deal.competitor;
  rc.lost_reason = deal.lost_reason;
  rc.amount = deal.amount;
  rc.owner = deal.owner;
  if (deal.closed_at) rc.closed_on = local_date(*deal.closed_at, zone);
  rc.cycle_days = static_cast<int>((rc.closed_on - local_date(deal.created_at, zone)).count());
  return rc;
}

Result<ReviewCase> add_case(const Context& ctx, const Actor& actor, std::int64_t review,
                            const CaseInput& in) {
  if (in.opportunity_id <= 0) return Error::missing("opportunity_id");
  ReviewCase rc;
  rc.review_id = review;
  rc.opportunity_id = in.opportunity_id;
  rc.root_cause = in.root_cause;
  rc.note = in.note;
  rc.tags = in.tags;
  FUPAN_TRY(reviews::check_case_text(rc));
  const Instant now = ctx.clock.now();
  const auto* zone = zone_of(actor.snapshot->org().timezone);
  return write_facts<ReviewCase>(
      ctx, "opportunity_id", [&](store::Connection& c) -> Result<ReviewCase> {
        store::lock_org(c, actor.org);
        FUPAN_ASSIGN_OR_RETURN(auto r, joined_review(c, actor, review));
        // A deal of someone outside the scope is "outside" whatever it is: nothing more about
        // it is told.
        auto deal = store::find_deal(c, actor.org, in.opportunity_id);
        const auto people = people_of(*actor.snapshot, r.scope, r.period);
        const bool ours =
            deal && (r.scope.kind == ScopeRef::Kind::org ||
                     std::binary_search(people.begin(), people.end(), deal->owner.value));
        if (!ours) return Error::invalid("opportunity_id", detail::case_outside_review);
        if ((deal->status != "won" && deal->status != "lost") || !deal->closed_at) {
          return Error::invalid("opportunity_id", detail::opportunity_not_closed);
        }
        if (!r.period.contains(local_date(*deal->closed_at, zone))) {
          return Error::invalid("opportunity_id", detail::case_outside_review);
        }
        FUPAN_TRY(check_root_cause(c, actor.org, rc.root_cause));
        ReviewCase facts = case_of_deal(*deal, review, zone);
        facts.root_cause = rc.root_cause;
        facts.note = rc.note;
        facts.tags = rc.tags;
        rc = std::move(facts);
        rc.added_by = actor.id;
        rc.created_at = rc.updated_at = now;
        rc.id = store::insert_case(c, actor.org, rc);
        audit_json(c, actor, "create", "review_case", rc.id, std::nullopt, case_json(rc), now);
        return rc;
      });
}

Result<ReviewCase> change_case(const Context& ctx, const Actor& actor, std::int64_t id,
                               const CaseChange& in) {
  const Instant now = ctx.clock.now();
  return write_facts<ReviewCase>(ctx, "", [&](store::Connection& c) -> Result<ReviewCase> {
    store::lock_org(c, actor.org);
    FUPAN_ASSIGN_OR_RETURN(auto before, case_for_change(c, actor, id, in.version));
    ReviewCase after = before;
    if (in.root_cause) after.root_cause = *in.root_cause;
    if (in.note) after.note = *in.note;
    if (in.tags) after.tags = *in.tags;
    FUPAN_TRY(reviews::check_case_text(after));
    if (in.root_cause) FUPAN_TRY(check_root_cause(c, actor.org, after.root_cause));
    after.version = before.version + 1;
    after.updated_at = now;
    FUPAN_TRY(outcome_status(store::update_case(c, actor.org, after, in.version)));
    audit_json(c, actor, "update", "review_case", id, case_json(before), case_json(after), now);
    return after;
  });
}

Status delete_case(const Context& ctx, const Actor& actor, std::int64_t id, std::int64_t version) {
  const Instant now = ctx.clock.now();
  auto done = write_facts<bool>(ctx, "", [&](store::Connection& c) -> Result<bool> {
    store::lock_org(c, actor.org);
    FUPAN_ASSIGN_OR_RETURN(auto before, case_for_change(c, actor, id, version));
    FUPAN_TRY(outcome_status(store::delete_case(c, actor.org, id, version)));
    audit_json(c, actor, "delete", "review_case", id, case_json(before), std::nullopt, now);
    return true;
  });
  if (!done.ok()) return done.error();
  return {};
}

Result<std::vector<ReviewCase>> search_cases(const Context& ctx, const Actor& actor,
                                             const CaseQuery& q) {
  std::optional<reviews::CaseOutcome> outcome;
  if (!q.outcome.empty()) {
    outcome = reviews::parse_case_outcome(q.outcome);
    if (!outcome) return Error::invalid("outcome", detail::one_of("won, lost"));
  }
  auto c = ctx.db.acquire();
  std::map<std::string, std::string> cause_names;
  for (const auto& cause : reviews::root_causes(store::list_root_causes(*c, actor.org))) {
    cause_names[cause.key] = cause.name;
  }
  const std::set<std::int64_t> seen = seen_reviews(*c, actor);
  std::vector<ReviewCase> out;
  for (auto& rc : store::list_cases(*c, actor.org, std::nullopt)) {
    if (outcome && rc.outcome != *outcome) continue;
    if (!q.root_cause.empty() && rc.root_cause != q.root_cause) continue;
    if (!q.competitor.empty() && rc.competitor != q.competitor) continue;
    if (!q.industry.empty() && rc.industry != q.industry) continue;
    if (!q.product.empty() && rc.product.find(q.product) == std::string::npos) continue;
    if (!q.tag.empty() && std::find(rc.tags.begin(), rc.tags.end(), q.tag) == rc.tags.end()) {
      continue;
    }
    if (!reviews::case_matches(rc, cause_names[rc.root_cause], q.q)) continue;
    if (!actor.scope().all && rc.owner != actor.id && !seen.contains(rc.review_id)) continue;
    out.push_back(std::move(rc));
  }
  return out;
}

std::vector<reviews::RootCause> list_root_causes(const Context& ctx, const Actor& actor) {
  return reviews::root_causes(store::list_root_causes(*ctx.db.acquire(), actor.org));
}

Result<reviews::RootCause> add_root_cause(const Context& ctx, const Actor& actor,
                                          const std::string& name) {
  if (!actor.scope().is_admin) return Error::forbidden();
  FUPAN_TRY(reviews::check_root_cause_name(name));
  const Instant now = ctx.clock.now();
  return write_facts<reviews::RootCause>(
      ctx, "name", [&](store::Connection& c) -> Result<reviews::RootCause> {
        store::lock_org(c, actor.org);
        const auto all = reviews::root_causes(store::list_root_causes(c, actor.org));
        for (const auto& cause : all) {
          if (cause.name == name) return Error::exists("name");
        }
        reviews::RootCause cause{store::next_root_cause_key(c, actor.org), name, false, true, 0};
        for (const auto& other : all) cause.position = std::max(cause.position, other.position + 1);
        store::save_root_cause(c, actor.org, cause, now);
        audit_json(c, actor, "create", "review_root_cause", 0, std::nullopt, cause_json(cause),
                   now);
        return cause;
      });
}

Result<reviews::RootCause> change_root_cause(const Context& ctx, const Actor& actor,
                                             const std::string& key, const RootCauseChange& in) {
  if (!actor.scope().is_admin) return Error::forbidden();
  if (in.name) FUPAN_TRY(reviews::check_root_cause_name(*in.name));
  const Instant now = ctx.clock.now();
  return write_facts<reviews::RootCause>(
      ctx, "name", [&](store::Connection& c) -> Result<reviews::RootCause> {
        store::lock_org(c, actor.org);
        const auto all = reviews::root_causes(store::list_root_causes(c, actor.org));
        auto it = std::find_if(all.begin(), all.end(),
                               [&](const reviews::RootCause& cause) { return cause.key == key; });
        if (it == all.end()) return Error::not_found();
        if (it->version != in.version) return Error::conflict(it->version);
        reviews::RootCause after = *it;
        after.version = it->version + 1;
        if (in.name) {
          for (const auto& other : all) {
            if (other.key != key && other.name == *in.name) return Error::exists("name");
          }
          after.name = *in.name;
        }
        if (in.active) after.active = *in.active;
        if (in.position) after.position = *in.position;
        store::save_root_cause(c, actor.org, after, now);
        audit_json(c, actor, "update", "review_root_cause", 0, cause_json(*it), cause_json(after),
                   now);
        return after;
      });
}

}  // namespace fupan::service
