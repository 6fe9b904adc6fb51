// The use cases every CRM kind shares: list (paged, sorted, filtered, searched), read, create,
// change and delete, all within the actor's data scope, version-checked and audited. Each kind's
// own rules (entity_rules.h) run inside the same transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/entity_record.h"
#include "service/crm/entity_input.h"
#include "service/crm/entity_view.h"
#include "service/platform/context.h"
#include "service/platform/paging.h"
#include "store/entity_store.h"

namespace fupan::service {

// One list filter from the query string: `field=v1,v2` (any of), `field_from=` / `field_to=`
// (a range, both ends included; a date bound on a time field covers the whole day).
struct ListFilter {
  std::string field;
  std::vector<std::string> any_of;
  std::optional<std::string> from, to;
};

struct ListRequest {
  PageRequest page;
  std::vector<ListFilter> filters;
};

// Builds the store query for `req` within the actor's scope (no paging applied).
Result<store::EntityQuery> build_list_query(const Actor& actor, const EntityKind& kind,
                                            const ListRequest& req);

// Returns a page of records with the names of what they refer to.
EntityPageView view_page(const Context& ctx, const Actor& actor, Page<EntityRecord> page);
// Returns one record with the names of what it refers to and its kind's details (lines, history).
EntityView view_entity(const Context& ctx, const Actor& actor, EntityRecord r);

Result<Page<EntityRecord>> list_entities(const Context& ctx, const Actor& actor,
                                         const EntityKind& kind, const ListRequest& req);
Result<EntityRecord> get_entity(const Context& ctx, const Actor& actor, const EntityKind& kind,
                                std::int64_t id);
Result<EntityRecord> create_entity(const Context& ctx, const Actor& actor, const EntityKind& kind,
                                   const EntityInput& in);
Result<EntityRecord> update_entity(const Context& ctx, const Actor& actor, const EntityKind& kind,
                                   std::int64_t id, const EntityInput& in);
Status delete_entity(const Context& ctx, const Actor& actor, const EntityKind& kind,
                     std::int64_t id, std::int64_t version);

// Checks the references of `r` that changed from `before` (null on create): users and regions
// exist in the org, owners are in the actor's scope, referenced records exist and are visible.
Status check_references(store::Connection& c, const Actor& actor, const EntityRecord* before,
                        const EntityRecord& r);

}  // namespace fupan::service
