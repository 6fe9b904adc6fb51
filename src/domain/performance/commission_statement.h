// A rep's commission statement for a period (SPEC §5 激励, docs/performance.md "Statements"):
// every 分 on a line of its own — each order or payment credited, split where it crosses a band
// under a marginal plan, with its band, rate and the rounded amount; the bonus on reaching the
// target; the cap; commission taken back on orders cancelled or left unpaid; adjustments with
// their reason and who made them. The total is the sum of the lines. Pure: the service gathers
// the credits, the clawbacks and the adjustments from the store.
//
// Rounding: each line is base × rate rounded half to even to the 分 (core/money.h), once; sums
// of lines are exact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "core/time.h"
#include "domain/performance/commission_plan.h"

namespace fupan::performance {

enum class CreditKind { order, payment };
std::string_view credit_kind_name(CreditKind k);

// Money credited to the rep in the period: an order booked or a payment collected (≥ 0).
struct Credit {
  CreditKind kind = CreditKind::order;
  std::int64_t record_id = 0;
  LocalDate day{};
  Fen amount{};
  // The order's gross margin when its costs are known (a payment carries its order's).
  std::optional<std::int64_t> margin_bp;
};

enum class ClawbackReason { cancelled, unpaid };
std::string_view clawback_reason_name(ClawbackReason r);

// Commission paid in an earlier statement on a record that now takes it back.
struct Clawback {
  CreditKind kind = CreditKind::order;
  std::int64_t record_id = 0;
  LocalDate day{};  // when it was cancelled, or the day it became overdue
  ClawbackReason reason = ClawbackReason::cancelled;
  Fen paid{};  // what the earlier statements paid on it
};

// An amount added (or taken, when negative) by hand, with why and who.
struct Adjustment {
  Fen amount{};
  std::string reason;
  UserId by;
  Instant at{};
};

struct StatementInput {
  std::optional<Fen> target;    // the rep's target of the plan's base for the period
  std::vector<Credit> credits;  // in the order they were booked (day, then id)
  std::vector<Clawback> clawbacks;
  std::vector<Adjustment> adjustments;
};

enum class LineKind { commission, bonus, cap, clawback, adjustment };
std::string_view line_kind_name(LineKind k);

// Why a commission line pays less than its band's rate would.
enum class LineNote { none, no_target, below_min_margin };
std::string_view line_note_name(LineNote n);

struct StatementLine {
  LineKind kind = LineKind::commission;
  std::optional<CreditKind> record_kind;  // commission and clawback lines
  std::int64_t record_id = 0;
  LocalDate day{};
  Fen base{};                       // the part of the record's amount this line pays on
  std::optional<std::size_t> band;  // commission lines: the index of the band
  std::int64_t rate_bp = 0;         // the rate applied (0 with a note)
  Fen amount{};                     // what the line pays (negative to take back)
  LineNote note = LineNote::none;
  std::optional<ClawbackReason> clawback;
  std::string reason;        // adjustments
  std::optional<UserId> by;  // adjustments
};

struct Statement {
  Fen credited{};  // Σ credits
  std::optional<Fen> target;
  std::size_t band = 0;         // the band of the final attainment
  bool target_reached = false;  // credited ≥ target > 0
  std::vector<StatementLine> lines;
  Fen total{};  // Σ lines
};

// The statement of `in` under `plan`.
Statement compute_statement(const CommissionPlan& plan, const StatementInput& in);

}  // namespace fupan::performance
