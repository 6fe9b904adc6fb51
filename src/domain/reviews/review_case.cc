#include "domain/reviews/review_case.h"

#include <algorithm>
#include <cctype>

#include "domain/org_validation.h"
#include "domain/reviews/library_search.h"

namespace fupan::reviews {
std::string_view case_outcome_name(CaseOutcome o) {
  return o == CaseOutcome::won ? "won" : "lost";
}

std::optional<CaseOutcome> parse_case_outcome(std::string_view text) {
  if (text == "won") return CaseOutcome::won;
  if (text == "lost") return CaseOutcome::lost;
  return std::nullopt;
}

Status check_case_text(const ReviewCase& c) {
  const std::size_t note = utf8_length(c.note);
  if (note == std::string::npos || note > kMaxCaseNote) {
    return Error::invalid("note", detail::at_most_chars(kMaxCaseNote));
  }
  if (c.tags.size() > kMaxTags) return Error::invalid("tags", detail::at_most(kMaxTags));
  for (std::size_t i = 0; i < c.tags.size(); ++i) {
    const std::string field = "tags[" + std::to_string(i) + "]";
    const std::string& tag = c.tags[i];
    if (tag.find_first_not_of(" \t\r\n") == std::string::npos) return Error::missing(field);
    if (tag.find(',') != std::string::npos) return Error::invalid(field, detail::tag_comma);
    const std::size_t n = utf8_length(tag);
    if (n == std::string::npos || n > kMaxTagChars) {
      return Error::invalid(field, detail::at_most_chars(kMaxTagChars));
    }
  }
  return {};
}

bool case_matches(const ReviewCase& c, std::string_view cause_name, std::string_view query) {
  std::string hay = c.opportunity_name + "\n" + c.customer_name + "\n" + c.industry + "\n" +
                    c.product + "\n" + c.competitor + "\n" + c.lost_reason + "\n" + c.note + "\n" +
                    std::string(cause_name) + "\n" + c.root_cause;
  for (const auto& t : c.tags) hay += "\n" + t;
  return matches_words(hay, query);
}

}  // namespace fupan::reviews
