// SQL for sales pipelines, their stages and the stage history of opportunities. Every statement
// is scoped by org id; a pipeline's update checks its version.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "core/time.h"
#include "domain/pipeline.h"
#include "store/database.h"
#include "store/org_store.h"

namespace fupan::store {

struct PipelineRecord {
  std::int64_t id = 0;
  std::string name;
  bool is_default = false;
  std::int64_t version = 1;
  Instant created_at, updated_at;
  std::vector<StageDef> stages;  // by position
};

// A stage with the pipeline it belongs to.
struct StageRow {
  std::int64_t pipeline_id = 0;
  StageDef stage;
};

// One entry of an opportunity's stage history.
struct StageHistoryRow {
  std::int64_t stage_id = 0;
  std::string stage_name;
  Instant entered_at;
  UserId user_id;
};

// Every pipeline of the org with its stages, by id.
std::vector<PipelineRecord> list_pipelines(Connection& c, OrgId org);
std::optional<PipelineRecord> find_pipeline(Connection& c, OrgId org, std::int64_t id);
// Returns the id of the org's default pipeline, if it has one.
std::optional<std::int64_t> find_default_pipeline(Connection& c, OrgId org);
// The default pipeline, else the first one made; none when the org has no pipeline.
std::optional<std::int64_t> default_or_first_pipeline(Connection& c, OrgId org);
// Every stage of the org: its id, pipeline and name.
struct StageName {
  std::int64_t id = 0, pipeline_id = 0;
  std::string name;
};
std::vector<StageName> list_stage_names(Connection& c, OrgId org);
// Per stage: how many of the org's opportunities meet `where` (over `opportunities t`), and the
// sum of their amounts.
struct StageTotal {
  std::int64_t stage_id = 0, count = 0;
  Fen amount;
};
std::vector<StageTotal> opportunity_totals_by_stage(Connection& c, OrgId org,
                                                    const std::string& where,
                                                    const std::vector<Value>& params);
// Returns the ids of the org's pipelines that are the default, other than `except`.
std::vector<std::int64_t> other_default_pipelines(Connection& c, OrgId org, std::int64_t except);
// Inserts the pipeline row (not its stages) and returns its id.
std::int64_t insert_pipeline(Connection& c, OrgId org, const PipelineRecord& p);
// Writes name, is_default, version and updated_at of `p` where the stored version is `expected`.
WriteOutcome update_pipeline(Connection& c, OrgId org, const PipelineRecord& p,
                             std::int64_t expected_version);

std::optional<StageRow> find_stage(Connection& c, OrgId org, std::int64_t stage_id);
std::int64_t insert_stage(Connection& c, OrgId org, std::int64_t pipeline_id, const StageDef& s);
void update_stage(Connection& c, OrgId org, const StageDef& s);
void delete_stage(Connection& c, OrgId org, std::int64_t stage_id);
// Returns true iff an opportunity is in the stage now or has been (its history names it).
bool stage_in_use(Connection& c, OrgId org, std::int64_t stage_id);
// Returns true iff an opportunity is in the stage now.
bool stage_has_opportunities(Connection& c, OrgId org, std::int64_t stage_id);

void insert_stage_history(Connection& c, OrgId org, std::int64_t opportunity_id,
                          std::int64_t stage_id, Instant entered_at, UserId user);
// The stage history of an opportunity, oldest first.
std::vector<StageHistoryRow> list_stage_history(Connection& c, OrgId org,
                                                std::int64_t opportunity_id);

}  // namespace fupan::store
