#include "domain/performance/commission_plan.h"

#include "domain/org_validation.h"

namespace fupan::performance {

std::string_view commission_base_name(CommissionBase b) {
  return b == CommissionBase::orders ? "orders" : "payments";
}

std::optional<CommissionBase> parse_commission_base(std::string_view text) {
  if (text == "orders") return CommissionBase::orders;
  if (text == "payments") return CommissionBase::payments;
  return std::nullopt;
}

std::string_view tier_mode_name(TierMode m) {
  return m == TierMode::retroactive ? "retroactive" : "marginal";
}

std::optional<TierMode> parse_tier_mode(std::string_view text) {
  if (text == "retroactive") return TierMode::retroactive;
  if (text == "marginal") return TierMode::marginal;
  return std::nullopt;
}

namespace {

// GCC's 128-bit integers; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 I128;

constexpr std::int64_t kMaxAttainmentBp = 100 * kWholePercentBp;  // 10,000 %

Status check_band(const std::vector<CommissionBand>& bands, std::size_t i) {
  const CommissionBand& b = bands[i];
  const std::string at = "bands[" + std::to_string(i) + "].";
  const bool last = i + 1 == bands.size();
  if (i == 0 && b.from_bp != 0) {
    return Error::invalid(at + "from_bp", detail::band_first_from_zero);
  }
  if (i > 0 && b.from_bp != bands[i - 1].to_bp) {
    return Error::invalid(at + "from_bp", detail::band_follows_previous);
  }
  if (last != !b.to_bp.has_value()) return Error::invalid(at + "to_bp", detail::band_last_open);
  if (b.to_bp && (*b.to_bp <= b.from_bp || *b.to_bp > kMaxAttainmentBp)) {
    return Error::invalid(at + "to_bp", detail::band_upper_above_lower);
  }
  if (b.rate_bp < 0 || b.rate_bp > kWholePercentBp) {
    return Error::invalid(at + "rate_bp", detail::integer_range(0, kWholePercentBp));
  }
  return {};
}

}  // namespace

Status check_plan(const CommissionPlan& p) {
  const std::size_t name = utf8_length(p.name);
  if (p.name.find_first_not_of(" \t\r\n") == std::string::npos) return Error::missing("name");
  if (name == std::string::npos || name > 100) {
    return Error::invalid("name", detail::at_most_chars(100));
  }
  if (p.effective_to && *p.effective_to < p.effective_from) {
    return Error::invalid("effective_to", detail::after_start);
  }
  if (p.bands.empty()) return Error::missing("bands");
  if (p.bands.size() > kMaxBands) return Error::invalid("bands", detail::at_most(kMaxBands));
  for (std::size_t i = 0; i < p.bands.size(); ++i) FUPAN_TRY(check_band(p.bands, i));
  if (p.target_bonus < Fen{0}) return Error::invalid("target_bonus", detail::not_negative);
  if (p.cap && *p.cap < Fen{0}) return Error::invalid("cap", detail::not_negative);
  if (p.min_margin_bp && (*p.min_margin_bp < 0 || *p.min_margin_bp > kWholePercentBp)) {
    return Error::invalid("min_margin_bp", detail::integer_range(0, kWholePercentBp));
  }
  if (p.clawback_unpaid_days && (*p.clawback_unpaid_days < 1 || *p.clawback_unpaid_days > 3650)) {
    return Error::invalid("clawback_unpaid_days", detail::integer_range(1, 3650));
  }
  // Paid on what was collected, nothing is left unpaid to take back.
  if (p.clawback_unpaid_days && p.base == CommissionBase::payments) {
    return Error::invalid("clawback_unpaid_days", detail::not_accepted_here);
  }
  return {};
}

std::size_t band_of(const std::vector<CommissionBand>& bands, Fen credited,
                    std::optional<Fen> target) {
  if (!target || *target <= Fen{0}) return 0;
  // credited / target ≥ from_bp / 10000, compared exactly in 128 bits.
  const I128 have = static_cast<I128>(credited.value()) * kWholePercentBp;
  std::size_t at = 0;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (have >= static_cast<I128>(target->value()) * bands[i].from_bp) at = i;
  }
  return at;
}

bool in_effect(const CommissionPlan& p, LocalDate day) {
  return p.effective_from <= day && (!p.effective_to || day <= *p.effective_to);
}

}  // namespace fupan::performance
