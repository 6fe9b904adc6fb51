// /api/pipelines and the pipeline board /api/opportunities/board: thin handlers over
// service/crm/pipeline_service and service/crm/opportunity_board. (The router prefers the literal
// "board" to the {id} of /api/opportunities/{id}.)
#include "http/app.h"
#include "http/json_io.h"
#include "service/crm/opportunity_board.h"
#include "service/crm/pipeline_service.h"

namespace fupan::http {
namespace json = boost::json;

namespace {

Response pipeline_response(const store::PipelineRecord& p, int status = 200) {
  JsonWriter w;
  service::write_json(w, p);
  return json_text(std::move(w).str(), status);
}

// Reads "stages": an array of {id?, name, probability, kind?}; errors name the stage, as in
// "stages[2].name".
Result<std::vector<service::StageInput>> read_stages(const json::value& v) {
  if (!v.is_array()) return Error::invalid("stages", detail::stage_list);
  std::vector<service::StageInput> out;
  const json::array& list = v.as_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = "stages[" + std::to_string(i) + "].";
    if (!list[i].is_object())
      return Error::invalid(prefix.substr(0, prefix.size() - 1), detail::stage_object);
    Fields f(list[i].as_object());
    service::StageInput s;
    s.id = f.integer("id");
    s.name = f.required_str("name");
    s.probability = f.required_integer("probability");
    if (auto kind = f.str("kind")) s.kind = *kind;
    if (auto st = f.finish(); !st.ok()) {
      Error e = st.error();
      e.field = prefix + e.field;
      return e;
    }
    out.push_back(std::move(s));
  }
  return out;
}

struct PipelineBody {
  service::PipelineInput input;
  std::optional<std::int64_t> version;
};

// Reads {name?, is_default?, stages?} and, when `with_version`, the required version.
Result<PipelineBody> read_pipeline(const Request& req, bool with_version) {
  auto body = parse_object(req);
  if (!body.ok()) return body.error();
  json::object rest = *body;
  PipelineBody out;
  if (auto it = rest.find("stages"); it != rest.end()) {
    auto stages = read_stages(it->value());
    if (!stages.ok()) return stages.error();
    out.input.stages = std::move(*stages);
    rest.erase(it);
  }
  Fields f(rest);
  out.input.name = f.str("name");
  out.input.is_default = f.boolean("is_default");
  if (with_version) out.version = f.required_integer("version");
  FUPAN_TRY(f.finish());
  return out;
}

// {pipeline:{id,name}, stages:[{id,name,probability,kind,count,amount,weighted_amount,items}]},
// items as in the opportunity list.
std::string board_json(const service::Board& board, const OrgSnapshot& org) {
  JsonWriter w;
  w.begin_object();
  w.key("pipeline").begin_object();
  w.field("id", board.pipeline_id);
  w.field("name", board.pipeline_name);
  w.end_object();
  w.key("stages").begin_array();
  for (const service::BoardColumn& col : board.columns) {
    w.begin_object();
    w.field("id", col.stage.id);
    w.field("name", col.stage.name);
    w.field("probability", col.stage.probability);
    w.field("kind", stage_kind_name(col.stage.kind));
    w.field("count", col.count);
    w.field("amount", col.amount);
    w.field("weighted_amount", col.weighted_amount);
    w.key("items").begin_array();
    for (const EntityRecord& r : col.items) write_entity(w, r, org, &board.names);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

}  // namespace

void add_pipeline_routes(App& app) {
  app.api("GET", "/api/pipelines", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto list, service::list_pipelines(app.ctx(), call.actor));
    JsonWriter w;
    w.begin_object();
    w.key("items").begin_array();
    for (const store::PipelineRecord& p : list) service::write_json(w, p);
    w.end_array();
    w.field("total", list.size());
    w.end_object();
    return json_text(std::move(w).str());
  });

  app.api("POST", "/api/pipelines", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto in, read_pipeline(call.req, false));
    FUPAN_ASSIGN_OR_RETURN(auto p, service::create_pipeline(app.ctx(), call.actor, in.input));
    return pipeline_response(p, 201);
  });

  app.api("PATCH", "/api/pipelines/{id}", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto in, read_pipeline(call.req, true));
    FUPAN_ASSIGN_OR_RETURN(
        auto p, service::update_pipeline(app.ctx(), call.actor, id, in.input, *in.version));
    return pipeline_response(p);
  });

  app.api("GET", "/api/opportunities/board", [&app](Call& call) -> Result<Response> {
    service::BoardRequest req;
    FUPAN_ASSIGN_OR_RETURN(auto pipeline, query_id(call.req, "pipeline_id"));
    req.pipeline_id = pipeline;
    FUPAN_ASSIGN_OR_RETURN(auto owner, query_id(call.req, "owner_id"));
    req.owner_id = owner;
    if (const auto* q = call.req.query_param("q")) req.q = *q;
    FUPAN_ASSIGN_OR_RETURN(auto board, service::load_board(app.ctx(), call.actor, req));
    return json_text(board_json(board, *call.actor.snapshot));
  });
}

}  // namespace fupan::http
