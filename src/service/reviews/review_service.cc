#include "service/reviews/review_service.h"

#include <set>

#include "service/platform/write.h"
#include "service/reviews/fact_pack.h"
#include "service/reviews/review_access.h"
#include "store/review_store.h"

namespace fupan::service {
namespace {

using reviews::Review;
using reviews::ReviewStatus;

// The participants as ids of active users the actor sees, each once, the owner left out.
Result<std::vector<UserId>> participants_of(const Actor& actor,
                                            const std::vector<std::int64_t>& ids) {
  if (ids.size() > reviews::kMaxParticipants) {
    return Error::invalid("participant_ids", detail::at_most(reviews::kMaxParticipants));
  }
  std::vector<UserId> out;
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string field = "participant_ids[" + std::to_string(i) + "]";
    const UserRecord* u = actor.snapshot->user(UserId{ids[i]});
    if (!u || !u->active) return Error::invalid(field, detail::no_such_active_user);
    if (!actor.scope().sees_user(u->id)) return Error::invalid(field, detail::outside_scope);
    if (u->id != actor.id && seen.insert(u->id.value).second) out.push_back(u->id);
  }
  return out;
}

// The pack as the review's owner sees its scope (a participant who may not see the team's numbers
// reads the same pack as the manager), at `as_of` (none: today): a pack frozen mid-period is
// compared with the live one at the same day.
std::string pack_of(const Context& ctx, const Actor& actor, const Review& r,
                    std::optional<LocalDate> as_of = std::nullopt) {
  Actor owner = r.owner == actor.id ? actor : make_actor(ctx, actor.snapshot, r.owner, actor.ip);
  if (as_of) owner.today = *as_of;
  return assemble_fact_pack(ctx, owner, r.scope, r.period, r.id);
}

// `compare_live` false leaves a frozen review's live comparison out (an export shows only the
// pack the review shows).
Result<ReviewView> view_of(const Context& ctx, const Actor& actor, Review r,
                           bool compare_live = true) {
  ReviewView v;
  v.frozen = !r.facts_json.empty();
  if (!v.frozen) {
    v.facts_json = pack_of(ctx, actor, r);
  } else if (!compare_live) {
    v.facts_json = r.facts_json;
  } else {
    auto live = pack_of(ctx, actor, r, fact_pack_as_of(r.facts_json));
    // Frozen at the meeting's start; the live figures still say whether the facts have moved.
    v.facts_json = r.facts_json;
    if (fact_packs_differ(r.facts_json, live)) {
      v.changed = true;
      v.live_json = std::move(live);
    }
  }
  {
    auto c = ctx.db.acquire();
    v.cards = store::list_cards(*c, actor.org, r.id);
    v.cases = store::list_cases(*c, actor.org, r.id);
    v.action_items = store::list_review_action_items(*c, actor.org, r.id);
  }
  const bool open = r.status != ReviewStatus::closed && actor.scope().can_write;
  v.can_manage = open && (r.owner == actor.id || actor.scope().is_admin);
  v.can_add = open && reviews::takes_part(r, actor.id);
  v.review = std::move(r);
  return v;
}

}  // namespace

Result<std::vector<Review>> list_reviews(const Context& ctx, const Actor& actor,
                                         const ReviewFilter& f) {
  std::optional<ScopeRef> scope;
  if (!f.scope.empty()) {
    FUPAN_ASSIGN_OR_RETURN(auto scopes, parse_scope(f.scope, *actor.snapshot));
    if (scopes.size() != 1) return Error::invalid("scope", detail::one_scope_at_a_time);
    scope = scopes[0];
  }
  std::optional<ReviewStatus> status;
  if (!f.status.empty()) {
    status = reviews::parse_review_status(f.status);
    if (!status) return Error::invalid("status", detail::one_of("preparing, meeting, closed"));
  }
  std::vector<Review> out;
  for (auto& r : store::list_reviews(*ctx.db.acquire(), actor.org)) {
    if (scope && r.scope != *scope) continue;
    if (status && r.status != *status) continue;
    if (sees_review(actor, r)) out.push_back(std::move(r));
  }
  return out;
}

Result<ReviewView> create_review(const Context& ctx, const Actor& actor, const ReviewInput& in) {
  if (!actor.scope().can_write) return Error::forbidden();
  if (in.scope.empty()) return Error::missing("scope");
  FUPAN_ASSIGN_OR_RETURN(auto scopes, parse_scope(in.scope, *actor.snapshot));
  if (scopes.size() != 1) return Error::invalid("scope", detail::one_scope_at_a_time);
  FUPAN_TRY(check_may_view(scopes, *actor.snapshot, actor.scope(), actor.id, actor.today));
  if (in.period.empty()) return Error::missing("period");
  FUPAN_ASSIGN_OR_RETURN(auto period, reviews::parse_review_period(in.period));
  FUPAN_TRY(reviews::check_title(in.title));
  FUPAN_ASSIGN_OR_RETURN(auto participants, participants_of(actor, in.participant_ids));
  const Instant now = ctx.clock.now();
  Review r;
  r.scope = scopes[0];
  r.period = period;
  r.title = in.title;
  r.owner = actor.id;
  r.participants = std::move(participants);
  r.created_at = r.updated_at = now;
  auto saved = write_facts<Review>(ctx, "", [&](store::Connection& c) -> Result<Review> {
    r.id = store::insert_review(c, actor.org, r);
    audit_json(c, actor, "create", "review", r.id, std::nullopt, review_audit_json(r), now);
    return r;
  });
  if (!saved.ok()) return saved.error();
  return view_of(ctx, actor, std::move(*saved));
}

Result<ReviewView> open_review(const Context& ctx, const Actor& actor, std::int64_t id,
                               bool compare_live) {
  std::optional<Review> r;
  {
    auto c = ctx.db.acquire();
    FUPAN_ASSIGN_OR_RETURN(auto found, visible_review(*c, actor, id));
    r = std::move(found);
  }
  return view_of(ctx, actor, std::move(*r), compare_live);
}

Result<ReviewView> change_review(const Context& ctx, const Actor& actor, std::int64_t id,
                                 const ReviewChange& in) {
  if (in.title) FUPAN_TRY(reviews::check_title(*in.title));
  if (in.summary) FUPAN_TRY(reviews::check_summary(*in.summary));
  std::optional<std::vector<UserId>> participants;
  if (in.participant_ids) {
    FUPAN_ASSIGN_OR_RETURN(auto p, participants_of(actor, *in.participant_ids));
    participants = std::move(p);
  }
  const Instant now = ctx.clock.now();
  auto saved = write_facts<Review>(ctx, "", [&](store::Connection& c) -> Result<Review> {
    store::lock_org(c, actor.org);
    FUPAN_ASSIGN_OR_RETURN(auto before, owned_review(c, actor, id, in.version));
    Review after = before;
    if (in.title) after.title = *in.title;
    if (in.summary) after.summary = *in.summary;
    if (participants) after.participants = *participants;
    after.version = before.version + 1;
    after.updated_at = now;
    FUPAN_TRY(outcome_status(store::update_review(c, actor.org, after, in.version)));
    audit_json(c, actor, "update", "review", id, review_audit_json(before),
               review_audit_json(after), now);
    return after;
  });
  if (!saved.ok()) return saved.error();
  return view_of(ctx, actor, std::move(*saved));
}

namespace {

// Moves review `id` on to `status` at now, freezing the fact pack if it is not yet.
Result<ReviewView> advance(const Context& ctx, const Actor& actor, std::int64_t id,
                           std::int64_t version, ReviewStatus status) {
  std::string facts;
  std::optional<Review> current;
  {
    // Read, then the lease is given back: the pack takes leases of its own, outside the write
    // transaction (it reads the analytics index).
    auto c = ctx.db.acquire();
    FUPAN_ASSIGN_OR_RETURN(auto r, owned_review(*c, actor, id, version));
    if (status == ReviewStatus::meeting) FUPAN_TRY(reviews::check_may_start(r));
    current = std::move(r);
  }
  if (current->facts_json.empty()) facts = pack_of(ctx, actor, *current);
  const Instant now = ctx.clock.now();
  auto saved = write_facts<Review>(ctx, "", [&](store::Connection& c) -> Result<Review> {
    store::lock_org(c, actor.org);
    FUPAN_ASSIGN_OR_RETURN(auto before, owned_review(c, actor, id, version));
    if (status == ReviewStatus::meeting) FUPAN_TRY(reviews::check_may_start(before));
    Review after = before;
    // Closing a review whose meeting never started freezes its pack all the same.
    if (after.facts_json.empty()) after.facts_json = facts;
    if (status == ReviewStatus::meeting) after.started_at = now;
    after.status = status;
    if (status == ReviewStatus::closed) after.closed_at = now;
    after.version = before.version + 1;
    after.updated_at = now;
    FUPAN_TRY(outcome_status(store::update_review(c, actor.org, after, version)));
    audit_json(c, actor, status == ReviewStatus::closed ? "close" : "start", "review", id,
               review_audit_json(before), review_audit_json(after), now);
    return after;
  });
  if (!saved.ok()) return saved.error();
  return view_of(ctx, actor, std::move(*saved));
}

}  // namespace

Result<ReviewView> start_review(const Context& ctx, const Actor& actor, std::int64_t id,
                                std::int64_t version) {
  return advance(ctx, actor, id, version, ReviewStatus::meeting);
}

Result<ReviewView> close_review(const Context& ctx, const Actor& actor, std::int64_t id,
                                std::int64_t version) {
  return advance(ctx, actor, id, version, ReviewStatus::closed);
}

}  // namespace fupan::service
