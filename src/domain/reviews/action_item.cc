#include "domain/reviews/action_item.h"

#include "domain/org_validation.h"

namespace fupan::reviews {

std::string_view action_status_name(ActionStatus s) {
  return s == ActionStatus::open ? "open" : "done";
}

std::optional<ActionStatus> parse_action_status(std::string_view text) {
  if (text == "open") return ActionStatus::open;
  if (text == "done") return ActionStatus::done;
  return std::nullopt;
}

Status check_action_item(const ActionItem& a, const Period& review_period) {
  if (a.title.find_first_not_of(" \t\r\n") == std::string::npos) return Error::missing("title");
  const std::size_t n = utf8_length(a.title);
  if (n == std::string::npos || n > kMaxActionTitle) {
    return Error::invalid("title", detail::at_most_chars(kMaxActionTitle));
  }
  if (a.due < review_period.start) return Error::invalid("due_date", detail::due_before_period);
  return {};
}

Status mark_done(ActionItem& a, Instant now, std::string note) {
  if (a.status == ActionStatus::done) {
    return Error::of(ErrorCode::forbidden, detail::action_item_done);
  }
  const std::size_t n = utf8_length(note);
  if (n == std::string::npos || n > kMaxDoneNote) {
    return Error::invalid("note", detail::at_most_chars(kMaxDoneNote));
  }
  a.status = ActionStatus::done;
  a.done_note = std::move(note);
  a.done_at = now;
  return {};
}

bool is_overdue(const ActionItem& a, LocalDate today) {
  return a.status == ActionStatus::open && a.due < today;
}

PdcaTally tally(const std::vector<ActionItem>& items, LocalDate today) {
  PdcaTally t;
  for (const auto& a : items) {
    if (a.status == ActionStatus::done) {
      ++t.done;
    } else if (is_overdue(a, today)) {
      ++t.overdue;
    } else {
      ++t.open;
    }
  }
  return t;
}

std::string_view movement(std::optional<double> before, std::optional<double> after) {
  if (!before || !after) return "unknown";
  if (*after > *before) return "up";
  if (*after < *before) return "down";
  return "flat";
}

}  // namespace fupan::reviews
