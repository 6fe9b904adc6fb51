// How a `fupan` command reaches the store, and as whom it acts. Only `migrate`, `demo` and
// `serve --create` create a store: every other command refuses a SQLite path with no file there,
// so a mistyped --db creates nothing.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "service/platform/context.h"
#include "store/database.h"

namespace fupan::cli {

bool is_postgres(const std::string& url);

enum class StoreMode {
  existing,  // the store must be there
  create,    // a SQLite file (and its folder) is made when missing
};

// Opens and migrates the store; throws std::runtime_error (a message for the user) when a store
// that must exist does not.
std::unique_ptr<store::Database> open_store(const std::string& url, std::size_t pool,
                                            StoreMode mode = StoreMode::existing);

// The user a command acts as: `as` (a username), or the store's first active admin when empty.
// The context's directory must be loaded.
Result<service::Actor> cli_actor(const service::Context& ctx, const std::string& as);

}  // namespace fupan::cli
