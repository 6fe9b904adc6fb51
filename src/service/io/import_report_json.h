// The JSON of an import report, for the command line and GET /api/imports/{id}.
#pragma once

#include <functional>
#include <string>

#include "core/json_writer.h"
#include "service/io/import_service.h"

namespace fupan::service {

// Writes {kind, rows, inserted, updated, unchanged, skipped, committed, errors:[{line, column,
// field, code, detail, value, message?}], warnings:[...]}; `message_of`, when given, words each
// bad row's reason for the reader.
void write_import_report(JsonWriter& w, const ImportReport& r,
                         const std::function<std::string(const ImportRowError&)>& message_of = {});

// Returns a one-line Chinese summary, e.g. "导入订单：共 3 行，新增 2 行，更新 0 行，未变 1 行。".
std::string import_summary_zh(const ImportReport& r);

}  // namespace fupan::service
