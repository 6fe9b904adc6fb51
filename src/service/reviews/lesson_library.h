// The library's lessons (SPEC §5 复盘, docs/reviews.md "Library"): the 经验教训 cards of every
// review the reader sees, searchable by words (Chinese too) and by the fact pack's section, so a
// new rep reads what the team learned next to the cases.
#pragma once

#include <string>
#include <vector>

#include "domain/reviews/review.h"
#include "domain/reviews/review_card.h"
#include "service/platform/context.h"

namespace fupan::service {

struct LessonQuery {
  std::string q;        // words, each found in the lesson, its why or its review's title
  std::string section;  // one of the fact pack's sections, or empty for all
};

// A lesson with the review it was learned in.
struct LessonLine {
  reviews::Card card;
  std::string review_title, period_label;
  reviews::ReviewStatus review_status = reviews::ReviewStatus::preparing;
};

// The lessons of the reviews the actor sees, newest first.
Result<std::vector<LessonLine>> search_lessons(const Context& ctx, const Actor& actor,
                                               const LessonQuery& q);

}  // namespace fupan::service
