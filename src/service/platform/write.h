// The shape of every change to the organisation: one write transaction with its audit rows,
// committed only when the use case succeeds, then the in-memory org re-read.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "core/error.h"
#include "service/platform/change_feed.h"
#include "service/platform/context.h"
#include "store/org_store.h"

namespace fupan::service {

// Appends an audit row for a change made by `actor`, inside the caller's transaction.
void audit(store::Connection& c, const Actor& actor, std::string_view action,
           std::string_view entity, std::int64_t entity_id,
           const std::optional<boost::json::object>& before,
           const std::optional<boost::json::object>& after, Instant at);

// Like audit(), with before and after already serialised as JSON.
void audit_json(store::Connection& c, const Actor& actor, std::string_view action,
                std::string_view entity, std::int64_t entity_id, std::optional<std::string> before,
                std::optional<std::string> after, Instant at);

// Maps a version-checked write's outcome to not_found / version_conflict.
Status outcome_status(const store::WriteOutcome& outcome);

// Runs `body(conn)` in a write transaction that holds the org's write lock, so that what `body`
// reads from the store includes every earlier write. A unique violation becomes already_exists on
// `unique_field`; a foreign-key violation becomes in_use. On success the org is re-read.
template <class T, class Body>
Result<T> write_org(const Context& ctx, OrgId org, const std::string& unique_field, Body&& body) {
  std::optional<Result<T>> result;
  ChangeBatch changes(ctx);
  try {
    auto conn = ctx.db.acquire();
    store::Transaction tx(*conn, true);
    store::lock_org(*conn, org);
    result.emplace(body(*conn));
    if (result->ok()) tx.commit();
  } catch (const store::StoreError& e) {
    if (e.kind() == store::StoreError::Kind::unique) return Error::exists(unique_field);
    if (e.kind() == store::StoreError::Kind::foreign_key) {
      return Error::of(ErrorCode::in_use, detail::still_referred_to);
    }
    throw;
  }
  if (result->ok()) {
    ctx.orgs.reload(ctx.db, org);
    changes.publish();
  }
  return std::move(*result);
}

// Runs `body(conn)` in a write transaction for the CRM facts, committed only when it succeeds. A
// unique violation becomes already_exists on `unique_field`; a foreign-key violation in_use.
template <class T, class Body>
Result<T> write_facts(const Context& ctx, const std::string& unique_field, Body&& body) {
  ChangeBatch changes(ctx);
  try {
    std::optional<Result<T>> result;
    {
      auto conn = ctx.db.acquire();
      store::Transaction tx(*conn, true);
      result.emplace(body(*conn));
      if (result->ok()) tx.commit();
    }
    if (result->ok()) changes.publish();
    return std::move(*result);
  } catch (const store::StoreError& e) {
    if (e.kind() == store::StoreError::Kind::unique) return Error::exists(unique_field);
    if (e.kind() == store::StoreError::Kind::foreign_key) {
      return Error::of(ErrorCode::in_use, detail::still_referred_to);
    }
    throw;
  }
}

}  // namespace fupan::service
