#include "service/reviews/action_items.h"

#include <algorithm>
#include <map>

#include "core/json_writer.h"
#include "domain/metric.h"
#include "service/goals/target_service.h"
#include "service/platform/write.h"
#include "service/reviews/review_access.h"
#include "store/review_store.h"
#include "store/target_store.h"

namespace fupan::service {
namespace {

using reviews::ActionItem;

std::string item_json(const ActionItem& a) {
  JsonWriter w;
  w.begin_object();
  w.field("review_id", a.review_id);
  w.field("owner_id", a.owner.value);
  w.field("title", a.title);
  w.field("due_date", format_date(a.due));
  w.key("metric");
  a.metric ? w.value(*a.metric) : w.null();
  w.key("target_id");
  a.target_id ? w.value(*a.target_id) : w.null();
  w.key("target_value");
  a.target_value ? w.value(*a.target_value) : w.null();
  w.field("status", reviews::action_status_name(a.status));
  w.field("done_note", a.done_note);
  w.end_object();
  return std::move(w).str();
}

Result<UserId> owner_of(const Actor& actor, std::int64_t id) {
  if (id <= 0) return Error::missing("owner_id");
  const UserRecord* u = actor.snapshot->user(UserId{id});
  if (!u || !u->active) return Error::invalid("owner_id", detail::no_such_active_user);
  if (!actor.scope().sees_user(u->id)) return Error::invalid("owner_id", detail::outside_scope);
  return u->id;
}

Result<LocalDate> due_of(const std::string& text) {
  if (text.empty()) return Error::missing("due_date");
  auto d = parse_date(text);
  if (!d) return Error::invalid("due_date", detail::date);
  return *d;
}

Status check_metric(const std::optional<std::string>& metric) {
  if (!metric) return {};
  if (!parse_metric(*metric).ok()) return Error::invalid("metric", detail::unknown_metric);
  return {};
}

// A refused target change, told in the action item's fields.
Error target_error(Error e) {
  if (e.code == ErrorCode::not_found) return Error::invalid("target_id", detail::no_such_record);
  if (e.field == "value") e.field = "target_value";
  if (e.field == "reason") e.field = "title";
  if (e.field == "version") e.field = "target_version";
  return e;
}

}  // namespace

Result<ActionItem> add_action_item(const Context& ctx, const Actor& actor, std::int64_t review,
                                   const ActionItemInput& in) {
  ActionItem a;
  a.review_id = review;
  FUPAN_ASSIGN_OR_RETURN(a.owner, owner_of(actor, in.owner_id));
  a.title = in.title;
  FUPAN_ASSIGN_OR_RETURN(a.due, due_of(in.due_date));
  a.metric = in.metric;
  FUPAN_TRY(check_metric(a.metric));
  if (in.target_id.has_value() != in.target_value.has_value()) {
    return Error::missing(in.target_id ? "target_value" : "target_id");
  }
  a.target_id = in.target_id;
  a.target_value = in.target_value;
  a.created_by = actor.id;
  std::optional<reviews::Review> r;
  {
    auto c = ctx.db.acquire();
    FUPAN_ASSIGN_OR_RETURN(auto found, joined_review(*c, actor, review));
    r = std::move(found);
  }
  FUPAN_TRY(reviews::check_action_item(a, r->period));
  const Instant now = ctx.clock.now();
  a.created_at = a.updated_at = now;
  return write_facts<ActionItem>(ctx, "", [&](store::Connection& c) -> Result<ActionItem> {
    store::lock_org(c, actor.org);
    FUPAN_ASSIGN_OR_RETURN(auto review_now, joined_review(c, actor, review));
    // The goals capability decides who may change which target and keeps the adjustment with
    // the review as its reason; in this transaction, so the item and the change land together.
    if (a.target_id) {
      auto changed = apply_target_change(
          c, actor, *a.target_id,
          {*a.target_value, "复盘「" + review_now.title + "」：" + a.title, in.target_version},
          now);
      if (!changed.ok()) return target_error(changed.error());
    }
    a.id = store::insert_action_item(c, actor.org, a);
    audit_json(c, actor, "create", "action_item", a.id, std::nullopt, item_json(a), now);
    return a;
  });
}

Result<ActionItem> change_action_item(const Context& ctx, const Actor& actor, std::int64_t id,
                                      const ActionItemChange& in) {
  std::optional<UserId> owner;
  if (in.owner_id) {
    FUPAN_ASSIGN_OR_RETURN(owner, owner_of(actor, *in.owner_id));
  }
  std::optional<LocalDate> due;
  if (in.due_date) {
    FUPAN_ASSIGN_OR_RETURN(due, due_of(*in.due_date));
  }
  if (in.metric) FUPAN_TRY(check_metric(*in.metric));
  const Instant now = ctx.clock.now();
  return write_facts<ActionItem>(ctx, "", [&](store::Connection& c) -> Result<ActionItem> {
    store::lock_org(c, actor.org);
    auto before = store::find_action_item(c, actor.org, id);
    if (!before) return Error::not_found();
    FUPAN_ASSIGN_OR_RETURN(auto r, owned_review(c, actor, before->review_id, std::nullopt));
    if (before->version != in.version) return Error::conflict(before->version);
    if (before->status == reviews::ActionStatus::done) {
      return Error::of(ErrorCode::forbidden, detail::action_item_done);
    }
    ActionItem after = *before;
    if (owner) after.owner = *owner;
    if (in.title) after.title = *in.title;
    if (due) after.due = *due;
    if (in.metric) after.metric = *in.metric;
    FUPAN_TRY(reviews::check_action_item(after, r.period));
    after.version = before->version + 1;
    after.updated_at = now;
    FUPAN_TRY(outcome_status(store::update_action_item(c, actor.org, after, in.version)));
    audit_json(c, actor, "update", "action_item", id, item_json(*before), item_json(after), now);
    return after;
  });
}

Result<ActionItem> complete_action_item(const Context& ctx, const Actor& actor, std::int64_t id,
                                        const std::string& note, std::int64_t version) {
  const Instant now = ctx.clock.now();
  return write_facts<ActionItem>(ctx, "", [&](store::Connection& c) -> Result<ActionItem> {
    store::lock_org(c, actor.org);
    auto before = store::find_action_item(c, actor.org, id);
    // The owner sees their own item whatever the review; others must see the review.
    if (!before) return Error::not_found();
    if (before->owner != actor.id) {
      FUPAN_TRY(visible_review(c, actor, before->review_id));
      return Error::of(ErrorCode::forbidden, detail::own_action_item_only);
    }
    if (!actor.scope().can_write) return Error::forbidden();
    if (before->version != version) return Error::conflict(before->version);
    ActionItem after = *before;
    FUPAN_TRY(reviews::mark_done(after, now, note));
    after.version = before->version + 1;
    after.updated_at = now;
    FUPAN_TRY(outcome_status(store::update_action_item(c, actor.org, after, version)));
    audit_json(c, actor, "complete", "action_item", id, item_json(*before), item_json(after), now);
    return after;
  });
}

namespace {

std::vector<ActionItemLine> lines_of(store::Connection& c, OrgId org,
                                     std::vector<ActionItem> items) {
  std::vector<std::int64_t> ids;
  for (const auto& a : items) ids.push_back(a.review_id);
  auto titles = store::review_titles(c, org, ids);
  std::vector<ActionItemLine> out;
  for (auto& a : items) {
    const auto& t = titles[a.review_id];
    out.push_back({std::move(a), t.first, t.second});
  }
  return out;
}

}  // namespace

Result<std::vector<ActionItemLine>> list_action_items(const Context& ctx, const Actor& actor,
                                                      std::optional<std::int64_t> owner, bool all) {
  const UserId who = owner ? UserId{*owner} : actor.id;
  if (who != actor.id && !actor.scope().sees_user(who)) return Error::not_found();
  auto c = ctx.db.acquire();
  return lines_of(*c, actor.org, store::list_owner_action_items(*c, actor.org, who, !all));
}

std::vector<ActionItemLine> open_action_items_of(store::Connection& c, OrgId org,
                                                 const std::vector<std::int64_t>& user_ids) {
  return lines_of(c, org, store::list_open_action_items(c, org, user_ids));
}

}  // namespace fupan::service
