#include "domain/reviews/review.h"

#include <algorithm>

#include "domain/org_validation.h"

namespace fupan::reviews {

std::string_view review_status_name(ReviewStatus s) {
  switch (s) {
    case ReviewStatus::preparing:
      return "preparing";
    case ReviewStatus::meeting:
      return "meeting";
    case ReviewStatus::closed:
      return "closed";
  }
  return "preparing";
}

std::optional<ReviewStatus> parse_review_status(std::string_view text) {
  for (auto s : {ReviewStatus::preparing, ReviewStatus::meeting, ReviewStatus::closed}) {
    if (review_status_name(s) == text) return s;
  }
  return std::nullopt;
}

Result<Period> parse_review_period(std::string_view text) {
  auto p = parse_period(text);
  if (!p.ok()) return p;
  switch (p->kind) {
    case PeriodKind::week:
    case PeriodKind::month:
    case PeriodKind::quarter:
    case PeriodKind::range:
      return p;
    default:
      return Error::invalid("period", detail::review_period);
  }
}

Status check_title(std::string_view title) {
  const std::size_t n = utf8_length(title);
  if (title.find_first_not_of(" \t\r\n") == std::string_view::npos) return Error::missing("title");
  if (n == std::string::npos || n > kMaxTitleChars) {
    return Error::invalid("title", detail::at_most_chars(kMaxTitleChars));
  }
  return {};
}

Status check_summary(std::string_view summary) {
  const std::size_t n = utf8_length(summary);
  if (n == std::string::npos || n > kMaxSummaryChars) {
    return Error::invalid("summary", detail::at_most_chars(kMaxSummaryChars));
  }
  return {};
}

Status check_open(const Review& r) {
  if (r.status == ReviewStatus::closed) {
    return Error::of(ErrorCode::forbidden, detail::review_closed);
  }
  return {};
}

Status check_may_start(const Review& r) {
  FUPAN_TRY(check_open(r));
  if (r.status != ReviewStatus::preparing) {
    return Error::of(ErrorCode::forbidden, detail::review_started);
  }
  return {};
}

bool takes_part(const Review& r, UserId user) {
  return r.owner == user ||
         std::find(r.participants.begin(), r.participants.end(), user) != r.participants.end();
}

}  // namespace fupan::reviews
