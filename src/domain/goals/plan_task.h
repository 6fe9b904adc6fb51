// A task a person adds to their day's plan (SPEC §3 daily plan): a title, where it sits in the
// important / urgent quadrant, and when it was ticked done. The day's quotas and follow-ups are
// not stored: they come from the targets and the CRM each time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.h"
#include "core/json_writer.h"
#include "core/time.h"

namespace fupan::goals {

struct PlanTask {
  std::int64_t id = 0;
  UserId user;
  LocalDate day;
  std::string title;
  bool important = false, urgent = false;
  std::optional<Instant> done_at;
  std::int64_t version = 1;
  Instant created_at, updated_at;
};

// {id, user_id, date, title, important, urgent, done, done_at, version, created_at, updated_at}
void write_json(JsonWriter& w, const PlanTask& t);
std::string to_json(const PlanTask& t);

}  // namespace fupan::goals
