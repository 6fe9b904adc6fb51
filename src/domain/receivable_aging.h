// Receivable aging (SPEC §2): a receivable is an order's total less its payments, aged from the
// order's due date into buckets of 0–30, 31–60, 61–90 and 90+ days past due.
#pragma once

#include "core/money.h"
#include "core/time.h"

namespace fupan {

enum class AgingBucket { d0_30, d31_60, d61_90, d90_plus };

// Returns the bucket of days past due (as_of − due); not yet due counts as 0–30.
AgingBucket aging_bucket(LocalDate due, LocalDate as_of);
// Returns the earliest due date that is still in `bucket` as of `as_of` (due dates from it up to
// the next younger bucket's start belong to `bucket`), so a query can bucket by comparing dates;
// d90_plus has no earliest date and returns LocalDate::min().
LocalDate earliest_due_in(AgingBucket bucket, LocalDate as_of);

// Outstanding amounts per bucket.
struct Aging {
  Fen d0_30, d31_60, d61_90, d90_plus;

  // Returns the sum of the four buckets.
  Fen total() const;
  // Adds `outstanding` (total − payments) to the bucket of `due` as of `as_of`; an amount of zero
  // or less (settled or overpaid) adds nothing.
  void add(Fen outstanding, LocalDate due, LocalDate as_of);
};

}  // namespace fupan
