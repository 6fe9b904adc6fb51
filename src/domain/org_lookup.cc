#include "domain/org_lookup.h"

#include <charconv>
#include <optional>

namespace fupan {
namespace {

std::optional<std::int64_t> as_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// The one record of `records` that `matches`; ambiguous when several do.
template <class Record, class Match>
Found<Record> only(const std::vector<Record>& records, Match&& matches) {
  Found<Record> out;
  for (const Record& r : records) {
    if (!matches(r)) continue;
    if (out.record) return {nullptr, true};
    out.record = &r;
  }
  return out;
}

}  // namespace

Found<RegionRecord> find_region(const OrgSnapshot& org, std::string_view text) {
  if (text.empty()) return {};
  if (auto id = as_id(text)) {
    if (const RegionRecord* r = org.region(RegionId{*id})) return {r, false};
  }
  return only(org.regions(), [&](const RegionRecord& r) {
    return r.name == text || (!r.code.empty() && r.code == text);
  });
}

Found<TeamRecord> find_team(const OrgSnapshot& org, std::string_view text) {
  if (text.empty()) return {};
  if (auto id = as_id(text)) {
    if (const TeamRecord* t = org.team(TeamId{*id})) return {t, false};
  }
  return only(org.teams(), [&](const TeamRecord& t) { return t.name == text; });
}

Found<UserRecord> find_user(const OrgSnapshot& org, std::string_view text) {
  if (text.empty()) return {};
  for (const UserRecord& u : org.users()) {
    if (u.username == text) return {&u, false};
  }
  return only(org.users(), [&](const UserRecord& u) { return u.display_name == text; });
}

}  // namespace fupan
