#include "service/platform/audit_service.h"

namespace fupan::service {

Result<Page<store::AuditRecord>> list_audit(const Context& ctx, const Actor& actor,
                                            const PageRequest& page, const AuditFilter& filter) {
  if (!actor.scope().is_admin) return Error::forbidden();
  store::AuditQuery q{filter.entity, filter.entity_id, filter.user, page.page_size,
                      (page.page - 1) * page.page_size};
  auto conn = ctx.db.acquire();
  Page<store::AuditRecord> out;
  out.items = store::list_audit(*conn, actor.org, q);
  out.total = store::count_audit(*conn, actor.org, q);
  out.page = page.page;
  out.page_size = page.page_size;
  return out;
}

}  // namespace fupan::service
