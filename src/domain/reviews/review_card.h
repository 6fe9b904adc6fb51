// A card of the meeting (复盘会): what went well, what went wrong and why, or a lesson learned
// (经验教训), written by a participant under a section of the fact pack. Pure.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/ids.h"
#include "core/time.h"

namespace fupan::reviews {

enum class CardTone { went_well, went_wrong, lesson };
std::string_view card_tone_name(CardTone t);
std::optional<CardTone> parse_card_tone(std::string_view text);

// The fact pack's sections in the order of the screen; "general" holds what belongs to none.
inline constexpr std::array<std::string_view, 9> kSections = {
    "targets",   "trend",    "funnel", "wins_losses", "efficiency",
    "customers", "quadrant", "pdca",   "general"};
bool is_section(std::string_view key);

struct Card {
  std::int64_t id = 0;
  std::int64_t review_id = 0;
  UserId author;
  std::string section = "general";
  CardTone tone = CardTone::went_well;
  std::string text;  // the point, 1–500 characters
  std::string why;   // the reason behind it, up to 1,000
  std::int64_t version = 1;
  Instant created_at{}, updated_at{};
};

inline constexpr std::size_t kMaxCardText = 500, kMaxCardWhy = 1000;

// Ok for a known section, a text of 1–500 characters and a why of at most 1,000.
Status check_card(const Card& c);

}  // namespace fupan::reviews
