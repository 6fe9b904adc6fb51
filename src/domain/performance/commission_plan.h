// A commission plan (SPEC §5 激励, docs/performance.md "Commission plans"): what a rep earns on the
// money credited to them in a period, by the band their attainment falls in. Kept by the admin in
// versions with effective dates, so a closed period keeps the rules it was paid by. Pure.
//
// Percentages are integer basis points (1 bp = 0.01 %): a band of 60–100 % attainment is
// 6000–10000, a rate of 3 % is 300. Money is 分.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/money.h"
#include "core/time.h"

namespace fupan::performance {

// What a rep is credited with: orders booked in the period, or payments collected in it.
enum class CommissionBase { orders, payments };
std::string_view commission_base_name(CommissionBase b);
std::optional<CommissionBase> parse_commission_base(std::string_view text);

// How the rates of the bands apply. Retroactive: every 元 of the period earns the rate of the band
// the period's final attainment falls in ("to the first 元"). Marginal: each 元 earns the rate of
// the band it falls in on its way up, like income-tax brackets.
enum class TierMode { retroactive, marginal };
std::string_view tier_mode_name(TierMode m);
std::optional<TierMode> parse_tier_mode(std::string_view text);

inline constexpr std::int64_t kWholePercentBp = 10000;  // 100 %

// Attainment from `from_bp` (included) to `to_bp` (excluded; none for the last band) earns
// `rate_bp` of the amount.
struct CommissionBand {
  std::int64_t from_bp = 0;
  std::optional<std::int64_t> to_bp;
  std::int64_t rate_bp = 0;
  friend bool operator==(const CommissionBand&, const CommissionBand&) = default;
};

struct CommissionPlan {
  std::int64_t id = 0;
  std::string name;  // 1–100 characters
  std::int64_t version = 1;
  LocalDate effective_from{};
  std::optional<LocalDate> effective_to;  // the last day it applies; none: until replaced
  CommissionBase base = CommissionBase::orders;
  TierMode mode = TierMode::retroactive;
  std::vector<CommissionBand> bands;  // from 0 %, each from where the one before ends
  Fen target_bonus{};                 // paid once attainment reaches 100 %
  std::optional<Fen> cap;             // the most a period's commission and bonus pay
  // An order below this gross margin earns nothing (it still counts towards attainment).
  std::optional<std::int64_t> min_margin_bp;
  // An order not fully paid this many days after it was booked takes its commission back.
  std::optional<int> clawback_unpaid_days;
  // A team's manager is credited with the team's total as well as any rep.
  bool credit_manager = false;
  Instant created_at{}, updated_at{};
  friend bool operator==(const CommissionPlan&, const CommissionPlan&) = default;
};

inline constexpr std::size_t kMaxBands = 20;

// Ok for a plan the admin may save; otherwise the first fault with its field: `name`,
// `effective_to` (before effective_from), `bands` (none, or more
// than 20), `bands[i].from_bp` (the first not 0 %; one not where the band before ends),
// `bands[i].to_bp` (not above its from; open before the last; closed on the last),
// `bands[i].rate_bp` (outside 0–100 %), `target_bonus` and `cap` (negative), `min_margin_bp`
// (outside 0–100 %), `clawback_unpaid_days` (outside 1–3650, or on a plan paid on payments).
Status check_plan(const CommissionPlan& p);

// The band attainment `credited` / `target` falls in; the first band when there is no target.
std::size_t band_of(const std::vector<CommissionBand>& bands, Fen credited,
                    std::optional<Fen> target);

// Whether a plan applies on `day`.
bool in_effect(const CommissionPlan& p, LocalDate day);

}  // namespace fupan::performance
