#include "cli/store_access.h"

#include <filesystem>
#include <stdexcept>

#include "store/migrations.h"
#include "store/org_store.h"

namespace fupan::cli {

bool is_postgres(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::unique_ptr<store::Database> open_store(const std::string& url, std::size_t pool,
                                            StoreMode mode) {
  if (!is_postgres(url) && url != ":memory:") {
    const std::filesystem::path path(url);
    if (mode == StoreMode::existing && !std::filesystem::exists(path)) {
      throw std::runtime_error("there is no store at " + url +
                               " (is --db right? `fupan migrate`, `fupan demo` or `fupan serve "
                               "--create` make a new one)");
    }
    if (!path.parent_path().empty()) std::filesystem::create_directories(path.parent_path());
  }
  auto db = store::open_database(url, pool);
  store::migrate(*db);
  return db;
}

Result<service::Actor> cli_actor(const service::Context& ctx, const std::string& as) {
  std::shared_ptr<const OrgSnapshot> org;
  const UserRecord* user = nullptr;
  {
    auto conn = ctx.db.acquire();
    for (OrgId id : store::list_org_ids(*conn)) {
      auto snapshot = ctx.orgs.get(id);
      if (!snapshot) continue;
      for (const UserRecord& u : snapshot->users()) {
        const bool wanted = as.empty() ? u.active && u.roles.has(Role::admin) : u.username == as;
        if (wanted && (!user || u.id < user->id)) user = &u;
      }
      if (user) {
        org = snapshot;
        break;
      }
    }
  }
  if (!user) {
    return Error::invalid(
        "as", as.empty() ? Detail(detail::no_admin_to_act_as) : detail::no_user_named(as));
  }
  if (!user->active) return Error::invalid("as", detail::user_named_deactivated(as));
  return service::make_actor(ctx, org, user->id, "cli");
}

}  // namespace fupan::cli
