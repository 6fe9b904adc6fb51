// `fupan commission`: a period's commission statements for a payroll run (docs/performance.md),
// printed or written as the workbook the web app exports.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "core/error_catalogue.h"
#include "core/money.h"
#include "engine/analytics.h"
#include "service/performance/commission_export.h"
#include "service/performance/commission_statements.h"
#include "service/platform/org_directory.h"
#include "service/platform/scope_cache.h"
#include "service/platform/session_cache.h"
#include "store/metric_settings_store.h"

namespace fupan::cli {
namespace {

int refused(const Error& e) {
  std::cerr << "fupan: " << error_code_name(e.code) << (e.field.empty() ? "" : " " + e.field)
            << (e.detail.empty() ? "" : ": " + english(e.detail)) << "\n";
  return 1;
}

}  // namespace

int commission(const CommissionOptions& o) {
  if (o.format != "text" && o.format != "xlsx") {
    std::cerr << "fupan: --format is text or xlsx\n";
    return 1;
  }
  if (o.format == "xlsx" && o.out.empty()) {
    std::cerr << "fupan: --format xlsx needs --out FILE\n";
    return 1;
  }
  auto db = open_store(o.db, 2);
  SystemClock clock;
  service::OrgDirectory orgs;
  orgs.load_all(*db);
  service::SessionCache sessions;
  service::ScopeCache scopes;
  engine::Analytics analytics(*db, store::read_metric_settings);
  service::Context ctx{*db, orgs, clock, sessions, scopes, &analytics};
  auto actor = cli_actor(ctx, o.as);
  if (!actor.ok()) return refused(actor.error());
  if (o.format == "xlsx") {
    auto file = service::export_statements(ctx, *actor, o.period);
    if (!file.ok()) return refused(file.error());
    std::ofstream out(o.out, std::ios::binary);
    out.write(file->book.bytes.data(), static_cast<std::streamsize>(file->book.bytes.size()));
    if (!out) {
      std::cerr << "fupan: cannot write " << o.out << "\n";
      return 1;
    }
    std::cerr << "已导出 " << file->statements << " 份提成单（已审批 " << file->approved
              << " 份）到 " << o.out << "\n";
    return 0;
  }
  auto list = service::list_statements(ctx, *actor, o.period);
  if (!list.ok()) return refused(list.error());
  if (!list->plan) {
    std::cerr << "fupan: no commission plan covers " << list->period.label << "\n";
    return 1;
  }
  std::cout << "username\tname\tcredited\ttarget\ttotal\tstatus\n";
  for (const auto& v : list->items) {
    const UserRecord* u = actor->snapshot->user(v.user);
    const auto& s = v.statement;
    std::cout << (u ? u->username : "") << '\t' << (u ? u->display_name : "") << '\t'
              << format_yuan(s.credited) << '\t' << (s.target ? format_yuan(*s.target) : "") << '\t'
              << format_yuan(s.total) << '\t' << (v.approved ? "approved" : "open") << '\n';
  }
  return 0;
}

}  // namespace fupan::cli
