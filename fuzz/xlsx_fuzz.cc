// libFuzzer target for .xlsx imports. The input is read as an .xlsx file as it is; and when it is
// written as parts ("@@xl/workbook.xml\n<workbook>...\n@@xl/worksheets/sheet1.xml\n..."), those
// parts are also zipped first, so mutations reach the XML instead of failing the zip's CRC checks.
// Built and run by scripts/fuzz.sh.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/xlsx_reader.h"

namespace {

constexpr std::string_view kPartMark = "@@";

// Returns the (name, content) parts of `input`, empty when it does not start with "@@".
std::vector<std::pair<std::string, std::string_view>> split_parts(std::string_view input) {
  std::vector<std::pair<std::string, std::string_view>> parts;
  if (!input.starts_with(kPartMark)) return parts;
  while (input.starts_with(kPartMark)) {
    input.remove_prefix(kPartMark.size());
    const auto name_end = input.find('\n');
    if (name_end == std::string_view::npos) break;
    std::string name(input.substr(0, name_end));
    input.remove_prefix(name_end + 1);
    const auto next = input.find("\n@@");
    const auto content = input.substr(0, next);
    parts.emplace_back(std::move(name), content);
    if (next == std::string_view::npos) break;
    input.remove_prefix(next + 1);
  }
  return parts;
}

// Returns the parts stored (not deflated) in a zip archive built in memory; "" on failure.
std::string zip_parts(const std::vector<std::pair<std::string, std::string_view>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (buffer == nullptr) return {};
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, nullptr);
  if (zip == nullptr) {
    zip_source_free(buffer);
    return {};
  }
  zip_source_keep(buffer);  // read it after zip_close
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (source == nullptr) continue;
    const zip_int64_t index = zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      continue;
    }
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  std::string out;
  if (zip_close(zip) != 0) {
    zip_discard(zip);
  } else if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    if (size > 0) {
      out.resize(static_cast<std::size_t>(size));
      if (zip_source_read(buffer, out.data(), out.size()) != size) out.clear();
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

void check(std::string_view bytes) {
  const auto rows = fupan::read_xlsx(bytes);
  if (!rows.ok()) return;
  for (const auto& row : rows.value()) {
    // Empty rows are skipped and trailing empty cells trimmed.
    if (row.line == 0 || row.fields.empty() || row.fields.back().empty()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check(input);
  if (const auto parts = split_parts(input); !parts.empty()) check(zip_parts(parts));
  return 0;
}
