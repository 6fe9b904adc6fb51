// The facts the analytics index keeps, one compact row per record, addressed by slot. Days are
// local day numbers in the org's time zone (days since 1970-01-01); customers, users and other
// records are referred to by slot, so a row holds no pointer and no string.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

namespace fupan::engine {

using Day = std::int32_t;
using Slot = std::int32_t;
inline constexpr Slot kNone = -1;
inline constexpr Day kNoDay = std::numeric_limits<Day>::min();

// Record id → slot, the slot being the position of the record's row in its table. Ids mostly
// arrive ascending (they are the store's keys), so a new record is an append and a lookup a binary
// search; an id that arrives below the last one (concurrent PostgreSQL inserts commit out of key
// order) or beyond 2^32 is kept aside in a map, its place in the sorted vector held by a copy of
// its predecessor.
class SlotIndex {
 public:
  Slot find(std::int64_t id) const {
    if (!aside_.empty()) {
      auto it = aside_.find(id);
      if (it != aside_.end()) return it->second;
    }
    if (id < 0 || id > kMax32) return kNone;
    auto it = std::lower_bound(ids_.begin(), ids_.end(), static_cast<std::uint32_t>(id));
    return it != ids_.end() && *it == id ? static_cast<Slot>(it - ids_.begin()) : kNone;
  }
  // Returns the slot of `id`, adding it at the end when new.
  Slot find_or_add(std::int64_t id) {
    if (id >= 0 && id <= kMax32 && (ids_.empty() || id > ids_.back())) {
      ids_.push_back(static_cast<std::uint32_t>(id));
      return static_cast<Slot>(ids_.size() - 1);
    }
    if (Slot s = find(id); s != kNone) return s;
    const auto slot = static_cast<Slot>(ids_.size());
    ids_.push_back(ids_.empty() ? 0 : ids_.back());
    aside_[id] = slot;
    return slot;
  }
  // The id of `slot` (one the index gave out).
  std::int64_t id_of(Slot slot) const {
    for (const auto& [id, s] : aside_) {
      if (s == slot) return id;
    }
    return ids_[slot];
  }
  std::size_t size() const { return ids_.size(); }
  void shrink() { ids_.shrink_to_fit(); }
  std::size_t bytes() const { return ids_.capacity() * sizeof(std::uint32_t) + aside_.size() * 32; }
  // Its fields, to an archive or from one (engine/archive.h).
  template <class A>
  void io(A& a) {
    a(ids_);
    a(aside_);
  }

 private:
  static constexpr std::int64_t kMax32 = 0xFFFFFFFFLL;
  // Keys up to 2^32 in ascending order, 4 bytes each; the rest (out of order or larger) aside.
  std::vector<std::uint32_t> ids_;
  std::unordered_map<std::int64_t, Slot> aside_;
};

// Strings of a low-cardinality field (industry, channel, tier) as small numbers; 0 is "".
class Interner {
 public:
  Interner() { names_.push_back(""); }
  std::int32_t code(std::string_view s) {
    if (s.empty()) return 0;
    auto it = codes_.find(std::string(s));
    if (it != codes_.end()) return it->second;
    names_.emplace_back(s);
    return codes_[std::string(s)] = static_cast<std::int32_t>(names_.size() - 1);
  }
  // Returns the code of `s`, or -1 when it was never seen.
  std::int32_t find(std::string_view s) const {
    if (s.empty()) return 0;
    auto it = codes_.find(std::string(s));
    return it == codes_.end() ? -1 : it->second;
  }
  const std::string& name(std::int32_t code) const { return names_[code]; }
  std::size_t size() const { return names_.size(); }
  template <class A>
  void io(A& a) {
    a(names_);
    if constexpr (A::reading) {
      codes_.clear();
      for (std::size_t i = 1; i < names_.size(); ++i) {
        codes_[names_[i]] = static_cast<std::int32_t>(i);
      }
    }
  }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::int32_t> codes_;
};

struct CustomerFact {
  std::int64_t id = 0;
  Slot user = kNone;  // owner
  Day created = kNoDay;
  std::int32_t industry = 0, channel = 0, tier = 0;  // Interner codes
  std::int64_t region = 0;                           // region id, 0 for none
  // Its first non-cancelled order's owner and day: where it counts as a new buyer.
  Slot first_user = kNone;
  Day first_day = kNoDay;
  Slot first_order = kNone;  // its orders, chained by OrderFact::next_of_customer
  bool alive = false;
};

struct OrderFact {
  std::int64_t id = 0;
  std::int64_t ordered_ms = 0;
  std::int64_t total = 0;
  Slot customer = kNone;
  Slot user = kNone;
  Day day = kNoDay;
  Day due = kNoDay;
  Slot next_of_customer = kNone;  // the customer's next order
  Slot first_line = kNone;        // its lines, chained by LineFact::next
  Slot first_payment = kNone;     // its payments, chained by PaymentFact::next_of_order
  bool cancelled = false;
  bool alive = false;
};

// One line of an order: what a product contributed.
struct LineFact {
  std::int64_t product = 0;
  std::int64_t total = 0;
  Slot next = kNone;
};

struct PaymentFact {
  Slot next_of_order = kNone;
  Slot order = kNone;
  Slot customer = kNone;
  Slot user = kNone;
  Day day = kNoDay;
  std::int64_t amount = 0;
  bool alive = false;
};

enum class OppStatus : std::uint8_t { open, won, lost };

enum class ForecastCategory : std::uint8_t { pipeline, best_case, commit };

struct OpportunityFact {
  Slot customer = kNone;
  Slot user = kNone;
  std::int64_t pipeline = 0, stage = 0;
  std::int64_t amount = 0;
  std::int64_t created_ms = 0, closed_ms = 0;
  Day created = kNoDay, closed = kNoDay, expected_close = kNoDay;
  OppStatus status = OppStatus::open;
  ForecastCategory category = ForecastCategory::pipeline;
  std::int8_t reached = -1;  // highest not-lost stage index its history holds; -1 for none
  bool alive = false;
  std::int32_t first_step = 0;  // its stage history: steps_[first_step, first_step + steps)
  std::int32_t steps = 0;
};

// One step of an opportunity's stage history: when it entered which stage (the stage's index
// among its pipeline's stages that are not lost; -1 for a lost stage or another pipeline's).
struct HistoryStep {
  std::int64_t at_ms = 0;
  std::int8_t index = -1;
};

enum class ActivityType : std::uint8_t { visit, call, email, meeting, other };

// 12 bytes: ten million activities fit in 120 MB. The user is a 16-bit slot: an org of more
// than 65,535 people is refused when the index loads.
struct ActivityFact {
  Slot customer = kNone;
  Day day = kNoDay;
  std::uint16_t user = 0;
  std::uint8_t type : 3 = 0;          // ActivityType
  std::uint8_t satisfaction : 3 = 0;  // 1–5 on a scored revisit, else 0
  std::uint8_t alive : 1 = 0;

  ActivityType kind() const { return static_cast<ActivityType>(type); }
};
static_assert(sizeof(ActivityFact) == 12);

struct CostFact {
  Day day = kNoDay;
  std::uint8_t scope_type = 0;  // 0 org, 1 region, 2 team, 3 user
  std::int64_t scope_id = 0;
  std::int64_t amount = 0;
  bool alive = false;
};

}  // namespace fupan::engine
