// The columns of an import file: which header names which field. A header may be the field's
// name, its Chinese or English label, or for a reference the name form ("负责人" / "owner" /
// "owner_name" for owner_id); case, surrounding and full-width spaces, '_' for ' ', full-width
// parentheses, a required-marking '*' and a money unit such as "（元）" do not matter.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/entity_kind.h"

namespace fupan {

struct ImportColumn {
  std::string key;  // the field name, "external_id", or a column of a non-CRM import (users)
  std::string zh, en;
  bool required = false;  // a file without this column is refused
  bool system = false;    // set by the system: accepted in a header (exports carry it), ignored
  std::vector<std::string> aliases;  // further headers that name it
};

// Returns the columns an import of `kind` accepts: every field, then external_id when the kind
// has one, then for customers created_at (创建时间: when the customer came, for new_leads).
// Required: the required writable fields but owner_id and user_id (they default to the importing
// user).
std::vector<ImportColumn> entity_import_columns(const EntityKind& kind);

// How the cells of a header row map to columns.
struct ColumnMapping {
  std::vector<int> column_of_cell;      // per header cell: the column index, or -1 (ignored)
  std::vector<int> cell_of_column;      // per column: the header cell index, or -1 (absent)
  std::vector<std::string> missing;     // keys of required columns that no header names
  std::vector<std::string> duplicates;  // keys of columns that two headers name
  std::vector<std::string> unknown;     // headers (as written) that name no column
  std::vector<std::string> ignored;     // headers (as written) of system columns
};

// Maps `header` to `columns`. A blank header cell is ignored and not listed.
ColumnMapping map_columns(std::span<const ImportColumn> columns,
                          std::span<const std::string_view> header);

// Returns `header` as compared: trimmed, ASCII lower-cased, '_' as ' ', runs of spaces as one,
// full-width parentheses as ASCII, without a leading or trailing '*'.
std::string normalize_header(std::string_view header);

}  // namespace fupan
