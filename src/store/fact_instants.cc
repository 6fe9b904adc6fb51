#include "store/fact_instants.h"

namespace fupan::store {
namespace {

constexpr const char* kInstants[] = {
    "SELECT ordered_at FROM orders WHERE org_id = ?",
    "SELECT received_at FROM payments WHERE org_id = ?",
    "SELECT started_at FROM activities WHERE org_id = ?",
    "SELECT created_at FROM customers WHERE org_id = ?",
    "SELECT created_at FROM opportunities WHERE org_id = ?",
    "SELECT closed_at FROM opportunities WHERE org_id = ? AND closed_at IS NOT NULL",
};

}  // namespace

void for_each_fact_instant(Connection& c, OrgId org, const std::function<void(std::int64_t)>& fn) {
  for (const char* sql : kInstants) {
    c.for_each(sql, std::vector<Value>{org.value}, [&](const RowCursor& r) {
      if (!r.is_null(0)) fn(r.i64(0));
    });
  }
}

}  // namespace fupan::store
