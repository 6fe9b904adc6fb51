#include "domain/import_columns.h"

#include <array>

namespace fupan {
namespace {

// Removes a money unit in parentheses at the end ("金额 (元)" → "金额"), if there is one.
std::string without_unit(const std::string& h) {
  static constexpr std::array<std::string_view, 5> kUnits = {"(元)", "(yuan)", "(cny)", "(¥)",
                                                             "(rmb)"};
  for (std::string_view unit : kUnits) {
    if (h.size() > unit.size() && h.ends_with(unit)) {
      std::string out = h.substr(0, h.size() - unit.size());
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out;
    }
  }
  return {};
}

bool names(const ImportColumn& c, const std::string& h) {
  if (normalize_header(c.key) == h || normalize_header(c.zh) == h || normalize_header(c.en) == h)
    return true;
  for (const std::string& a : c.aliases) {
    if (normalize_header(a) == h) return true;
  }
  return false;
}

int find_column(std::span<const ImportColumn> columns, const std::string& h) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (names(columns[i], h)) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

std::string normalize_header(std::string_view s) {
  // Spaces: ASCII, tab, no-break (U+00A0), ideographic (U+3000), and a stray byte-order mark.
  static constexpr std::array<std::string_view, 5> kSpaces = {" ", "\t", "\xC2\xA0", "\xE3\x80\x80",
                                                              "\xEF\xBB\xBF"};
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    for (std::string_view sp : kSpaces) {
      if (s.substr(i, sp.size()) == sp) len = sp.size();
    }
    if (len == 0 && s[i] == '_') len = 1;
    if (len > 0) {
      space = true;
      i += len;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    if (s.substr(i, 3) == "\xEF\xBC\x88") {  // （
      out += '(';
      i += 3;
    } else if (s.substr(i, 3) == "\xEF\xBC\x89") {  // ）
      out += ')';
      i += 3;
    } else {
      const char c = s[i++];
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  while (!out.empty() && (out.front() == '*' || out.front() == ' ')) out.erase(0, 1);
  while (!out.empty() && (out.back() == '*' || out.back() == ' ')) out.pop_back();
  return out;
}

std::vector<ImportColumn> entity_import_columns(const EntityKind& kind) {
  std::vector<ImportColumn> out;
  for (const Field& f : kind.fields) {
    ImportColumn c;
    c.key = std::string(f.name);
    c.zh = std::string(f.zh);
    c.en = std::string(f.en);
    c.system = !f.writable;
    c.required = f.required && f.writable && f.name != "owner_id" && f.name != "user_id";
    if (f.type == FieldType::ref && c.key.ends_with("_id")) {
      const std::string base = c.key.substr(0, c.key.size() - 3);
      c.aliases = {base, base + "_name"};
    }
    out.push_back(std::move(c));
  }
  if (kind.has_external_id) {
    out.push_back({.key = "external_id", .zh = "外部编号", .en = "External ID"});
  }
  if (kind.name == "customer") {
    out.push_back({.key = "created_at",
                   .zh = "创建时间",
                   .en = "Created at",
                   .aliases = {"创建日期", "建档时间", "建档日期", "created"}});
  }
  return out;
}

ColumnMapping map_columns(std::span<const ImportColumn> columns,
                          std::span<const std::string_view> header) {
  ColumnMapping m;
  m.column_of_cell.assign(header.size(), -1);
  m.cell_of_column.assign(columns.size(), -1);
  for (std::size_t cell = 0; cell < header.size(); ++cell) {
    const std::string h = normalize_header(header[cell]);
    if (h.empty()) continue;
    int col = find_column(columns, h);
    if (col < 0) {
      if (std::string bare = without_unit(h); !bare.empty()) col = find_column(columns, bare);
    }
    if (col < 0) {
      m.unknown.emplace_back(header[cell]);
      continue;
    }
    const ImportColumn& c = columns[static_cast<std::size_t>(col)];
    if (c.system) {
      m.ignored.emplace_back(header[cell]);
      continue;
    }
    if (m.cell_of_column[static_cast<std::size_t>(col)] >= 0) {
      m.duplicates.push_back(c.key);
      continue;
    }
    m.cell_of_column[static_cast<std::size_t>(col)] = static_cast<int>(cell);
    m.column_of_cell[cell] = col;
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].required && m.cell_of_column[i] < 0) m.missing.push_back(columns[i].key);
  }
  return m;
}

}  // namespace fupan
