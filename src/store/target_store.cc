#include "store/target_store.h"

namespace fupan::store {
namespace {

const char* kTargets =
    "SELECT start_day, end_day, value FROM targets WHERE org_id = ? AND metric = ? AND "
    "scope_type = ? AND scope_id = ?";

}  // namespace

std::vector<TargetPeriod> read_targets(Connection& c, OrgId org, std::string_view metric,
                                       std::string_view scope_type, std::int64_t scope_id) {
  std::vector<TargetPeriod> out;
  auto rows =
      c.query(kTargets, {org.value, std::string(metric), std::string(scope_type), scope_id});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto start = parse_date(rows.str(r, 0));
    auto end = parse_date(rows.str(r, 1));
    if (start && end) out.push_back({*start, *end, rows.i64(r, 2)});
  }
  return out;
}

}  // namespace fupan::store
