#include "core/xlsx_reader.h"

#include <zip.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <utility>

namespace fupan {
namespace {

constexpr std::size_t kMaxPartBytes = std::size_t{512} << 20;
constexpr std::size_t kMaxRows = 2'000'000;
constexpr std::size_t kMaxColumns = 16'384;  // Excel's last column, XFD
// Gaps between cells become "" fields. Allowing a few per real cell plus a flat amount keeps a
// tiny hostile sheet (one cell in column XFD on every row) from asking for gigabytes.
constexpr std::size_t kGapFieldsPerCell = 4;
constexpr std::size_t kFreeGapFields = 1'000'000;

Error bad(Detail detail) {
  return Error::invalid("file", std::move(detail));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// ---- zip ----

struct ZipDiscard {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
using Zip = std::unique_ptr<zip_t, ZipDiscard>;

Result<Zip> open_zip(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = source != nullptr ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (zip == nullptr) {
    if (source != nullptr) zip_source_free(source);
    return bad(detail::xlsx_not_xlsx);
  }
  Zip owned(zip);
  if (zip_get_num_entries(zip, 0) <= 0) return bad(detail::xlsx_not_xlsx);  // e.g. no bytes at all
  return owned;
}

// Returns the unpacked part `name` (matched without case, as OPC part names are), nullopt when the
// archive has no such part. `label` names the part in errors.
Result<std::optional<std::string>> read_part(zip_t* zip, const std::string& name,
                                             std::string_view label) {
  const zip_int64_t index = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::optional<std::string>{};
  const Detail too_large = detail::xlsx_part_too_large(std::string(label));
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &stat) == 0 &&
      (stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > kMaxPartBytes) {
    return bad(too_large);
  }
  zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) return bad(detail::xlsx_part_unpack(std::string(label)));
  std::string out;
  char buffer[64 * 1024];
  for (;;) {
    const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
    if (n < 0) {
      zip_fclose(file);
      return bad(detail::xlsx_part_damaged(std::string(label)));
    }
    if (n == 0) break;
    const auto count = static_cast<std::size_t>(n);
    if (out.size() + count > kMaxPartBytes) {
      zip_fclose(file);
      return bad(too_large);
    }
    out.append(buffer, count);
  }
  if (zip_fclose(file) != 0) return bad(detail::xlsx_part_damaged(std::string(label)));
  return std::optional<std::string>{std::move(out)};
}

// ---- XML ----

std::string_view local_name(const char* name) {
  const std::string_view s(name);
  const auto colon = s.rfind(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

// Returns the first child element of `parent` whose name without prefix is `name`.
pugi::xml_node child(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element && local_name(n.name()) == name) return n;
  }
  return {};
}

// Returns the attribute of `node` whose name without prefix is `name` (e.g. "id" for r:id).
pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (local_name(a.name()) == name) return a;
  }
  return {};
}

// Parses `text` in place into `doc`; `text` must outlive `doc`.
Status parse_xml(pugi::xml_document& doc, std::string& text, std::string_view label) {
  // parse_ws_pcdata_single keeps <t> </t> (a cell of spaces) but not the indentation between tags.
  const auto parsed = doc.load_buffer_inplace(text.data(), text.size(),
                                              pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) return bad(detail::xlsx_part_not_xml(std::string(label)));
  return {};
}

// Appends the character data directly inside `node`.
void append_text(pugi::xml_node node, std::string& out) {
  for (pugi::xml_node n = node.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) out += n.value();
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Undoes Excel's _xHHHH_ escapes (control characters such as _x000D_, and _x005F_ for "_").
std::string unescape(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 7 <= s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned cp = 0;
      bool hex = true;
      for (std::size_t k = i + 2; k < i + 6; ++k) {
        const int v = hex_value(s[k]);
        hex = hex && v >= 0;
        cp = cp * 16 + static_cast<unsigned>(v < 0 ? 0 : v);
      }
      if (hex && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
        append_utf8(out, cp);
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// Returns the text of a string item (<si> or <is>): its <t>, or the <t> of each rich-text run,
// without phonetic hints (<rPh>).
std::string string_item_text(pugi::xml_node item) {
  std::string out;
  for (pugi::xml_node n = item.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element) continue;
    const auto name = local_name(n.name());
    if (name == "t") {
      append_text(n, out);
    } else if (name == "r") {
      if (pugi::xml_node t = child(n, "t")) append_text(t, out);
    }
  }
  return unescape(std::move(out));
}

// ---- package structure ----

// Returns the part name `target` points to from `source_part` ("" for the package itself).
std::string resolve_target(std::string_view source_part, std::string_view target) {
  std::string path;
  if (target.starts_with('/')) {
    path = target.substr(1);
  } else {
    path = std::string(source_part.substr(0, source_part.rfind('/') + 1));
    path += target;
  }
  std::vector<std::string_view> segments;
  std::string_view rest = path;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string out;
  for (const auto segment : segments) {
    if (!out.empty()) out += '/';
    out += segment;
  }
  return out;
}

struct Relationship {
  std::string type;
  std::string part;  // the resolved target part name
};

// Returns the relationships of `part` by id, from its _rels/<name>.rels (none when absent).
Result<std::map<std::string, Relationship>> read_relationships(zip_t* zip, std::string_view part) {
  const auto slash = part.rfind('/');
  const auto dir = part.substr(0, slash == std::string_view::npos ? 0 : slash + 1);
  const auto file = part.substr(slash == std::string_view::npos ? 0 : slash + 1);
  const std::string rels_part = std::string(dir) + "_rels/" + std::string(file) + ".rels";
  auto text = read_part(zip, rels_part, "the relationships");
  if (!text.ok()) return text.error();
  std::map<std::string, Relationship> out;
  if (!text.value()) return out;
  pugi::xml_document doc;
  FUPAN_TRY(parse_xml(doc, **text, "the relationships"));
  for (pugi::xml_node n = doc.document_element().first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element || local_name(n.name()) != "Relationship") continue;
    if (std::string_view(n.attribute("TargetMode").value()) == "External") continue;
    out.emplace(n.attribute("Id").value(),
                Relationship{n.attribute("Type").value(),
                             resolve_target(part, n.attribute("Target").value())});
  }
  return out;
}

struct WorkbookParts {
  std::vector<std::pair<std::string, std::string>> sheets;  // name and part, in the tab order
  std::string shared_strings = "xl/sharedStrings.xml";
  std::string styles = "xl/styles.xml";
  bool date1904 = false;
};

// Finds the worksheets and the parts their cells refer to.
Result<WorkbookParts> find_parts(zip_t* zip) {
  std::string workbook_part = "xl/workbook.xml";
  auto package = read_relationships(zip, "");
  if (!package.ok()) return package.error();
  for (const auto& [id, rel] : *package) {
    if (ends_with(rel.type, "/officeDocument")) {
      workbook_part = rel.part;
      break;
    }
  }
  auto text = read_part(zip, workbook_part, "the workbook");
  if (!text.ok()) return text.error();
  if (!text.value()) return bad(detail::xlsx_no_workbook);
  pugi::xml_document doc;
  FUPAN_TRY(parse_xml(doc, **text, "the workbook"));
  const pugi::xml_node root = doc.document_element();
  if (local_name(root.name()) != "workbook") return bad(detail::xlsx_not_xlsx);

  WorkbookParts parts;
  const std::string_view date1904 = child(root, "workbookPr").attribute("date1904").value();
  parts.date1904 = date1904 == "1" || date1904 == "true";

  auto rels = read_relationships(zip, workbook_part);
  if (!rels.ok()) return rels.error();
  for (pugi::xml_node n = child(root, "sheets").first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element || local_name(n.name()) != "sheet") continue;
    const auto rel = rels->find(attribute(n, "id").value());
    if (rel != rels->end() && ends_with(rel->second.type, "/worksheet")) {
      parts.sheets.emplace_back(n.attribute("name").value(), rel->second.part);
    }
  }
  if (parts.sheets.empty()) return bad(detail::xlsx_no_worksheet);
  for (const auto& [id, rel] : *rels) {
    if (ends_with(rel.type, "/sharedStrings")) parts.shared_strings = rel.part;
    if (ends_with(rel.type, "/styles")) parts.styles = rel.part;
  }
  return parts;
}

Result<std::vector<std::string>> read_shared_strings(zip_t* zip, const std::string& part) {
  auto text = read_part(zip, part, "the shared strings");
  if (!text.ok()) return text.error();
  std::vector<std::string> out;
  if (!text.value()) return out;
  pugi::xml_document doc;
  FUPAN_TRY(parse_xml(doc, **text, "the shared strings"));
  for (pugi::xml_node n = doc.document_element().first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element && local_name(n.name()) == "si") {
      out.push_back(string_item_text(n));
    }
  }
  return out;
}

// ---- dates ----

enum class DateKind : std::uint8_t { none, date, time, date_time };

// Returns what the built-in number format `id` shows (ECMA-376 Part 1, 18.8.30).
DateKind builtin_kind(unsigned id) {
  if (id >= 14 && id <= 17) return DateKind::date;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return DateKind::time;
  if (id == 22) return DateKind::date_time;
  // East Asian locales, e.g. zh-CN 31 = yyyy"年"m"月"d"日" and 32 = h"时"mm"分".
  if ((id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58) {
    return DateKind::date;
  }
  if ((id >= 32 && id <= 35) || id == 55 || id == 56) return DateKind::time;
  return DateKind::none;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_lower(std::string_view s, std::size_t at, std::string_view prefix) {
  if (s.size() - at < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if (lower(s[at + k]) != prefix[k]) return false;
  }
  return true;
}

// Returns what the custom format `code` shows: date parts (y, m, d), time parts (h, m, s, AM/PM)
// outside quoted text, escapes and [colour]/[$-locale] brackets; "m" is minutes next to h or s.
DateKind format_code_kind(std::string_view code) {
  bool date = false;
  bool time = false;
  bool m = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = lower(code[i]);
    if (c == ';') break;  // the first section is the one that shows positive numbers and dates
    if (c == '"') {
      i = code.find('"', i + 1);
      if (i == std::string_view::npos) break;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const auto end = code.find(']', i + 1);
      if (end == std::string_view::npos) break;
      bool elapsed = end > i + 1;  // [h], [mm], [ss]: elapsed time
      for (std::size_t k = i + 1; k < end; ++k) {
        const char e = lower(code[k]);
        elapsed = elapsed && (e == 'h' || e == 'm' || e == 's');
      }
      time = time || elapsed;
      i = end;
    } else if (starts_with_lower(code, i, "am/pm")) {
      time = true;
      i += 4;
    } else if (starts_with_lower(code, i, "a/p")) {
      time = true;
      i += 2;
    } else if (c == 'y' || c == 'd') {
      date = true;
    } else if (c == 'h' || c == 's') {
      time = true;
    } else if (c == 'm') {
      m = true;
    }
  }
  date = date || (m && !time);
  if (date && time) return DateKind::date_time;
  if (date) return DateKind::date;
  return time ? DateKind::time : DateKind::none;
}

// Returns the date kind of each cell style (cellXfs index), from the styles part.
Result<std::vector<DateKind>> read_date_styles(zip_t* zip, const std::string& part) {
  auto text = read_part(zip, part, "the styles");
  if (!text.ok()) return text.error();
  std::vector<DateKind> out;
  if (!text.value()) return out;
  pugi::xml_document doc;
  FUPAN_TRY(parse_xml(doc, **text, "the styles"));
  const pugi::xml_node root = doc.document_element();
  std::map<unsigned, DateKind> custom;
  for (pugi::xml_node n = child(root, "numFmts").first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element && local_name(n.name()) == "numFmt") {
      custom[n.attribute("numFmtId").as_uint()] =
          format_code_kind(n.attribute("formatCode").value());
    }
  }
  for (pugi::xml_node n = child(root, "cellXfs").first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element || local_name(n.name()) != "xf") continue;
    const unsigned id = n.attribute("numFmtId").as_uint();
    const auto found = custom.find(id);
    out.push_back(found != custom.end() ? found->second : builtin_kind(id));
  }
  return out;
}

// Returns the Excel serial day number `stored` as text of `kind`, nullopt when it is not a number
// in Excel's range (0 to 9999-12-31).
std::optional<std::string> serial_text(std::string_view stored, DateKind kind, bool date1904) {
  double serial = 0;
  const auto [end, ec] = std::from_chars(stored.data(), stored.data() + stored.size(), serial);
  if (ec != std::errc{} || end != stored.data() + stored.size()) return std::nullopt;
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) return std::nullopt;
  const auto seconds = static_cast<std::int64_t>(std::llround(serial * 86400.0));
  std::int64_t day_number = seconds / 86400;
  const auto second = static_cast<int>(seconds % 86400);
  const int hh = second / 3600;
  const int mm = second / 60 % 60;
  const int ss = second % 60;
  char buffer[64];
  if (kind == DateKind::time && day_number == 0) {
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", hh, mm, ss);
    return std::string(buffer);
  }
  namespace chrono = std::chrono;
  // The 1900 system counts a 29 February 1900 that never was (serial 60), as Lotus 1-2-3 did.
  if (!date1904 && day_number < 60) ++day_number;
  const chrono::sys_days base = date1904
                                    ? chrono::sys_days{chrono::year{1904} / chrono::January / 1}
                                    : chrono::sys_days{chrono::year{1899} / chrono::December / 30};
  const chrono::year_month_day ymd{base + chrono::days{day_number}};
  const int y = static_cast<int>(ymd.year());
  const auto mo = static_cast<unsigned>(ymd.month());
  const auto d = static_cast<unsigned>(ymd.day());
  if (kind == DateKind::date) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", y, mo, d);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02d:%02d:%02d", y, mo, d, hh, mm, ss);
  }
  return std::string(buffer);
}

// ---- the worksheet ----

struct SheetContext {
  const std::vector<std::string>& shared_strings;
  const std::vector<DateKind>& styles;
  bool date1904 = false;
};

template <class T>
bool parse_unsigned(std::string_view text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// Returns the 0-based column of a cell reference such as "B7", nullopt when it is not one.
std::optional<std::size_t> column_of(std::string_view ref) {
  std::size_t column = 0;
  std::size_t i = 0;
  for (; i < ref.size() && i < 3; ++i) {
    const char c = lower(ref[i]);
    if (c < 'a' || c > 'z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'a' + 1);
  }
  if (i == 0 || column > kMaxColumns) return std::nullopt;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return std::nullopt;
  }
  return column - 1;
}

// Returns the text of cell `c` on row `row`.
Result<std::string> cell_text(pugi::xml_node c, const SheetContext& context, std::size_t row) {
  const std::string_view type = c.attribute("t").value();
  std::string value;
  const pugi::xml_node v = child(c, "v");
  append_text(v, value);
  if (type == "s") {
    if (value.empty()) return value;
    std::size_t index = 0;
    if (!parse_unsigned(value, index) || index >= context.shared_strings.size()) {
      return bad(detail::xlsx_shared_string(static_cast<std::int64_t>(row)));
    }
    return context.shared_strings[index];
  }
  if (type == "inlineStr" || (!v && child(c, "is"))) return string_item_text(child(c, "is"));
  if (type == "b") {
    if (value == "1" || value == "true") return std::string("TRUE");
    if (value == "0" || value == "false") return std::string("FALSE");
    return value;
  }
  if (type == "str") return unescape(std::move(value));
  if (type.empty() || type == "n") {
    const unsigned style = c.attribute("s").as_uint();
    if (!value.empty() && style < context.styles.size() &&
        context.styles[style] != DateKind::none) {
      if (auto text = serial_text(value, context.styles[style], context.date1904)) return *text;
    }
  }
  return value;  // numbers as stored, errors (t="e") such as #N/A, ISO dates (t="d")
}

Result<std::vector<CsvRow>> read_sheet(pugi::xml_node root, const SheetContext& context) {
  std::vector<CsvRow> rows;
  std::size_t next_row = 1;
  std::size_t row_count = 0;
  std::size_t cells = 0;
  std::size_t gaps = 0;
  for (pugi::xml_node r = child(root, "sheetData").first_child(); r; r = r.next_sibling()) {
    if (r.type() != pugi::node_element || local_name(r.name()) != "row") continue;
    if (++row_count > kMaxRows) return bad(detail::xlsx_too_many_rows);
    std::size_t line = next_row;
    if (const pugi::xml_attribute a = r.attribute("r")) {
      if (!parse_unsigned(std::string_view(a.value()), line) || line == 0 || line > kMaxRows) {
        return bad(detail::xlsx_row_number(std::string(a.value()).substr(0, 20)));
      }
    }
    next_row = line + 1;
    std::vector<std::string> fields;
    std::size_t next_column = 0;
    for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || local_name(c.name()) != "c") continue;
      std::size_t column = next_column;
      if (const pugi::xml_attribute a = c.attribute("r")) {
        const auto parsed = column_of(a.value());
        if (!parsed) return bad(detail::xlsx_cell_reference(static_cast<std::int64_t>(line)));
        column = *parsed;
      }
      if (column >= kMaxColumns)
        return bad(detail::xlsx_too_many_columns(static_cast<std::int64_t>(line)));
      next_column = column + 1;
      auto value = cell_text(c, context, line);
      if (!value.ok()) return value.error();
      if (value->empty()) continue;
      ++cells;
      if (column < fields.size()) {
        fields[column] = std::move(value).value();
        continue;
      }
      gaps += column - fields.size();
      if (gaps > kFreeGapFields + kGapFieldsPerCell * cells) {
        return bad(detail::xlsx_too_many_empty_cells);
      }
      fields.resize(column);
      fields.push_back(std::move(value).value());
    }
    if (!fields.empty()) rows.push_back(CsvRow{line, std::move(fields)});
  }
  return rows;
}

}  // namespace

Result<std::vector<XlsxSheet>> read_xlsx_sheets(std::string_view bytes, bool first_only) {
  auto zip = open_zip(bytes);
  if (!zip.ok()) return zip.error();
  auto parts = find_parts(zip->get());
  if (!parts.ok()) return parts.error();
  auto shared_strings = read_shared_strings(zip->get(), parts->shared_strings);
  if (!shared_strings.ok()) return shared_strings.error();
  auto styles = read_date_styles(zip->get(), parts->styles);
  if (!styles.ok()) return styles.error();
  std::vector<XlsxSheet> out;
  for (const auto& [name, part] : parts->sheets) {
    auto text = read_part(zip->get(), part, "the worksheet");
    if (!text.ok()) return text.error();
    if (!text.value()) return bad(detail::xlsx_worksheet_missing);
    pugi::xml_document doc;
    FUPAN_TRY(parse_xml(doc, **text, "the worksheet"));
    const pugi::xml_node root = doc.document_element();
    if (local_name(root.name()) != "worksheet") return bad(detail::xlsx_not_worksheet);
    auto rows = read_sheet(root, SheetContext{*shared_strings, *styles, parts->date1904});
    if (!rows.ok()) return rows.error();
    out.push_back({name, std::move(*rows)});
    if (first_only) break;
  }
  return out;
}

Result<std::vector<CsvRow>> read_xlsx(std::string_view bytes) {
  auto sheets = read_xlsx_sheets(bytes, true);
  if (!sheets.ok()) return sheets.error();
  return std::move(sheets->front().rows);
}

}  // namespace fupan
