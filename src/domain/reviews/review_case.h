// A won or lost opportunity pulled into a review as a case (成功案例 / 失败案例), with its root
// cause, a note and tags. The deal's facts at that time are kept with it (customer, industry,
// product, competitor, amount, cycle), so the library reads and searches them as they were. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/ids.h"
#include "core/time.h"

namespace fupan::reviews {

enum class CaseOutcome { won, lost };
std::string_view case_outcome_name(CaseOutcome o);
std::optional<CaseOutcome> parse_case_outcome(std::string_view text);

struct ReviewCase {
  std::int64_t id = 0;
  std::int64_t review_id = 0;
  std::int64_t opportunity_id = 0;
  CaseOutcome outcome = CaseOutcome::won;
  std::string root_cause;  // a key of the org's root causes
  std::string note;        // what happened and why, up to 2,000 characters
  std::vector<std::string> tags;
  // The deal as it was when pulled in.
  std::string opportunity_name, customer_name, industry, product, competitor, lost_reason;
  std::int64_t amount = 0;  // 分
  std::optional<UserId> owner;
  LocalDate closed_on{};
  int cycle_days = 0;  // created to closed
  UserId added_by;
  std::int64_t version = 1;
  Instant created_at{}, updated_at{};
};

inline constexpr std::size_t kMaxCaseNote = 2000, kMaxTags = 10, kMaxTagChars = 20;

// Ok for a note of at most 2,000 characters and at most 10 tags of 1–20 characters without
// commas.
Status check_case_text(const ReviewCase& c);

// Whether `c` matches every word of `query` (split at spaces) in its name, customer, industry,
// product, competitor, lost reason, note, tags or `cause_name`, ignoring ASCII case.
bool case_matches(const ReviewCase& c, std::string_view cause_name, std::string_view query);

}  // namespace fupan::reviews
