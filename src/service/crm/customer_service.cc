#include "service/crm/customer_service.h"

#include <algorithm>
#include <set>

#include "domain/dedupe.h"
#include "domain/entity_json.h"
#include "domain/org_validation.h"
#include "service/crm/entity_access.h"
#include "service/platform/write.h"
#include "store/customer_store.h"
#include "store/entity_store.h"

namespace fupan::service {
namespace {

constexpr std::size_t kMaxBulk = 500;
constexpr std::int64_t kMaxDuplicates = 20;

const EntityKind& customer_kind() {
  return *find_entity_kind("customer");
}

// Checks what every transfer needs besides the customer: a reason and a new owner the actor
// sees who is active.
Status check_transfer_input(const Actor& actor, const TransferInput& in) {
  FUPAN_TRY(validate_name("reason", in.reason, 200));
  const UserRecord* to = actor.snapshot->user(UserId{in.to_user_id});
  if (!to || !actor.scope().sees_user(to->id))
    return Error::invalid("to_user_id", detail::no_such_user);
  if (!to->active) return Error::invalid("to_user_id", detail::user_deactivated);
  return {};
}

// Gives the stored record `before` to `to`, version-checked against before.version, audited.
Result<EntityRecord> change_owner(store::Connection& c, const Actor& actor,
                                  const EntityRecord& before, UserId to, Instant now) {
  EntityRecord r = before;
  r.set("owner_id", to.value);
  r.version = before.version + 1;
  r.updated_at = now;
  FUPAN_TRY(outcome_status(store::update_entity(c, actor.org, r, before.version)));
  audit_json(c, actor, "transfer", r.kind->name, r.id, entity_audit_json(before, *actor.snapshot),
             entity_audit_json(r, *actor.snapshot), now);
  return r;
}

// Transfers one customer already checked to be visible and writable; returns how many open
// opportunities moved with it. Opportunities owned by other reps on the same customer stay with
// them: they are those reps' work, and the transfer is about the customer's owner.
Result<std::int64_t> transfer_one(store::Connection& c, const Actor& actor,
                                  const EntityRecord& before, const TransferInput& in,
                                  Instant now) {
  const UserId from{*before.integer("owner_id")};
  const UserId to{in.to_user_id};
  auto after = change_owner(c, actor, before, to, now);
  if (!after.ok()) return after.error();
  store::insert_customer_transfer(c, actor.org, {before.id, from, to, actor.id, in.reason, now});
  std::int64_t moved = 0;
  if (in.with_opportunities) {
    const EntityKind& opportunity = *find_entity_kind("opportunity");
    for (std::int64_t id : store::open_opportunity_ids(c, actor.org, before.id, from)) {
      auto opp = store::find_entity(c, actor.org, opportunity, id);
      if (!opp) continue;
      auto moved_opp = change_owner(c, actor, *opp, to, now);
      if (!moved_opp.ok()) return moved_opp.error();
      ++moved;
    }
  }
  return moved;
}

}  // namespace

Result<EntityRecord> transfer_customer(const Context& ctx, const Actor& actor, std::int64_t id,
                                       const TransferInput& in) {
  const EntityKind& kind = customer_kind();
  FUPAN_TRY(check_transfer_input(actor, in));
  const Instant now = ctx.clock.now();
  return write_facts<EntityRecord>(ctx, "", [&](store::Connection& c) -> Result<EntityRecord> {
    if (!is_visible(c, actor, kind, id)) return Error::not_found();
    FUPAN_TRY(check_can_write(actor, kind));
    auto before = store::find_entity(c, actor.org, kind, id);
    if (!before) return Error::not_found();
    if (before->version != in.version) return Error::conflict(before->version);
    if (before->integer("owner_id") == in.to_user_id)
      return Error::invalid("to_user_id", detail::already_owner);
    FUPAN_TRY(transfer_one(c, actor, *before, in, now));
    auto after = store::find_entity(c, actor.org, kind, id);
    if (!after) return Error::not_found();
    return std::move(*after);
  });
}

// Versions are not asked for here: a manager reassigning a departed rep's book acts on the
// customers as they are now, not on a copy read earlier (no one edited "this owner" in a form),
// and every change is audited with its before and after. A concurrent edit of one of them still
// cannot be lost: each row is written against the version read inside this transaction.
Result<BulkTransferResult> transfer_customers(const Context& ctx, const Actor& actor,
                                              const std::vector<std::int64_t>& ids,
                                              const TransferInput& in) {
  if (ids.empty() || ids.size() > kMaxBulk) return Error::invalid("ids", detail::ids_range(1, 500));
  if (std::set<std::int64_t>(ids.begin(), ids.end()).size() != ids.size())
    return Error::invalid("ids", detail::id_twice);
  const EntityKind& kind = customer_kind();
  FUPAN_TRY(check_can_write(actor, kind));
  FUPAN_TRY(check_transfer_input(actor, in));
  const Instant now = ctx.clock.now();
  return write_facts<BulkTransferResult>(
      ctx, "", [&](store::Connection& c) -> Result<BulkTransferResult> {
        BulkTransferResult out;
        for (std::int64_t id : ids) {
          auto before = is_visible(c, actor, kind, id) ? store::find_entity(c, actor.org, kind, id)
                                                       : std::nullopt;
          if (!before) return Error::invalid("ids", detail::no_such_record);
          if (before->integer("owner_id") == in.to_user_id) continue;
          auto moved = transfer_one(c, actor, *before, in, now);
          if (!moved.ok()) return moved.error();
          ++out.customers;
          out.opportunities += *moved;
        }
        return out;
      });
}

std::vector<DuplicateMatch> find_duplicates(store::Connection& c, const Actor& actor,
                                            std::string_view name, std::string_view phone,
                                            std::optional<std::int64_t> exclude_id) {
  const auto matches = store::find_customers_by_keys(
      c, actor.org, customer_name_key(name), customer_phone_key(phone), exclude_id, kMaxDuplicates);
  std::vector<DuplicateMatch> out;
  out.reserve(matches.size());
  for (const store::CustomerKeyMatch& m : matches) {
    DuplicateMatch d;
    d.name = m.name;
    const UserRecord* owner = actor.snapshot->user(m.owner);
    d.owner_name = owner ? owner->display_name : "";
    d.visible = actor.scope().sees_user(m.owner);
    if (d.visible) {
      d.id = m.id;
      d.phone = m.phone;
      d.owner_id = m.owner.value;
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<DuplicateMatch> find_duplicates(const Context& ctx, const Actor& actor,
                                            std::string_view name, std::string_view phone,
                                            std::optional<std::int64_t> exclude_id) {
  auto conn = ctx.db.acquire();
  return find_duplicates(*conn, actor, name, phone, exclude_id);
}

std::optional<std::string> customer_name_key(std::string_view name) {
  std::string key = normalize_customer_name(name);
  if (key.empty()) return std::nullopt;
  return key;
}

std::optional<std::string> customer_phone_key(std::string_view phone) {
  std::string key = normalize_phone(phone);
  if (key.empty()) return std::nullopt;
  return key;
}

void write_customer_keys(store::Connection& c, OrgId org, const EntityRecord& r) {
  store::set_customer_keys(c, org, r.id, customer_name_key(r.text("name")),
                           customer_phone_key(r.text("phone")));
}

std::int64_t fill_missing_customer_keys(store::Connection& c, OrgId org) {
  const auto rows = store::customers_without_keys(c, org);
  for (const auto& row : rows) {
    store::set_customer_keys(c, org, row.id, customer_name_key(row.name),
                             customer_phone_key(row.phone.value_or("")));
  }
  return static_cast<std::int64_t>(rows.size());
}

}  // namespace fupan::service
