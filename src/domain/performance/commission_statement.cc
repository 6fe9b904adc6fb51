#include "domain/performance/commission_statement.h"

#include <algorithm>

namespace fupan::performance {

std::string_view credit_kind_name(CreditKind k) {
  return k == CreditKind::order ? "order" : "payment";
}

std::string_view clawback_reason_name(ClawbackReason r) {
  return r == ClawbackReason::cancelled ? "cancelled" : "unpaid";
}

std::string_view line_kind_name(LineKind k) {
  switch (k) {
    case LineKind::commission:
      return "commission";
    case LineKind::bonus:
      return "bonus";
    case LineKind::cap:
      return "cap";
    case LineKind::clawback:
      return "clawback";
    case LineKind::adjustment:
      return "adjustment";
  }
  return "commission";
}

std::string_view line_note_name(LineNote n) {
  switch (n) {
    case LineNote::none:
      return "";
    case LineNote::no_target:
      return "no_target";
    case LineNote::below_min_margin:
      return "below_min_margin";
  }
  return "";
}

namespace {

// Whether credit `c` earns nothing for its margin.
bool below_margin(const CommissionPlan& plan, const Credit& c) {
  return plan.min_margin_bp && c.margin_bp && *c.margin_bp < *plan.min_margin_bp;
}

// The line paying on `base` of credit `c` at band `band`'s rate (nothing, with a note, when the
// credit is below the plan's margin).
StatementLine commission_line(const CommissionPlan& plan, const Credit& c, Fen base,
                              std::size_t band, bool has_target) {
  StatementLine l;
  l.kind = LineKind::commission;
  l.record_kind = c.kind;
  l.record_id = c.record_id;
  l.day = c.day;
  l.base = base;
  l.band = band;
  if (below_margin(plan, c)) {
    l.note = LineNote::below_min_margin;
  } else {
    l.rate_bp = plan.bands[band].rate_bp;
    if (!has_target) l.note = LineNote::no_target;
  }
  l.amount = round_half_even(base, l.rate_bp, kWholePercentBp).value_or(Fen{0});
  return l;
}

// Where band `i` starts in 分 of credit: the target × its lower end, rounded half to even.
Fen band_start(const CommissionPlan& plan, Fen target, std::size_t i) {
  return round_half_even(target, plan.bands[i].from_bp, kWholePercentBp).value_or(Fen::max());
}

// Marginal: each credit in turn, from where the ones before it left off, split where it crosses
// the start of a band.
void marginal_lines(const CommissionPlan& plan, const StatementInput& in, Statement& out) {
  const bool has_target = in.target && *in.target > Fen{0};
  Fen reached{0};
  for (const Credit& c : in.credits) {
    Fen left = c.amount;
    do {
      std::size_t band = 0;
      std::optional<Fen> room;
      if (has_target) {
        while (band + 1 < plan.bands.size() && band_start(plan, *in.target, band + 1) <= reached) {
          ++band;
        }
        if (band + 1 < plan.bands.size()) room = band_start(plan, *in.target, band + 1) - reached;
      }
      const Fen part = room ? std::min(left, *room) : left;
      out.lines.push_back(commission_line(plan, c, part, band, has_target));
      reached += part;
      left -= part;
    } while (left > Fen{0});
  }
}

}  // namespace

Statement compute_statement(const CommissionPlan& plan, const StatementInput& in) {
  Statement out;
  out.target = in.target;
  for (const Credit& c : in.credits) out.credited += c.amount;
  const bool has_target = in.target && *in.target > Fen{0};
  out.band = band_of(plan.bands, out.credited, in.target);
  out.target_reached = has_target && out.credited >= *in.target;

  if (plan.mode == TierMode::retroactive) {
    for (const Credit& c : in.credits) {
      out.lines.push_back(commission_line(plan, c, c.amount, out.band, has_target));
    }
  } else {
    marginal_lines(plan, in, out);
  }
  Fen earned{0};
  for (const StatementLine& l : out.lines) earned += l.amount;
  if (out.target_reached && plan.target_bonus > Fen{0}) {
    StatementLine bonus;
    bonus.kind = LineKind::bonus;
    bonus.amount = plan.target_bonus;
    out.lines.push_back(bonus);
    earned += plan.target_bonus;
  }
  if (plan.cap && earned > *plan.cap) {
    StatementLine cap;
    cap.kind = LineKind::cap;
    cap.base = earned;
    cap.amount = *plan.cap - earned;
    out.lines.push_back(cap);
  }
  // Taken back and adjusted after the cap: the cap limits what a period earns, not what an
  // earlier one must return.
  for (const Clawback& b : in.clawbacks) {
    StatementLine l;
    l.kind = LineKind::clawback;
    l.record_kind = b.kind;
    l.record_id = b.record_id;
    l.day = b.day;
    l.base = b.paid;
    l.amount = -b.paid;
    l.clawback = b.reason;
    out.lines.push_back(l);
  }
  for (const Adjustment& a : in.adjustments) {
    StatementLine l;
    l.kind = LineKind::adjustment;
    l.amount = a.amount;
    l.reason = a.reason;
    l.by = a.by;
    out.lines.push_back(l);
  }
  for (const StatementLine& l : out.lines) out.total += l.amount;
  return out;
}

}  // namespace fupan::performance
