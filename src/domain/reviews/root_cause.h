// Why a deal was won or lost (SPEC §5 复盘): the org's list of root causes, which its admin keeps.
// Six built-in causes stand in every org until the admin switches one off or renames it; the
// admin adds the org's own. Pure.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace fupan::reviews {

struct RootCause {
  std::string key;   // a built-in's name (price …) or "c<id>" for the org's own
  std::string name;  // as people read it, 1–20 characters
  bool builtin = false;
  bool active = true;
  int position = 0;
  std::int64_t version = 1;  // each change by the admin adds one (a built-in never changed: 1)
  friend bool operator==(const RootCause&, const RootCause&) = default;
};

// price 价格, product_fit 产品匹配, relationship 客户关系, timing 时机, competitor 竞争对手,
// execution 执行, in that order.
const std::vector<RootCause>& builtin_root_causes();

// The org's list: the built-ins as `stored` changes them (a stored row with a built-in's key
// renames, reorders or switches it off), then the org's own, by position then key.
std::vector<RootCause> root_causes(const std::vector<RootCause>& stored);

// Ok for a name of 1–20 characters.
Status check_root_cause_name(const std::string& name);

}  // namespace fupan::reviews
