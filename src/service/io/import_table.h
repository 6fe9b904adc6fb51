// What the imports of every kind share: the header row mapped to the columns, cells trimmed,
// the report's list of row errors (capped), and progress reports every few thousand rows.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/table_reader.h"
#include "domain/import_columns.h"
#include "service/io/import_service.h"

namespace fupan::service {

constexpr std::size_t kMaxImportRows = 2'000'000;

struct ImportHeader {
  std::vector<std::string> cells;  // as written
  ColumnMapping mapping;

  // Returns the cell of column `col` in `row`, trimmed; "" when the file has no such column.
  std::string_view cell(const TableRow& row, std::size_t col) const;
  // Returns the header of column `col` as written, "" when the file has no such column.
  std::string_view header_of(std::size_t col) const;
  bool has(std::size_t col) const { return mapping.cell_of_column[col] >= 0; }
};

// Reads the first row of `reader` as the header. No rows, a missing required column or a
// column named twice is an error; unknown and system columns become warnings in `report`.
Result<ImportHeader> read_header(TableReader& reader, std::span<const ImportColumn> columns,
                                 ImportReport& report);

// The report's counts as the import's audit entry records them: {rows, inserted, updated,
// unchanged, skipped}.
std::string counts_json(const ImportReport& r);

// Returns `s` without surrounding spaces (ASCII, tab, no-break, ideographic).
std::string_view trim_cell(std::string_view s);

// Adds row errors to a report: at most 10,000, then counts the rest.
class RowErrors {
 public:
  explicit RowErrors(ImportReport& report) : report_(report) {}
  void add(std::size_t line, std::string_view column, const Error& e, std::string_view value);
  // Adds the error of a row the reader could not read cleanly, if it has one; returns true then.
  bool add_problem(const TableRow& row);
  // Adds a warning with the number of errors not listed, if any.
  void finish();
  // The errors added from now on are of rows of the sheet `name` (an import of every sheet).
  void sheet(std::string_view name) { sheet_ = name; }

 private:
  ImportReport& report_;
  std::string sheet_;
  std::size_t not_listed_ = 0;
};

// The keys (external ids, usernames) of a file seen so far: one arena and an open-addressing
// table, so a million rows cost no allocation each.
class SeenKeys {
 public:
  // Returns false if `key` was seen before; otherwise remembers it and returns true.
  bool insert(std::string_view key);

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0, size = 0;
    bool used = false;
  };
  void grow();
  std::string arena_;
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

// Calls an ImportProgress every few thousand rows.
class ProgressTicker {
 public:
  ProgressTicker(const ImportProgress& progress, std::size_t total)
      : progress_(progress), total_(total) {}
  void row(std::size_t done) {
    if (progress_ && done % 4096 == 0) progress_("importing", done, std::max(done, total_));
  }
  void phase(std::string_view name, std::size_t done, std::size_t total) {
    if (progress_) progress_(name, done, total);
  }

 private:
  const ImportProgress& progress_;
  std::size_t total_;
};

}  // namespace fupan::service
