// A 复盘 (SPEC §5): a scope's week, month, quarter or date range looked back on, owned by a
// manager, with participants, in three steps — preparing (the fact pack is live), meeting (the
// fact pack frozen when it starts; cards and cases added), closed (locked). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/ids.h"
#include "core/time.h"
#include "domain/metric_scope.h"
#include "domain/period.h"

namespace fupan::reviews {

enum class ReviewStatus { preparing, meeting, closed };
std::string_view review_status_name(ReviewStatus s);
std::optional<ReviewStatus> parse_review_status(std::string_view text);

// A review's period: a week, a month, a quarter or a range of days ("2026-W49", "2026-11",
// "2026-Q4", "2026-10-01..2026-10-31"); anything else is invalid("period", review_period).
Result<Period> parse_review_period(std::string_view text);

struct Review {
  std::int64_t id = 0;
  ScopeRef scope;
  Period period;
  std::string title;
  UserId owner;
  std::vector<UserId> participants;  // besides the owner
  ReviewStatus status = ReviewStatus::preparing;
  std::string facts_json;  // the fact pack frozen when the meeting started; empty before
  std::optional<Instant> started_at, closed_at;
  std::string summary;  // 总结, written while summarising
  std::int64_t version = 1;
  Instant created_at{}, updated_at{};
};

inline constexpr std::size_t kMaxTitleChars = 80, kMaxSummaryChars = 5000, kMaxParticipants = 50;

// Ok for a title of 1–80 characters (not only spaces).
Status check_title(std::string_view title);
// Ok for a summary of at most 5,000 characters.
Status check_summary(std::string_view summary);
// Ok while the review may change; a closed one is forbidden(review_closed).
Status check_open(const Review& r);
// The meeting starts once, from preparing: forbidden(review_started) after.
Status check_may_start(const Review& r);
// Whether `user` owns or takes part in `r`.
bool takes_part(const Review& r, UserId user);

}  // namespace fupan::reviews
