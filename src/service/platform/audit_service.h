// Reading the audit log (admins only).
#pragma once

#include "core/error.h"
#include "service/platform/context.h"
#include "service/platform/paging.h"
#include "store/audit_store.h"

namespace fupan::service {

struct AuditFilter {
  std::optional<std::string> entity;
  std::optional<std::int64_t> entity_id;
  std::optional<UserId> user;
};

Result<Page<store::AuditRecord>> list_audit(const Context& ctx, const Actor& actor,
                                            const PageRequest& page, const AuditFilter& filter);

}  // namespace fupan::service
