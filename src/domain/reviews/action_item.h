// An action item of a review (SPEC §5, PDCA): a task with an owner and a due date, the metric it
// should move, and optionally a change of one of the scope's targets; open until its owner marks
// it done with a note. The next review of the same scope checks them: done, open, overdue, and
// whether each metric moved. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/ids.h"
#include "core/time.h"
#include "domain/period.h"

namespace fupan::reviews {

enum class ActionStatus { open, done };
std::string_view action_status_name(ActionStatus s);
std::optional<ActionStatus> parse_action_status(std::string_view text);

struct ActionItem {
  std::int64_t id = 0;
  std::int64_t review_id = 0;
  UserId owner;
  std::string title;  // 1–200 characters
  LocalDate due{};
  std::optional<std::string> metric;  // the metric it should move (SPEC §6), as the API names it
  // A target it changes (through the goals capability, the review as the reason) and to what.
  std::optional<std::int64_t> target_id, target_value;
  ActionStatus status = ActionStatus::open;
  std::string done_note;
  std::optional<Instant> done_at;
  UserId created_by;
  std::int64_t version = 1;
  Instant created_at{}, updated_at{};
};

inline constexpr std::size_t kMaxActionTitle = 200, kMaxDoneNote = 1000;

// Ok for a title of 1–200 characters and a due date on or after the start of the review's period
// (invalid("due_date", due_before_period) before it).
Status check_action_item(const ActionItem& a, const Period& review_period);
// Marks `a` done at `now` with `note` (at most 1,000 characters); forbidden(action_item_done)
// when it already is.
Status mark_done(ActionItem& a, Instant now, std::string note);
// Open and due before `today`.
bool is_overdue(const ActionItem& a, LocalDate today);

// How a review's action items stand (PDCA's check): each in exactly one of done, overdue, open.
struct PdcaTally {
  int done = 0, open = 0, overdue = 0;
  int total() const { return done + open + overdue; }
};
PdcaTally tally(const std::vector<ActionItem>& items, LocalDate today);

// Whether a metric moved the way an action item wanted, from `before` to `after` (null: no
// value): "up", "down", "flat" or "unknown".
std::string_view movement(std::optional<double> before, std::optional<double> after);

}  // namespace fupan::reviews
