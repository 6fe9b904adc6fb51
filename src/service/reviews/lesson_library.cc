#include "service/reviews/lesson_library.h"

#include <map>

#include "domain/reviews/library_search.h"
#include "service/reviews/review_access.h"
#include "store/review_store.h"

namespace fupan::service {

Result<std::vector<LessonLine>> search_lessons(const Context& ctx, const Actor& actor,
                                               const LessonQuery& q) {
  if (!q.section.empty() && !reviews::is_section(q.section)) {
    return Error::invalid("section", detail::card_section);
  }
  auto c = ctx.db.acquire();
  std::map<std::int64_t, reviews::Review> seen;
  for (auto& r : store::list_reviews(*c, actor.org)) {
    if (sees_review(actor, r)) seen.emplace(r.id, std::move(r));
  }
  std::vector<LessonLine> out;
  for (auto& card : store::list_lesson_cards(*c, actor.org)) {
    auto r = seen.find(card.review_id);
    if (r == seen.end()) continue;
    if (!q.section.empty() && card.section != q.section) continue;
    if (!reviews::lesson_matches(card, r->second.title, q.q)) continue;
    out.push_back({std::move(card), r->second.title, r->second.period.label, r->second.status});
  }
  return out;
}

}  // namespace fupan::service
