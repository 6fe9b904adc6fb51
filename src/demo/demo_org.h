// The demo organisation for `fupan demo` and the tests: 3 regions, 8 teams (one nested), about
// 40 people with Chinese names, and the five demo logins (admin, director, manager, rep, analyst)
// with the password "fupan-demo". Deterministic: the same store gets the same org every time.
#pragma once

#include "core/error.h"
#include "core/ids.h"
#include "core/time.h"
#include "store/database.h"

namespace fupan::demo {

inline constexpr const char* kDemoPassword = "fupan-demo";

// Creates the demo org in an empty store (migrated). Fails if the store already has an org.
Result<OrgId> create_demo_org(store::Database& db, const Clock& clock);

}  // namespace fupan::demo
