// A CRM record as a read shows it: the record, the names of what it refers to, and what its kind
// shows beside its fields (a customer's contacts, an opportunity's stage history, a document's
// lines). Values only: the HTTP layer writes them (http/routes/crm_entity_json.h).
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "domain/entity_json.h"
#include "domain/entity_record.h"
#include "service/crm/customer_service.h"
#include "service/platform/paging.h"
#include "store/customer_store.h"
#include "store/document_line_store.h"
#include "store/pipeline_store.h"

namespace fupan::service {

struct CustomerDetails {
  std::vector<EntityRecord> contacts;              // primary first, then by name
  std::vector<store::CustomerTransfer> transfers;  // newest first
  std::vector<DuplicateMatch> duplicates;
};

struct OpportunityDetails {
  std::optional<int> probability;  // of the current stage, in percent; null without one
  std::vector<store::StageHistoryRow> stage_history;
};

// A quote's or an order's lines.
struct DocumentDetails {
  std::vector<store::DocumentLine> lines;
};

using EntityDetails =
    std::variant<std::monostate, CustomerDetails, OpportunityDetails, DocumentDetails>;

struct EntityView {
  EntityRecord record;
  RefNames names;  // of the record's references and of those in its details
  EntityDetails details;
};

struct EntityPageView {
  Page<EntityRecord> page;
  RefNames names;
};

}  // namespace fupan::service
