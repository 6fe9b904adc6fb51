// Use cases for sales pipelines (SPEC §2): everyone signed in reads them, admins create and
// change them. Every org always has exactly one default pipeline, created on first need.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json_writer.h"
#include "service/platform/context.h"
#include "store/pipeline_store.h"

namespace fupan::service {

struct StageInput {
  std::optional<std::int64_t> id;  // an existing stage; absent for a new one
  std::string name;
  std::int64_t probability = 0;
  std::string kind = "open";
};

struct PipelineInput {
  std::optional<std::string> name;
  std::optional<bool> is_default;
  std::optional<std::vector<StageInput>> stages;  // in order; the whole list
};

// Returns the id of the org's default pipeline, first making one when it has none: the oldest
// pipeline when there are some, else SPEC's default stages (audited as a change by no user).
// Runs inside the caller's write transaction.
std::int64_t ensure_default_pipeline(store::Connection& c, OrgId org, Instant now);

// Every pipeline of the actor's org with its stages by position (the default made if missing).
Result<std::vector<store::PipelineRecord>> list_pipelines(const Context& ctx, const Actor& actor);
// Returns the pipeline `id`, or the org's default one when `id` is empty (made if missing).
Result<store::PipelineRecord> get_pipeline(const Context& ctx, const Actor& actor,
                                           std::optional<std::int64_t> id);
// Admins only. Requires name and stages; the first pipeline of an org becomes its default.
Result<store::PipelineRecord> create_pipeline(const Context& ctx, const Actor& actor,
                                              const PipelineInput& in);
// Admins only; version-checked. A stage an opportunity is or was in cannot be removed, nor can
// the kind of a stage opportunities are in change (in_use). The default cannot be unset, only
// moved to another pipeline.
Result<store::PipelineRecord> update_pipeline(const Context& ctx, const Actor& actor,
                                              std::int64_t id, const PipelineInput& in,
                                              std::int64_t version);

// Writes a pipeline with its stages as a JSON object.
void write_json(JsonWriter& w, const store::PipelineRecord& p);

}  // namespace fupan::service
