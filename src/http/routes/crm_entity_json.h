// A CRM record's JSON as a read answers it: its fields with the names of what they refer to
// (domain/entity_json.h), then what its kind shows beside them (service/crm/entity_view.h).
#pragma once

#include <string>

#include "core/json_writer.h"
#include "service/crm/entity_view.h"
#include "service/crm/record_history.h"

namespace fupan::http {

// Returns {items: [record...], total, page, page_size}.
std::string entity_page_json(const service::EntityPageView& view, const OrgSnapshot& org);
// Returns the record's members and its details: a customer's contacts, transfers and
// duplicates; an opportunity's probability and stage_history; a document's lines.
std::string entity_json(const service::EntityView& view, const OrgSnapshot& org);
// Returns {items:[{id, at, action, user_id, user_name, changes:[{field, before, after,
// before_name?, after_name?}]}]}: a record's history, names beside references.
std::string history_json(const std::vector<service::HistoryEntry>& entries, const OrgSnapshot& org);
// Writes "<key>_id": id, "<key>_name": the user's display name (null when unknown).
void write_user_ref(JsonWriter& w, const OrgSnapshot& org, std::string_view key, UserId id);
// Writes {id, name, phone, owner_id, owner_name, visible}.
void write_json(JsonWriter& w, const service::DuplicateMatch& d);

}  // namespace fupan::http
