// A review as a workbook (SPEC §5 复盘, docs/reviews.md): a sheet per section — the summary, the
// targets, the trend, the deals won and lost, the cards, the cases, the action items — from the
// fact pack the review shows (frozen once the meeting started). Money in 元.
#pragma once

#include "core/error.h"
#include "service/io/workbook.h"
#include "service/platform/context.h"

namespace fupan::service {

// Not found unless the actor sees review `id`.
Result<Workbook> export_review(const Context& ctx, const Actor& actor, std::int64_t id);

}  // namespace fupan::service
