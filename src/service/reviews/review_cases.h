// Cases and the library (SPEC §5 复盘, docs/reviews.md): a won or lost deal of the review's scope
// and period pulled into its meeting as 成功案例 / 失败案例 with a root cause from the org's list;
// the library searches every case the reader may see. The org's root causes are kept by its
// admin.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/reviews/review_case.h"
#include "domain/reviews/root_cause.h"
#include "service/platform/context.h"
#include "store/review_store.h"

namespace fupan::service {

// A case of `deal` (won or lost, closed) for `review`: its outcome and the deal's facts as they
// stand, its closing day and cycle in `zone`; the root cause, note and tags left to the caller.
reviews::ReviewCase case_of_deal(const store::ClosedDeal& deal, std::int64_t review,
                                 const date::time_zone* zone);

struct CaseInput {
  std::int64_t opportunity_id = 0;
  std::string root_cause, note;
  std::vector<std::string> tags;
};
// By the review's owner or a participant while it is open: a deal closed (won or lost) in the
// review's period by one of its scope's people, once per review.
Result<reviews::ReviewCase> add_case(const Context& ctx, const Actor& actor, std::int64_t review,
                                     const CaseInput& in);

struct CaseChange {
  std::optional<std::string> root_cause, note;
  std::optional<std::vector<std::string>> tags;
  std::int64_t version = 0;
};
Result<reviews::ReviewCase> change_case(const Context& ctx, const Actor& actor, std::int64_t id,
                                        const CaseChange& in);
Status delete_case(const Context& ctx, const Actor& actor, std::int64_t id, std::int64_t version);

struct CaseQuery {
  std::string q;  // words, each found in the deal, its note, tags or root cause
  std::string outcome, root_cause, competitor, industry, product, tag;
};
// The library: the cases of the reviews the actor sees and those of the actor's own deals,
// newest closing first.
Result<std::vector<reviews::ReviewCase>> search_cases(const Context& ctx, const Actor& actor,
                                                      const CaseQuery& q);

// The org's root causes (built-ins as changed, then its own).
std::vector<reviews::RootCause> list_root_causes(const Context& ctx, const Actor& actor);
// An admin's own cause, added at the end.
Result<reviews::RootCause> add_root_cause(const Context& ctx, const Actor& actor,
                                          const std::string& name);
struct RootCauseChange {
  std::optional<std::string> name;
  std::optional<bool> active;
  std::optional<int> position;
  std::int64_t version = 0;  // the cause's version the change was made on
};
// An admin renames, reorders or switches off (on) a cause, built-in or the org's own.
Result<reviews::RootCause> change_root_cause(const Context& ctx, const Actor& actor,
                                             const std::string& key, const RootCauseChange& in);

}  // namespace fupan::service
