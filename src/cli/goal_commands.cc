// `fupan target export`: the goals capability's spreadsheet from the command line, through the
// same use case as GET /api/targets/export (the actor's data scope, the same columns).
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "core/error_catalogue.h"
#include "service/goals/target_export.h"

namespace fupan::cli {

int target_export(const TargetExportOptions& o) {
  if (o.format != "xlsx" && o.format != "csv") {
    std::cerr << "fupan: --format is xlsx or csv\n";
    return 1;
  }
  auto db = open_store(o.db, 2);
  SystemClock clock;
  service::OrgDirectory orgs;
  orgs.load_all(*db);
  service::SessionCache sessions;
  service::ScopeCache scopes;
  service::Context ctx{*db, orgs, clock, sessions, scopes};
  auto actor = cli_actor(ctx, o.as);
  if (!actor.ok()) {
    std::cerr << "fupan: " << english(actor.error().detail) << "\n";
    return 1;
  }
  auto file = service::export_targets(ctx, *actor, {o.metric, o.period, o.format == "csv", false});
  if (!file.ok()) {
    const Error& e = file.error();
    std::cerr << "fupan: " << error_code_name(e.code) << (e.field.empty() ? "" : " " + e.field)
              << (e.detail.empty() ? "" : ": " + english(e.detail)) << "\n";
    return 1;
  }
  std::ofstream out(o.out, std::ios::binary);
  out.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
  if (!out) {
    std::cerr << "fupan: cannot write " << o.out << "\n";
    return 1;
  }
  std::cerr << "已导出 " << file->rows << " 个目标到 " << o.out << "\n";
  return 0;
}

}  // namespace fupan::cli
