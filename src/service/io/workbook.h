// A one-sheet .xlsx built for people (an export of a table), with the name to save it under.
#pragma once

#include <string>

#include "core/time.h"

namespace fupan::service {

struct Workbook {
  std::string file_name;  // e.g. "销售额-team:3-2026-W47.xlsx"
  std::string bytes;      // empty when the workbook could not be written
};

// The offset from UTC of `tz` at `t`, in minutes: what a date-time cell is written at.
int utc_offset_minutes(const date::time_zone* tz, Instant t);

}  // namespace fupan::service
