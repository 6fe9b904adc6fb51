// The org settings the metrics read: time zone, fiscal year start, gross margin and holidays.
#pragma once

#include "core/ids.h"
#include "domain/metric_query.h"
#include "store/database.h"

namespace fupan::store {

MetricSettings read_metric_settings(Connection& c, OrgId org);

}  // namespace fupan::store
