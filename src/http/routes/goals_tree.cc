// GET /api/targets/{id}/tree and PUT /api/targets/{id}/commit: a target's decomposition with its
// sums, gaps and commitments; thin handlers over service/goals/target_tree.
#include "http/app.h"
#include "http/json_io.h"
#include "service/goals/target_tree.h"

namespace fupan::http {
namespace {

void write_commit(JsonWriter& w, const goals::TargetCommit& c, const OrgSnapshot& org) {
  w.begin_object();
  w.field("target_id", c.target_id);
  w.field("value", c.value);
  w.field("note", c.note);
  w.field("user_id", c.by.value);
  const UserRecord* u = org.user(c.by);
  w.key("user_name");
  u ? w.value(u->display_name) : w.null();
  w.field("at", format_rfc3339(c.at));
  w.end_object();
}

// {target, scope, scope_name, period, committed, children_sum, gap, missing, children}
void write_node(JsonWriter& w, const service::TreeNode& n, const Period& period,
                const OrgSnapshot& org) {
  w.begin_object();
  w.key("target");
  n.target ? goals::write_json(w, *n.target) : w.null();
  w.field("scope", n.scope.text());
  w.field("scope_name", n.scope_name);
  w.field("period", period.label);
  w.key("committed");
  n.commit ? write_commit(w, *n.commit, org) : w.null();
  w.key("children_sum");
  n.children_sum ? w.value(*n.children_sum) : w.null();
  w.key("gap");
  (n.children_sum && n.target) ? w.value(n.target->value - *n.children_sum) : w.null();
  w.field("missing", n.missing);
  w.key("children").begin_array();
  for (const service::TreeNode& c : n.children) write_node(w, c, period, org);
  w.end_array();
  w.end_object();
}

}  // namespace

void add_target_tree_routes(App& app) {
  // The decomposition tree under a target: {root: node, calendar: [{kind, sum, gap, complete,
  // items}]}.
  app.api("GET", "/api/targets/{id}/tree", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto tree, service::target_tree(app.ctx(), call.actor, id));
    const OrgSnapshot& org = *call.actor.snapshot;
    const goals::Target& root = *tree.root.target;
    JsonWriter w;
    w.begin_object();
    w.key("root");
    write_node(w, tree.root, root.period, org);
    w.key("calendar").begin_array();
    for (const service::CalendarGroup& g : tree.calendar) {
      w.begin_object();
      w.field("kind", period_kind_name(g.kind));
      w.field("sum", g.sum);
      w.field("gap", root.value - g.sum);
      w.field("complete", g.complete);
      w.key("items").begin_array();
      for (const goals::Target& t : g.items) goals::write_json(w, t);
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return json_text(std::move(w).str());
  });

  // {value, note?} → the commit (承诺) against the target.
  app.api("PUT", "/api/targets/{id}/commit", [&app](Call& call) -> Result<Response> {
    FUPAN_ASSIGN_OR_RETURN(auto id, path_id(call.req));
    FUPAN_ASSIGN_OR_RETURN(auto body, parse_object(call.req));
    Fields f(body);
    service::CommitInput in;
    in.value = f.required_integer("value");
    in.note = f.str("note").value_or("");
    FUPAN_TRY(f.finish());
    FUPAN_ASSIGN_OR_RETURN(auto c, service::commit_to_target(app.ctx(), call.actor, id, in));
    JsonWriter w;
    write_commit(w, c, *call.actor.snapshot);
    return json_text(std::move(w).str());
  });
}

}  // namespace fupan::http
