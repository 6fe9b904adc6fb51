// A one-sheet .xlsx built for people (an export of a table), with the name to save it under.
#pragma once

#include <string>

namespace fupan::service {

struct Workbook {
  std::string file_name;  // e.g. "销售额-team:3-2026-W47.xlsx"
  std::string bytes;      // empty when the workbook could not be written
};

}  // namespace fupan::service
