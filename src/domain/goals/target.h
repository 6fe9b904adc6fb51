// A target (SPEC §3): the value set for an additive metric, a scope (org, region, team or user)
// and a period (a year, quarter, month, ISO week or day), and the changes made to it since, each
// with its reason. Its JSON is the API's answer and the audit log's record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.h"
#include "core/json_writer.h"
#include "core/time.h"
#include "domain/metric_scope.h"
#include "domain/period.h"

namespace fupan::goals {

struct Target {
  std::int64_t id = 0;
  std::string metric;  // an additive metric's name ("orders_amount")
  ScopeRef scope;
  Period period;
  std::int64_t value = 0;           // 分 for a money metric, else a count
  std::int64_t original_value = 0;  // as first set (adjustments change `value` only)
  std::optional<UserId> set_by;
  std::int64_t version = 1;
  Instant created_at, updated_at;
};

// A change of a target's value after it was set (灵活调整): who, when, from what, to what, why.
struct TargetAdjustment {
  std::int64_t id = 0;
  std::int64_t target_id = 0;
  std::int64_t old_value = 0, new_value = 0;
  std::string reason;
  UserId by;
  Instant at;
};

// A number committed bottom-up against a target (承诺) by whoever answers for its scope: a rep
// for their own, a team's leader for the team. Its latest only.
struct TargetCommit {
  std::int64_t target_id = 0;
  std::int64_t value = 0;
  std::string note;
  UserId by;
  Instant at;
};

// Writes {id, metric, scope, period, start, end, value, original_value, set_by, version,
// created_at, updated_at}: `end` is the period's last day (inclusive, as people write it).
void write_json(JsonWriter& w, const Target& t);
// write_json's text: the audit log's record of a target.
std::string to_json(const Target& t);
// The same members without the braces, for an answer that adds its own.
void write_members(JsonWriter& w, const Target& t);

}  // namespace fupan::goals
