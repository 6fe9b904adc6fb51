#include "demo/demo_audit.h"

#include "store/audit_store.h"

namespace fupan::demo {

void audit_demo_step(store::Connection& c, OrgId org, std::string action, Instant at,
                     std::optional<std::string> after_json) {
  store::AuditRecord audit;
  audit.org = org;
  audit.at = at;
  audit.action = std::move(action);
  audit.entity = "org";
  audit.entity_id = org.value;
  audit.after_json = std::move(after_json);
  audit.ip = "cli";
  store::insert_audit(c, audit);
}

}  // namespace fupan::demo
