// The meeting's cards (SPEC §5 复盘, docs/reviews.md): a participant's point under a section of the
// fact pack — went well, went wrong, or a lesson — with its why. Added by the review's owner and
// participants while it is open; changed by their author, deleted by the author or the owner.
#pragma once

#include <optional>
#include <string>

#include "domain/reviews/review_card.h"
#include "service/platform/context.h"

namespace fupan::service {

struct CardInput {
  std::string section = "general", tone, text, why;
};
Result<reviews::Card> add_card(const Context& ctx, const Actor& actor, std::int64_t review,
                               const CardInput& in);

struct CardChange {
  std::optional<std::string> section, tone, text, why;
  std::int64_t version = 0;
};
Result<reviews::Card> change_card(const Context& ctx, const Actor& actor, std::int64_t id,
                                  const CardChange& in);
Status delete_card(const Context& ctx, const Actor& actor, std::int64_t id, std::int64_t version);

}  // namespace fupan::service
