// The memberships import (admins only): a company's team history, one stint per row — who was in
// which team, from when, until when (open when the end is empty), as member or leader. Keyed by
// (user, team, start): a re-import changes nothing or updates the end and role; a stint that
// started later and is still open (as the users import leaves one, from the day of that import) is
// moved back to the file's start rather than refused as an overlap.
#pragma once

#include "core/table_reader.h"
#include "domain/import_columns.h"
#include "service/io/import_service.h"

namespace fupan::service {

// The columns of a memberships file.
std::vector<ImportColumn> membership_import_columns();

// Imports the memberships in `reader` (after check that `actor` is an admin).
Result<ImportReport> import_memberships(const Context& ctx, const Actor& actor, TableReader& reader,
                                        const ImportOptions& options,
                                        const ImportProgress& progress);

// Where a stint [from, to) of `user` in `team` goes among the `stints` the store holds: the stint
// it is (same start), the open stint starting later that it moves back, or none (a new one). An
// overlap with any other stint is an error on valid_from.
struct StintPlace {
  const MembershipRecord* same = nullptr;
  const MembershipRecord* moved_back = nullptr;
};
Result<StintPlace> place_stint(const MembershipRecord& stint,
                               const std::vector<MembershipRecord>& stints);

}  // namespace fupan::service
