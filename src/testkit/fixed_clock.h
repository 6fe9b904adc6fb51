// The one clock tests and benchmarks pin: now() is `t`, which the test moves when it likes.
#pragma once

#include "core/time.h"

namespace fupan::testkit {

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant at = instant_from_ms(0)) : t(at) {}
  Instant now() const override { return t; }

  Instant t;
};

}  // namespace fupan::testkit
