// The CRM facts a write transaction changed, collected as it audits them and handed to the
// analytics engine once it commits (never before, never for a rollback). Each thread runs one
// write transaction at a time, so the pending changes are the thread's own.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/ids.h"
#include "service/platform/context.h"

namespace fupan::service {

// Notes that `entity` `id` of `org` changed in the current transaction; id 0: many of that kind.
void note_change(OrgId org, std::string_view entity, std::int64_t id);
// Notes that the org's metric settings (time zone, fiscal year, margin, holidays) changed.
void note_settings_change(OrgId org);
// Hands the noted changes to ctx.analytics (when there is one) and forgets them.
void publish_changes(const Context& ctx);
// Forgets the noted changes (the transaction rolled back).
void discard_changes();

// Brackets one write transaction: publish() after its commit; leaving the scope without it (an
// error, a rollback, an exception) discards what the transaction noted.
class ChangeBatch {
 public:
  explicit ChangeBatch(const Context& ctx) : ctx_(ctx) { discard_changes(); }
  ChangeBatch(const ChangeBatch&) = delete;
  ChangeBatch& operator=(const ChangeBatch&) = delete;
  ~ChangeBatch() { discard_changes(); }
  void publish() { publish_changes(ctx_); }

 private:
  const Context& ctx_;
};

}  // namespace fupan::service
