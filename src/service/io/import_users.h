// The users import (admins only): one user per row, keyed by username. New users are created
// (with an unusable password unless the file gives one), existing ones updated where the file
// says something new; a team puts the user in it from today.
#pragma once

#include "core/table_reader.h"
#include "domain/import_columns.h"
#include "service/io/import_service.h"

namespace fupan::service {

// The columns of a users file.
std::vector<ImportColumn> user_import_columns();

// Imports the users in `reader` (after check that `actor` is an admin).
Result<ImportReport> import_users(const Context& ctx, const Actor& actor, TableReader& reader,
                                  const ImportOptions& options, const ImportProgress& progress);

}  // namespace fupan::service
