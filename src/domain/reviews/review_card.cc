#include "domain/reviews/review_card.h"

#include <algorithm>

#include "domain/org_validation.h"

namespace fupan::reviews {

std::string_view card_tone_name(CardTone t) {
  switch (t) {
    case CardTone::went_well:
      return "went_well";
    case CardTone::went_wrong:
      return "went_wrong";
    case CardTone::lesson:
      return "lesson";
  }
  return "went_well";
}

std::optional<CardTone> parse_card_tone(std::string_view text) {
  for (auto t : {CardTone::went_well, CardTone::went_wrong, CardTone::lesson}) {
    if (card_tone_name(t) == text) return t;
  }
  return std::nullopt;
}

bool is_section(std::string_view key) {
  return std::find(kSections.begin(), kSections.end(), key) != kSections.end();
}

Status check_card(const Card& c) {
  if (!is_section(c.section)) return Error::invalid("section", detail::card_section);
  if (c.text.find_first_not_of(" \t\r\n") == std::string::npos) return Error::missing("text");
  const std::size_t text = utf8_length(c.text);
  if (text == std::string::npos || text > kMaxCardText) {
    return Error::invalid("text", detail::at_most_chars(kMaxCardText));
  }
  const std::size_t why = utf8_length(c.why);
  if (why == std::string::npos || why > kMaxCardWhy) {
    return Error::invalid("why", detail::at_most_chars(kMaxCardWhy));
  }
  return {};
}

}  // namespace fupan::reviews
