#include "service/crm/pipeline_service.h"

#include "domain/org_validation.h"
#include "domain/pipeline_edit.h"
#include "service/platform/write.h"
#include "store/audit_store.h"

namespace fupan::service {
namespace {

constexpr const char* kDefaultPipelineName = "默认销售流程";
constexpr std::size_t kMaxPipelineNameChars = 64;

Status require_admin(const Actor& actor) {
  return actor.scope().is_admin ? Status{} : Status{Error::forbidden()};
}

std::string json_text(const store::PipelineRecord& p) {
  JsonWriter w;
  write_json(w, p);
  return std::move(w).str();
}

// The requested stages as definitions, positioned by their order in the list.
Result<std::vector<StageDef>> stage_defs(const std::vector<StageInput>& in) {
  std::vector<StageDef> out;
  int position = 0;
  for (const StageInput& s : in) {
    auto kind = parse_stage_kind(s.kind);
    if (!kind) return Error::invalid("stages", detail::stage_kind);
    StageDef d;
    d.id = s.id.value_or(0);
    d.name = s.name;
    d.position = ++position;
    // Out of range stays out of range (validate_stages names it) without overflowing an int.
    d.probability = s.probability < 0 || s.probability > 100 ? -1 : static_cast<int>(s.probability);
    d.kind = *kind;
    out.push_back(std::move(d));
  }
  FUPAN_TRY(validate_stages(out));
  return out;
}

Status check_name(const std::string& name) {
  return validate_name("name", name, kMaxPipelineNameChars);
}

// Makes every other default pipeline of the org an ordinary one, audited.
void demote_other_defaults(store::Connection& c, const Actor& actor, std::int64_t keep,
                           Instant now) {
  for (std::int64_t id : store::other_default_pipelines(c, actor.org, keep)) {
    auto p = store::find_pipeline(c, actor.org, id);
    if (!p) continue;
    const std::string before = json_text(*p);
    const std::int64_t expected = p->version;
    p->is_default = false;
    p->version = expected + 1;
    p->updated_at = now;
    store::update_pipeline(c, actor.org, *p, expected);
    audit_json(c, actor, "update", "pipeline", id, before, json_text(*p), now);
  }
}

void audit_by_system(store::Connection& c, OrgId org, std::string_view action, std::int64_t id,
                     std::optional<std::string> before, std::string after, Instant now) {
  store::AuditRecord a;
  a.org = org;
  a.at = now;
  a.action = std::string(action);
  a.entity = "pipeline";
  a.entity_id = id;
  a.before_json = std::move(before);
  a.after_json = std::move(after);
  store::insert_audit(c, a);
}

// Makes the default pipeline in its own write transaction when the org has none yet.
void ensure_default(const Context& ctx, const Actor& actor) {
  {
    auto conn = ctx.db.acquire();
    if (store::find_default_pipeline(*conn, actor.org)) return;
  }
  const Instant now = ctx.clock.now();
  auto made =
      write_facts<std::int64_t>(ctx, "name", [&](store::Connection& c) -> Result<std::int64_t> {
        return ensure_default_pipeline(c, actor.org, now);
      });
  (void)made;  // a concurrent request may have made it first: either way there is one now
}

}  // namespace

std::int64_t ensure_default_pipeline(store::Connection& c, OrgId org, Instant now) {
  if (auto id = store::find_default_pipeline(c, org)) return *id;
  store::lock_org(c, org);
  if (auto id = store::find_default_pipeline(c, org)) return *id;
  auto all = store::list_pipelines(c, org);
  if (!all.empty()) {
    store::PipelineRecord p = all.front();
    const std::string before = json_text(p);
    const std::int64_t expected = p.version;
    p.is_default = true;
    p.version = expected + 1;
    p.updated_at = now;
    store::update_pipeline(c, org, p, expected);
    audit_by_system(c, org, "update", p.id, before, json_text(p), now);
    return p.id;
  }
  store::PipelineRecord p;
  p.name = kDefaultPipelineName;
  p.is_default = true;
  p.created_at = p.updated_at = now;
  p.id = store::insert_pipeline(c, org, p);
  p.stages = default_stages();
  for (StageDef& s : p.stages) s.id = store::insert_stage(c, org, p.id, s);
  audit_by_system(c, org, "create", p.id, std::nullopt, json_text(p), now);
  return p.id;
}

Result<std::vector<store::PipelineRecord>> list_pipelines(const Context& ctx, const Actor& actor) {
  ensure_default(ctx, actor);
  auto conn = ctx.db.acquire();
  return store::list_pipelines(*conn, actor.org);
}

Result<store::PipelineRecord> get_pipeline(const Context& ctx, const Actor& actor,
                                           std::optional<std::int64_t> id) {
  if (!id) ensure_default(ctx, actor);
  auto conn = ctx.db.acquire();
  if (!id) id = store::find_default_pipeline(*conn, actor.org);
  if (!id) return Error::not_found();
  auto p = store::find_pipeline(*conn, actor.org, *id);
  if (!p) return Error::not_found();
  return std::move(*p);
}

Result<store::PipelineRecord> create_pipeline(const Context& ctx, const Actor& actor,
                                              const PipelineInput& in) {
  FUPAN_TRY(require_admin(actor));
  if (!in.name) return Error::missing("name");
  FUPAN_TRY(check_name(*in.name));
  if (!in.stages) return Error::missing("stages");
  auto stages = stage_defs(*in.stages);
  if (!stages.ok()) return stages.error();
  for (const StageDef& s : *stages) {
    if (s.id != 0) return Error::invalid("stages", detail::new_stage_has_id);
  }
  const Instant now = ctx.clock.now();
  return write_facts<store::PipelineRecord>(
      ctx, "name", [&](store::Connection& c) -> Result<store::PipelineRecord> {
        store::lock_org(c, actor.org);
        store::PipelineRecord p;
        p.name = *in.name;
        p.is_default = in.is_default.value_or(false) ||
                       !store::find_default_pipeline(c, actor.org).has_value();
        p.created_at = p.updated_at = now;
        p.id = store::insert_pipeline(c, actor.org, p);
        p.stages = std::move(*stages);
        for (StageDef& s : p.stages) s.id = store::insert_stage(c, actor.org, p.id, s);
        if (p.is_default) demote_other_defaults(c, actor, p.id, now);
        audit_json(c, actor, "create", "pipeline", p.id, std::nullopt, json_text(p), now);
        return p;
      });
}

Result<store::PipelineRecord> update_pipeline(const Context& ctx, const Actor& actor,
                                              std::int64_t id, const PipelineInput& in,
                                              std::int64_t version) {
  FUPAN_TRY(require_admin(actor));
  if (in.name) FUPAN_TRY(check_name(*in.name));
  std::optional<std::vector<StageDef>> requested;
  if (in.stages) {
    auto stages = stage_defs(*in.stages);
    if (!stages.ok()) return stages.error();
    requested = std::move(*stages);
  }
  const Instant now = ctx.clock.now();
  return write_facts<store::PipelineRecord>(
      ctx, "name", [&](store::Connection& c) -> Result<store::PipelineRecord> {
        store::lock_org(c, actor.org);
        auto before = store::find_pipeline(c, actor.org, id);
        if (!before) return Error::not_found();
        if (before->version != version) return Error::conflict(before->version);
        store::PipelineRecord p = *before;
        if (in.name) p.name = *in.name;
        if (in.is_default) {
          if (!*in.is_default && before->is_default) {
            return Error::invalid("is_default", detail::default_pipeline);
          }
          p.is_default = *in.is_default;
        }
        if (requested) {
          auto plan = plan_stage_edit(before->stages, *requested);
          if (!plan.ok()) return plan.error();
          for (const StageDef& s : plan->removals) {
            if (store::stage_in_use(c, actor.org, s.id)) {
              return Error{ErrorCode::in_use, "stages", detail::stage_in_use, {}};
            }
          }
          for (const StageDef& s : plan->kind_changes) {
            if (store::stage_has_opportunities(c, actor.org, s.id)) {
              return Error{ErrorCode::in_use, "stages", detail::stage_kind_in_use, {}};
            }
          }
          for (const StageDef& s : plan->removals) store::delete_stage(c, actor.org, s.id);
          for (const StageDef& s : plan->updates) store::update_stage(c, actor.org, s);
          p.stages.clear();
          for (StageDef s : *requested) {
            if (s.id == 0) s.id = store::insert_stage(c, actor.org, p.id, s);
            p.stages.push_back(std::move(s));
          }
        }
        p.version = version + 1;
        p.updated_at = now;
        FUPAN_TRY(outcome_status(store::update_pipeline(c, actor.org, p, version)));
        if (p.is_default && !before->is_default) demote_other_defaults(c, actor, p.id, now);
        audit_json(c, actor, "update", "pipeline", p.id, json_text(*before), json_text(p), now);
        return p;
      });
}

void write_json(JsonWriter& w, const store::PipelineRecord& p) {
  w.begin_object();
  w.field("id", p.id);
  w.field("name", p.name);
  w.field("is_default", p.is_default);
  w.key("stages").begin_array();
  for (const StageDef& s : p.stages) {
    w.begin_object();
    w.field("id", s.id);
    w.field("name", s.name);
    w.field("position", s.position);
    w.field("probability", s.probability);
    w.field("kind", stage_kind_name(s.kind));
    w.end_object();
  }
  w.end_array();
  w.field("version", p.version);
  w.field("created_at", format_rfc3339(p.created_at));
  w.field("updated_at", format_rfc3339(p.updated_at));
  w.end_object();
}

}  // namespace fupan::service
