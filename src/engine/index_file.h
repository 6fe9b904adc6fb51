// The analytics index of an org kept in a local file between runs of the server: a restart reads
// it back in a second or two and catches up from the audit log (engine/store_mark.h) instead of
// reading every fact of the store again, which takes 8 s from SQLite and 16 s from PostgreSQL for
// a large org. The file is a cache: any doubt about it (another version of this program, another
// store, another calendar, a damaged file) and the index is built from the store as before.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "engine/org_index.h"
#include "engine/store_mark.h"

namespace fupan::engine {

// The file of `org`'s index in `dir`.
std::filesystem::path index_file_path(const std::filesystem::path& dir, OrgId org);

// Writes `index` with the mark of the store it agrees with; atomically (a new file renamed over
// the old one, synced first), so a crash leaves the old file or the new one.
void write_index_file(const std::filesystem::path& path, const OrgIndex& index,
                      const StoreMark& mark);

// Reads the index of `org` back, for the calendar of `settings`; nullptr, with `why` set, when
// there is no file or it cannot be used.
struct IndexFile {
  std::unique_ptr<OrgIndex> index;
  StoreMark mark;
};
IndexFile read_index_file(const std::filesystem::path& path, OrgId org,
                          const MetricSettings& settings, std::string& why);

}  // namespace fupan::engine
