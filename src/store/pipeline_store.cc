#include "store/pipeline_store.h"

namespace fupan::store {
namespace {

constexpr const char* kSelectPipelines =
    "SELECT id, name, is_default, version, created_at, updated_at FROM pipelines"
    " WHERE org_id = ? ORDER BY id";
constexpr const char* kSelectPipeline =
    "SELECT id, name, is_default, version, created_at, updated_at FROM pipelines"
    " WHERE org_id = ? AND id = ?";
constexpr const char* kSelectDefault =
    "SELECT id FROM pipelines WHERE org_id = ? AND is_default = 1 ORDER BY id LIMIT 1";
constexpr const char* kSelectOtherDefaults =
    "SELECT id FROM pipelines WHERE org_id = ? AND is_default = 1 AND id <> ? ORDER BY id";
constexpr const char* kInsertPipeline =
    "INSERT INTO pipelines (org_id, name, is_default, version, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdatePipeline =
    "UPDATE pipelines SET name = ?, is_default = ?, version = ?, updated_at = ?"
    " WHERE org_id = ? AND id = ? AND version = ?";

constexpr const char* kSelectStagesOfOrg =
    "SELECT pipeline_id, id, name, position, probability, kind FROM pipeline_stages"
    " WHERE org_id = ? ORDER BY pipeline_id, position, id";
constexpr const char* kSelectStagesOfPipeline =
    "SELECT pipeline_id, id, name, position, probability, kind FROM pipeline_stages"
    " WHERE org_id = ? AND pipeline_id = ? ORDER BY position, id";
constexpr const char* kSelectStage =
    "SELECT pipeline_id, id, name, position, probability, kind FROM pipeline_stages"
    " WHERE org_id = ? AND id = ?";
constexpr const char* kInsertStage =
    "INSERT INTO pipeline_stages (org_id, pipeline_id, name, position, probability, kind)"
    " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
constexpr const char* kUpdateStage =
    "UPDATE pipeline_stages SET name = ?, position = ?, probability = ?, kind = ?"
    " WHERE org_id = ? AND id = ?";
constexpr const char* kDeleteStage = "DELETE FROM pipeline_stages WHERE org_id = ? AND id = ?";
constexpr const char* kStageHasOpportunities =
    "SELECT 1 FROM opportunities WHERE org_id = ? AND stage_id = ? LIMIT 1";
constexpr const char* kStageInHistory =
    "SELECT 1 FROM opportunity_stage_history WHERE org_id = ? AND stage_id = ? LIMIT 1";

constexpr const char* kInsertHistory =
    "INSERT INTO opportunity_stage_history (org_id, opportunity_id, stage_id, entered_at, user_id)"
    " VALUES (?, ?, ?, ?, ?)";
constexpr const char* kSelectHistory =
    "SELECT h.stage_id, s.name, h.entered_at, h.user_id FROM opportunity_stage_history h"
    " JOIN pipeline_stages s ON s.id = h.stage_id"
    " WHERE h.org_id = ? AND h.opportunity_id = ? ORDER BY h.entered_at, h.id";

// Reads the stage in columns 1..5 of row `i` (column 0 is its pipeline).
StageDef stage_from(const Rows& r, std::size_t i) {
  StageDef s;
  s.id = r.i64(i, 1);
  s.name = r.str(i, 2);
  s.position = static_cast<int>(r.i64(i, 3));
  s.probability = static_cast<int>(r.i64(i, 4));
  s.kind = parse_stage_kind(r.str(i, 5)).value_or(StageKind::open);
  return s;
}

PipelineRecord pipeline_from(const Rows& r, std::size_t i) {
  PipelineRecord p;
  p.id = r.i64(i, 0);
  p.name = r.str(i, 1);
  p.is_default = r.i64(i, 2) != 0;
  p.version = r.i64(i, 3);
  p.created_at = instant_from_ms(r.i64(i, 4));
  p.updated_at = instant_from_ms(r.i64(i, 5));
  return p;
}

}  // namespace

std::vector<PipelineRecord> list_pipelines(Connection& c, OrgId org) {
  auto r = c.query(kSelectPipelines, {org.value});
  std::vector<PipelineRecord> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(pipeline_from(r, i));
  auto s = c.query(kSelectStagesOfOrg, {org.value});
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::int64_t pipeline = s.i64(i, 0);
    for (PipelineRecord& p : out) {
      if (p.id == pipeline) p.stages.push_back(stage_from(s, i));
    }
  }
  return out;
}

std::optional<PipelineRecord> find_pipeline(Connection& c, OrgId org, std::int64_t id) {
  auto r = c.query(kSelectPipeline, {org.value, id});
  if (r.empty()) return std::nullopt;
  PipelineRecord p = pipeline_from(r, 0);
  auto s = c.query(kSelectStagesOfPipeline, {org.value, id});
  for (std::size_t i = 0; i < s.size(); ++i) p.stages.push_back(stage_from(s, i));
  return p;
}

std::optional<std::int64_t> find_default_pipeline(Connection& c, OrgId org) {
  auto r = c.query(kSelectDefault, {org.value});
  if (r.empty()) return std::nullopt;
  return r.i64(0, 0);
}

std::vector<std::int64_t> other_default_pipelines(Connection& c, OrgId org, std::int64_t except) {
  auto r = c.query(kSelectOtherDefaults, {org.value, except});
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.i64(i, 0));
  return out;
}

std::int64_t insert_pipeline(Connection& c, OrgId org, const PipelineRecord& p) {
  auto r = c.query(kInsertPipeline, {org.value, p.name, std::int64_t{p.is_default}, p.version,
                                     to_ms(p.created_at), to_ms(p.updated_at)});
  return r.i64(0, 0);
}

WriteOutcome update_pipeline(Connection& c, OrgId org, const PipelineRecord& p,
                             std::int64_t expected) {
  auto n = c.exec(kUpdatePipeline, {p.name, std::int64_t{p.is_default}, p.version,
                                    to_ms(p.updated_at), org.value, p.id, expected});
  return version_outcome(c, n, "pipelines", p.id);
}

std::optional<StageRow> find_stage(Connection& c, OrgId org, std::int64_t stage_id) {
  auto r = c.query(kSelectStage, {org.value, stage_id});
  if (r.empty()) return std::nullopt;
  return StageRow{r.i64(0, 0), stage_from(r, 0)};
}

std::int64_t insert_stage(Connection& c, OrgId org, std::int64_t pipeline_id, const StageDef& s) {
  auto r =
      c.query(kInsertStage, {org.value, pipeline_id, s.name, std::int64_t{s.position},
                             std::int64_t{s.probability}, std::string(stage_kind_name(s.kind))});
  return r.i64(0, 0);
}

void update_stage(Connection& c, OrgId org, const StageDef& s) {
  c.exec(kUpdateStage, {s.name, std::int64_t{s.position}, std::int64_t{s.probability},
                        std::string(stage_kind_name(s.kind)), org.value, s.id});
}

void delete_stage(Connection& c, OrgId org, std::int64_t stage_id) {
  c.exec(kDeleteStage, {org.value, stage_id});
}

bool stage_in_use(Connection& c, OrgId org, std::int64_t stage_id) {
  return stage_has_opportunities(c, org, stage_id) ||
         !c.query(kStageInHistory, {org.value, stage_id}).empty();
}

bool stage_has_opportunities(Connection& c, OrgId org, std::int64_t stage_id) {
  return !c.query(kStageHasOpportunities, {org.value, stage_id}).empty();
}

void insert_stage_history(Connection& c, OrgId org, std::int64_t opportunity_id,
                          std::int64_t stage_id, Instant entered_at, UserId user) {
  c.exec(kInsertHistory, {org.value, opportunity_id, stage_id, to_ms(entered_at), user.value});
}

std::vector<StageHistoryRow> list_stage_history(Connection& c, OrgId org,
                                                std::int64_t opportunity_id) {
  auto r = c.query(kSelectHistory, {org.value, opportunity_id});
  std::vector<StageHistoryRow> out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    out.push_back({r.i64(i, 0), r.str(i, 1), instant_from_ms(r.i64(i, 2)), UserId{r.i64(i, 3)}});
  }
  return out;
}

std::optional<std::int64_t> default_or_first_pipeline(Connection& c, OrgId org) {
  auto rows =
      c.query("SELECT id FROM pipelines WHERE org_id = ? ORDER BY is_default DESC, id LIMIT 1",
              {org.value});
  if (rows.empty()) return std::nullopt;
  return rows.i64(0, 0);
}

std::vector<StageName> list_stage_names(Connection& c, OrgId org) {
  std::vector<StageName> out;
  auto rows =
      c.query("SELECT id, pipeline_id, name FROM pipeline_stages WHERE org_id = ?", {org.value});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows.i64(i, 0), rows.i64(i, 1), rows.str(i, 2)});
  }
  return out;
}

std::vector<StageTotal> opportunity_totals_by_stage(Connection& c, OrgId org,
                                                    const std::string& where,
                                                    const std::vector<Value>& params) {
  std::string sql =
      "SELECT t.stage_id, COUNT(*), SUM(t.amount) FROM opportunities t WHERE t.org_id = ?";
  if (!where.empty()) sql += " AND (" + where + ")";
  sql += " GROUP BY t.stage_id";
  std::vector<Value> all{org.value};
  all.insert(all.end(), params.begin(), params.end());
  std::vector<StageTotal> out;
  auto rows = c.query(sql, all);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows.i64(i, 0), rows.i64(i, 1), Fen{rows.i64(i, 2)}});
  }
  return out;
}
}  // namespace fupan::store
