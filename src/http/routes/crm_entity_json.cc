#include "http/routes/crm_entity_json.h"

#include <span>

namespace fupan::http {
namespace {

void write_transfers(JsonWriter& w, std::span<const store::CustomerTransfer> transfers,
                     const OrgSnapshot& org) {
  w.key("transfers").begin_array();
  for (const auto& t : transfers) {
    w.begin_object();
    write_user_ref(w, org, "from_user", t.from_user);
    write_user_ref(w, org, "to_user", t.to_user);
    w.field("reason", t.reason);
    write_user_ref(w, org, "by_user", t.by_user);
    w.field("at", format_rfc3339(t.at));
    w.end_object();
  }
  w.end_array();
}

void write_details(JsonWriter& w, const service::CustomerDetails& d, const OrgSnapshot& org,
                   const RefNames& names) {
  w.key("contacts").begin_array();
  for (const EntityRecord& r : d.contacts) write_entity(w, r, org, &names);
  w.end_array();
  write_transfers(w, d.transfers, org);
  w.key("duplicates").begin_array();
  for (const service::DuplicateMatch& m : d.duplicates) write_json(w, m);
  w.end_array();
}

void write_details(JsonWriter& w, const service::OpportunityDetails& d, const OrgSnapshot& org,
                   const RefNames&) {
  w.key("probability");
  if (d.probability) {
    w.value(*d.probability);
  } else {
    w.null();
  }
  w.key("stage_history").begin_array();
  for (const store::StageHistoryRow& h : d.stage_history) {
    w.begin_object();
    w.field("stage_id", h.stage_id);
    w.field("stage_name", h.stage_name);
    w.field("entered_at", format_rfc3339(h.entered_at));
    w.field("user_id", h.user_id.value);
    w.key("user_name");
    if (const UserRecord* u = org.user(h.user_id)) {
      w.value(u->display_name);
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
}

void write_details(JsonWriter& w, const service::DocumentDetails& d, const OrgSnapshot&,
                   const RefNames&) {
  w.key("lines").begin_array();
  for (const store::DocumentLine& l : d.lines) {
    w.begin_object();
    w.field("position", l.position);
    w.field("product_id", l.product_id);
    w.field("product_name", l.product_name);
    w.field("quantity", l.quantity);
    w.field("unit_price", l.unit_price);
    w.field("discount_bp", l.discount_bp);
    w.field("line_total", l.line_total);
    w.end_object();
  }
  w.end_array();
}

void write_details(JsonWriter&, std::monostate, const OrgSnapshot&, const RefNames&) {}

}  // namespace

void write_user_ref(JsonWriter& w, const OrgSnapshot& org, std::string_view key, UserId id) {
  w.field(std::string(key) + "_id", id.value);
  const UserRecord* u = org.user(id);
  w.key(std::string(key) + "_name");
  if (u) {
    w.value(u->display_name);
  } else {
    w.null();
  }
}

std::string entity_page_json(const service::EntityPageView& view, const OrgSnapshot& org) {
  JsonWriter w;
  w.begin_object();
  w.key("items").begin_array();
  for (const EntityRecord& r : view.page.items) write_entity(w, r, org, &view.names);
  w.end_array();
  w.field("total", view.page.total);
  w.field("page", view.page.page);
  w.field("page_size", view.page.page_size);
  w.end_object();
  return std::move(w).str();
}

std::string entity_json(const service::EntityView& view, const OrgSnapshot& org) {
  JsonWriter w;
  w.begin_object();
  write_entity_members(w, view.record, org, &view.names);
  std::visit([&](const auto& d) { write_details(w, d, org, view.names); }, view.details);
  w.end_object();
  return std::move(w).str();
}

void write_json(JsonWriter& w, const service::DuplicateMatch& d) {
  w.begin_object();
  w.key("id");
  if (d.id) {
    w.value(*d.id);
  } else {
    w.null();
  }
  w.field("name", d.name);
  w.key("phone");
  if (d.phone) {
    w.value(*d.phone);
  } else {
    w.null();
  }
  w.key("owner_id");
  if (d.owner_id) {
    w.value(*d.owner_id);
  } else {
    w.null();
  }
  w.field("owner_name", d.owner_name);
  w.field("visible", d.visible);
  w.end_object();
}

std::string history_json(const std::vector<service::HistoryEntry>& entries,
                         const OrgSnapshot& org) {
  auto stored = [](JsonWriter& w, const std::optional<std::string>& json) {
    json ? w.raw(*json) : w.null();
  };
  JsonWriter w;
  w.begin_object();
  w.key("items").begin_array();
  for (const service::HistoryEntry& e : entries) {
    w.begin_object();
    w.field("id", e.id);
    w.field("at", format_rfc3339(e.at));
    w.field("action", e.action);
    w.key("user_id");
    e.user ? w.value(e.user->value) : w.null();
    const UserRecord* u = e.user ? org.user(*e.user) : nullptr;
    w.key("user_name");
    u ? w.value(u->display_name) : w.null();
    w.key("changes").begin_array();
    for (const service::FieldChange& c : e.changes) {
      w.begin_object();
      w.field("field", c.field);
      w.key("before");
      stored(w, c.before);
      w.key("after");
      stored(w, c.after);
      if (c.is_ref) {
        w.key("before_name");
        c.before_name ? w.value(*c.before_name) : w.null();
        w.key("after_name");
        c.after_name ? w.value(*c.after_name) : w.null();
      }
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

}  // namespace fupan::http
