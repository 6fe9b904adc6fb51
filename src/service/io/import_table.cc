#include "service/io/import_table.h"

#include <array>

namespace fupan::service {
namespace {

constexpr std::size_t kMaxErrors = 10'000;
constexpr std::size_t kMaxValueBytes = 200;

std::string joined(const std::vector<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) out += (out.empty() ? "" : ",") + k;
  return out;
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 character.
std::string_view cut(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace

std::string_view trim_cell(std::string_view s) {
  static constexpr std::array<std::string_view, 4> kSpaces = {" ", "\t", "\xC2\xA0",
                                                              "\xE3\x80\x80"};
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    for (std::string_view sp : kSpaces) {
      if (s.starts_with(sp)) {
        s.remove_prefix(sp.size());
        changed = true;
      }
      if (s.ends_with(sp)) {
        s.remove_suffix(sp.size());
        changed = true;
      }
    }
  }
  return s;
}

std::string_view ImportHeader::cell(const TableRow& row, std::size_t col) const {
  const int at = mapping.cell_of_column[col];
  if (at < 0 || static_cast<std::size_t>(at) >= row.fields.size()) return {};
  const std::string_view s = row.fields[static_cast<std::size_t>(at)];
  // Most cells have no surrounding spaces: look before trimming.
  if (!s.empty() && s.front() != ' ' && s.back() != ' ' &&
      static_cast<unsigned char>(s.front()) < 0x80 && static_cast<unsigned char>(s.back()) < 0x80 &&
      s.front() != '\t' && s.back() != '\t')
    return s;
  return trim_cell(s);
}

std::string_view ImportHeader::header_of(std::size_t col) const {
  const int at = mapping.cell_of_column[col];
  return at < 0 ? std::string_view() : std::string_view(cells[static_cast<std::size_t>(at)]);
}

Result<ImportHeader> read_header(TableReader& reader, std::span<const ImportColumn> columns,
                                 ImportReport& report) {
  TableRow row;
  if (!reader.next(row)) return Error::invalid("file", detail::file_empty);
  if (row.problem != TableRow::Problem::none)
    return Error::invalid("file", detail::header_unreadable);
  ImportHeader h;
  for (std::string_view cell : row.fields) h.cells.emplace_back(trim_cell(cell));
  std::vector<std::string_view> views(h.cells.begin(), h.cells.end());
  h.mapping = map_columns(columns, views);
  if (!h.mapping.duplicates.empty())
    return Error::invalid(joined(h.mapping.duplicates), detail::duplicate_column);
  if (!h.mapping.missing.empty())
    return Error{ErrorCode::missing_field, joined(h.mapping.missing), detail::missing_column, {}};
  for (const std::string& u : h.mapping.unknown)
    report.warnings.push_back("unknown column ignored: " + u);
  for (const std::string& s : h.mapping.ignored)
    report.warnings.push_back("column set by the system, ignored: " + s);
  return h;
}

std::string counts_json(const ImportReport& r) {
  return "{\"rows\":" + std::to_string(r.rows) + ",\"inserted\":" + std::to_string(r.inserted) +
         ",\"updated\":" + std::to_string(r.updated) +
         ",\"unchanged\":" + std::to_string(r.unchanged) +
         ",\"skipped\":" + std::to_string(r.skipped) + "}";
}

bool SeenKeys::insert(std::string_view key) {
  if ((count_ + 1) * 2 > slots_.size()) grow();
  const std::uint64_t h = std::hash<std::string_view>{}(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (!s.used) {
      s = {h, static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size()),
           true};
      arena_.append(key);
      ++count_;
      return true;
    }
    if (s.hash == h && std::string_view(arena_).substr(s.offset, s.size) == key) return false;
  }
}

void SeenKeys::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (!s.used) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void RowErrors::add(std::size_t line, std::string_view column, const Error& e,
                    std::string_view value) {
  if (report_.errors.size() >= kMaxErrors) {
    ++not_listed_;
    return;
  }
  report_.errors.push_back({line, sheet_, std::string(column), e.field,
                            std::string(error_code_name(e.code)), e.detail,
                            std::string(cut(value, kMaxValueBytes))});
}

bool RowErrors::add_problem(const TableRow& row) {
  switch (row.problem) {
    case TableRow::Problem::none:
      return false;
    case TableRow::Problem::not_utf8:
      add(row.line, "", Error::invalid("", detail::row_not_utf8), "");
      return true;
    case TableRow::Problem::text_after_quote:
      add(row.line, "", Error::invalid("", detail::text_after_quote), "");
      return true;
    case TableRow::Problem::unclosed_quote:
      add(row.line, "", Error::invalid("", detail::unclosed_quote), "");
      return true;
  }
  return false;
}

void RowErrors::finish() {
  if (not_listed_ > 0) {
    report_.warnings.push_back(std::to_string(not_listed_) +
                               " more errors are not listed (the first 10000 are)");
  }
}

}  // namespace fupan::service
