#include "store/metric_settings_store.h"

#include <algorithm>

namespace fupan::store {
namespace {

const char* kOrg =
    "SELECT timezone, fiscal_year_start_month, gross_margin_bp FROM orgs WHERE id = ?";
const char* kHolidays = "SELECT day FROM holidays WHERE org_id = ? ORDER BY day";

}  // namespace

MetricSettings read_metric_settings(Connection& c, OrgId org) {
  MetricSettings s;
  auto rows = c.query(kOrg, {org.value});
  if (!rows.empty()) {
    s.timezone = rows.str(0, 0);
    s.fiscal_start_month = static_cast<int>(rows.i64(0, 1));
    s.gross_margin_bp = static_cast<int>(rows.i64(0, 2));
  }
  auto days = c.query(kHolidays, {org.value});
  for (std::size_t r = 0; r < days.size(); ++r) {
    if (auto d = parse_date(days.str(r, 0))) s.holidays.push_back(*d);
  }
  std::sort(s.holidays.begin(), s.holidays.end());
  return s;
}

}  // namespace fupan::store
