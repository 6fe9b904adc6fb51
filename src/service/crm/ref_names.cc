#include "service/crm/ref_names.h"

#include <algorithm>

#include "store/record_lookup.h"

namespace fupan::service {
namespace {

// The tables whose records have a name, by the kind of reference.
struct RefTable {
  RefKind kind;
  const char* table;
};
constexpr RefTable kRefTables[] = {
    {RefKind::customer, "customers"},        {RefKind::contact, "contacts"},
    {RefKind::opportunity, "opportunities"}, {RefKind::product, "products"},
    {RefKind::pipeline, "pipelines"},        {RefKind::stage, "pipeline_stages"},
};

}  // namespace

void load_ref_names(store::Connection& c, OrgId org, RefNames& names) {
  auto wanted = names.take_wanted();
  for (const RefTable& t : kRefTables) {
    auto it = wanted.find(t.kind);
    if (it == wanted.end()) continue;
    auto& ids = it->second;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (auto& [id, name] : store::names_by_id(c, org, t.table, ids)) {
      names.add(t.kind, id, std::move(name));
    }
  }
}

}  // namespace fupan::service
