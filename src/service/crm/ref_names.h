// The names of the CRM records a page refers to, read from the store (domain/entity_json.h
// writes them beside each reference).
#pragma once

#include "core/ids.h"
#include "domain/entity_json.h"
#include "store/database.h"

namespace fupan::service {

// Adds to `names` the store's name of every reference noted in it that lives in the store
// (customers, contacts, opportunities, products, pipelines, stages), one query per kind.
void load_ref_names(store::Connection& c, OrgId org, RefNames& names);

}  // namespace fupan::service
