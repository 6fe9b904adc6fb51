// The references in import cells resolved to ids: each kind of record is read once per import
// into maps (of what the importing user may see), so rows cost no SQL. A cell names a user by
// username or display name; a customer, opportunity or order by external id or name; a product
// by code or name; a region by name or code; a team, pipeline or stage by name. Digits that
// name nothing else are taken as an id.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "domain/entity_kind.h"
#include "service/platform/context.h"
#include "store/database.h"

namespace fupan::service {

class ImportRefs {
 public:
  // Reads from `c`, which must outlive this object, as `actor` sees the org.
  ImportRefs(store::Connection& c, const Actor& actor) : conn_(c), actor_(actor) {}
  ImportRefs(const ImportRefs&) = delete;
  ImportRefs& operator=(const ImportRefs&) = delete;

  // Returns the id the cell `text` names for the reference field `f` (not blank), or an
  // invalid_field error on f.name. `pipeline` narrows a stage to that pipeline's.
  Result<std::int64_t> resolve(const Field& f, std::string_view text,
                               std::optional<std::int64_t> pipeline = std::nullopt);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static constexpr std::int64_t kAmbiguous = -1;
  // Names (and external ids, codes) of one kind of record; kAmbiguous where several share one.
  struct Names {
    bool loaded = false;
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> keys;  // strong keys
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> names;
    std::unordered_set<std::int64_t> ids;
    std::unordered_set<std::int64_t> inactive;  // users
    void add_key(std::string key, std::int64_t id);
    void add_name(std::string name, std::int64_t id);
  };
  struct Stage {
    std::int64_t id, pipeline;
    std::string name;
  };

  Names& names_of(RefKind ref);
  void load(RefKind ref, Names& n);
  void load_stages();

  store::Connection& conn_;
  const Actor& actor_;
  std::unordered_map<RefKind, Names> names_;
  std::optional<std::int64_t> default_pipeline_;
  std::vector<Stage> stages_;
  bool stages_loaded_ = false;
};

}  // namespace fupan::service
