// A breakdown of a metric (service/metrics_service.h) as an .xlsx table for people: one row per
// key with this period, the previous period and 环比, the same period last year and 同比; money
// in 元, ratios as numbers.
#pragma once

#include <string>
#include <vector>

#include "service/metrics_service.h"

namespace fupan::service {

struct MetricFile {
  std::string file_name;  // e.g. "销售额-team:3-2026-W47.xlsx"
  std::string bytes;
};

MetricFile breakdown_xlsx(const MetricQuery& q, std::string_view by,
                          const std::vector<BreakdownRow>& rows, bool english);

}  // namespace fupan::service
