// The rules of the opportunity kind (see entity_rules.h): the pipeline and stage it is in, the
// status and close time that follow from the stage, and the stage history.
#include "domain/stage_transition.h"
#include "service/crm/entity_rules.h"
#include "service/crm/pipeline_service.h"
#include "store/pipeline_store.h"

namespace fupan::service {
namespace {

std::optional<Instant> instant_of(const EntityRecord& r, std::string_view field) {
  auto ms = r.integer(field);
  return ms ? std::optional<Instant>(instant_from_ms(*ms)) : std::nullopt;
}

bool is_blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

class OpportunityRules final : public EntityRules {
 public:
  // Each new opportunity needs its first stage history row, which needs its id.
  bool insert_in_bulk() const override { return false; }

  Status prepare(WriteScope& ws, const EntityRecord* before, EntityRecord& r) const override {
    store::Connection& c = ws.conn;
    const OrgId org = ws.actor.org;
    auto pipeline_id = r.integer("pipeline_id");
    auto stage_id = r.integer("stage_id");
    const bool pipeline_changed = before && before->get("pipeline_id") != r.get("pipeline_id");
    const bool stage_given = stage_id && (!before || before->get("stage_id") != r.get("stage_id"));

    std::optional<store::StageRow> stage;
    if (stage_given) {
      stage = store::find_stage(c, org, *stage_id);
      if (!stage) return Error::invalid("stage_id", detail::no_such_stage);
      // A new opportunity given only a stage goes into that stage's pipeline.
      if (!pipeline_id) pipeline_id = stage->pipeline_id;
    }
    if (!pipeline_id) pipeline_id = ensure_default_pipeline(c, org, ws.now);
    if (stage && stage->pipeline_id != *pipeline_id) {
      return Error::invalid("stage_id", detail::other_pipeline);
    }
    if (!stage && (!stage_id || pipeline_changed)) {
      // No stage yet, or the pipeline changed under an unchanged stage: its first open stage.
      auto pipeline = store::find_pipeline(c, org, *pipeline_id);
      if (!pipeline) return Error::invalid("pipeline_id", detail::no_such_pipeline);
      const StageDef* first = first_open_stage(pipeline->stages);
      if (!first) return Error::invalid("pipeline_id", detail::no_open_stage);
      stage = store::StageRow{pipeline->id, *first};
    }
    if (!stage) stage = store::find_stage(c, org, *stage_id);  // unchanged
    if (!stage) return Error::invalid("stage_id", detail::no_such_stage);
    r.set("pipeline_id", *pipeline_id);
    r.set("stage_id", stage->stage.id);

    std::optional<StageKind> previous;
    if (before) previous = parse_stage_kind(before->text("status"));
    const StageOutcome outcome =
        stage_outcome(previous, before ? instant_of(*before, "closed_at") : std::nullopt,
                      stage->stage.kind, ws.now);
    r.set("status", std::string(stage_kind_name(outcome.status)));
    if (outcome.closed_at) {
      r.set("closed_at", to_ms(*outcome.closed_at));
    } else {
      r.set("closed_at", std::monostate{});
    }
    if (outcome.status == StageKind::lost && is_blank(r.text("lost_reason"))) {
      return Error::missing("lost_reason");
    }
    return {};
  }

  void after_write(WriteScope& ws, const EntityRecord* before,
                   const EntityRecord& r) const override {
    if (before && before->get("stage_id") == r.get("stage_id")) return;
    store::insert_stage_history(ws.conn, ws.actor.org, r.id, *r.integer("stage_id"), ws.now,
                                ws.actor.id);
  }

  EntityDetails load_details(store::Connection& c, const Actor& actor, const EntityRecord& r,
                             RefNames&) const override {
    OpportunityDetails d;
    if (auto stage_id = r.integer("stage_id")) {
      if (auto stage = store::find_stage(c, actor.org, *stage_id)) {
        d.probability = stage->stage.probability;
      }
    }
    d.stage_history = store::list_stage_history(c, actor.org, r.id);
    return d;
  }
};

}  // namespace

const EntityRules& opportunity_rules() {
  static const OpportunityRules rules;
  return rules;
}

}  // namespace fupan::service
