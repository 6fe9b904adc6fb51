#include "service/reviews/review_cards.h"

#include "core/json_writer.h"
#include "service/platform/write.h"
#include "service/reviews/review_access.h"
#include "store/review_store.h"

namespace fupan::service {
namespace {

using reviews::Card;

std::string card_json(const Card& c) {
  JsonWriter w;
  w.begin_object();
  w.field("review_id", c.review_id);
  w.field("section", c.section);
  w.field("tone", reviews::card_tone_name(c.tone));
  w.field("text", c.text);
  w.field("why", c.why);
  w.end_object();
  return std::move(w).str();
}

Result<reviews::CardTone> tone_of(const std::string& text) {
  if (text.empty()) return Error::missing("tone");
  auto t = reviews::parse_card_tone(text);
  if (!t) return Error::invalid("tone", detail::card_tone);
  return *t;
}

// Card `id` for a change by `actor`: its review seen and open; the author's own (the review's
// owner may also delete it).
Result<Card> card_for_change(store::Connection& c, const Actor& actor, std::int64_t id,
                             std::int64_t version, bool deleting) {
  auto card = store::find_card(c, actor.org, id);
  if (!card) return Error::not_found();
  FUPAN_ASSIGN_OR_RETURN(auto review, visible_review(c, actor, card->review_id));
  if (!actor.scope().can_write) return Error::forbidden();
  FUPAN_TRY(reviews::check_open(review));
  const bool owner = deleting && (review.owner == actor.id || actor.scope().is_admin);
  if (card->author != actor.id && !owner) {
    return Error::of(ErrorCode::forbidden, detail::own_card_only);
  }
  if (card->version != version) return Error::conflict(card->version);
  return std::move(*card);
}

}  // namespace

Result<Card> add_card(const Context& ctx, const Actor& actor, std::int64_t review,
                      const CardInput& in) {
  Card card;
  card.review_id = review;
  card.author = actor.id;
  card.section = in.section;
  FUPAN_ASSIGN_OR_RETURN(card.tone, tone_of(in.tone));
  card.text = in.text;
  card.why = in.why;
  FUPAN_TRY(reviews::check_card(card));
  const Instant now = ctx.clock.now();
  card.created_at = card.updated_at = now;
  return write_facts<Card>(ctx, "", [&](store::Connection& c) -> Result<Card> {
    store::lock_org(c, actor.org);
    FUPAN_TRY(joined_review(c, actor, review));
    card.id = store::insert_card(c, actor.org, card);
    audit_json(c, actor, "create", "review_card", card.id, std::nullopt, card_json(card), now);
    return card;
  });
}

Result<Card> change_card(const Context& ctx, const Actor& actor, std::int64_t id,
                         const CardChange& in) {
  std::optional<reviews::CardTone> tone;
  if (in.tone) {
    FUPAN_ASSIGN_OR_RETURN(tone, tone_of(*in.tone));
  }
  const Instant now = ctx.clock.now();
  return write_facts<Card>(ctx, "", [&](store::Connection& c) -> Result<Card> {
    store::lock_org(c, actor.org);
    FUPAN_ASSIGN_OR_RETURN(auto before, card_for_change(c, actor, id, in.version, false));
    Card after = before;
    if (in.section) after.section = *in.section;
    if (tone) after.tone = *tone;
    if (in.text) after.text = *in.text;
    if (in.why) after.why = *in.why;
    FUPAN_TRY(reviews::check_card(after));
    after.version = before.version + 1;
    after.updated_at = now;
    FUPAN_TRY(outcome_status(store::update_card(c, actor.org, after, in.version)));
    audit_json(c, actor, "update", "review_card", id, card_json(before), card_json(after), now);
    return after;
  });
}

Status delete_card(const Context& ctx, const Actor& actor, std::int64_t id, std::int64_t version) {
  const Instant now = ctx.clock.now();
  auto done = write_facts<bool>(ctx, "", [&](store::Connection& c) -> Result<bool> {
    store::lock_org(c, actor.org);
    FUPAN_ASSIGN_OR_RETURN(auto before, card_for_change(c, actor, id, version, true));
    FUPAN_TRY(outcome_status(store::delete_card(c, actor.org, id, version)));
    audit_json(c, actor, "delete", "review_card", id, card_json(before), std::nullopt, now);
    return true;
  });
  if (!done.ok()) return done.error();
  return {};
}

}  // namespace fupan::service
