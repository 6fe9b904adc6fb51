#include "domain/receivable_aging.h"

namespace fupan {

AgingBucket aging_bucket(LocalDate due, LocalDate as_of) {
  const auto days_past_due = (as_of - due).count();
  if (days_past_due <= 30) return AgingBucket::d0_30;
  if (days_past_due <= 60) return AgingBucket::d31_60;
  if (days_past_due <= 90) return AgingBucket::d61_90;
  return AgingBucket::d90_plus;
}

LocalDate earliest_due_in(AgingBucket bucket, LocalDate as_of) {
  using std::chrono::days;
  switch (bucket) {
    case AgingBucket::d0_30:
      return as_of - days(30);
    case AgingBucket::d31_60:
      return as_of - days(60);
    case AgingBucket::d61_90:
      return as_of - days(90);
    case AgingBucket::d90_plus:
      break;
  }
  return LocalDate::min();
}

Fen Aging::total() const {
  return d0_30 + d31_60 + d61_90 + d90_plus;
}

void Aging::add(Fen outstanding, LocalDate due, LocalDate as_of) {
  if (outstanding <= Fen{0}) return;
  switch (aging_bucket(due, as_of)) {
    case AgingBucket::d0_30:
      d0_30 += outstanding;
      break;
    case AgingBucket::d31_60:
      d31_60 += outstanding;
      break;
    case AgingBucket::d61_90:
      d61_90 += outstanding;
      break;
    case AgingBucket::d90_plus:
      d90_plus += outstanding;
      break;
  }
}

}  // namespace fupan
