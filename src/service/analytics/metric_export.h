// A breakdown of a metric (service/analytics/metrics_service.h) as an .xlsx table for people: one
// row per key with this period, the previous period and 环比, the same period last year and 同比;
// money in 元, ratios as numbers.
#pragma once

#include <string>
#include <vector>

#include "service/analytics/metrics_service.h"
#include "service/io/workbook.h"

namespace fupan::service {

Workbook breakdown_xlsx(const MetricQuery& q, std::string_view by,
                        const std::vector<BreakdownRow>& rows, bool english);

}  // namespace fupan::service
