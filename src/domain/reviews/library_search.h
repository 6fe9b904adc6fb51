// What the library's search (docs/reviews.md "Library") finds: every word of the reader's query,
// in any case of ASCII letters, Chinese as typed. Pure.
#pragma once

#include <string_view>

#include "domain/reviews/review_card.h"

namespace fupan::reviews {

// Whether `text` holds every word of `query`, split at spaces (ASCII or the full-width 　 a
// Chinese keyboard types), ignoring ASCII case; an empty query matches everything.
bool matches_words(std::string_view text, std::string_view query);

// Whether lesson `card` matches `query` in its point, its why or `review_title`.
bool lesson_matches(const Card& card, std::string_view review_title, std::string_view query);

}  // namespace fupan::reviews
