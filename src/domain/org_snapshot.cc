#include "domain/org_snapshot.h"

#include <algorithm>
#include <unordered_set>

namespace fupan {
namespace {

template <class Id, class Rec>
void index_by_id(const std::vector<Rec>& records, std::unordered_map<Id, std::size_t>& index) {
  index.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) index.emplace(records[i].id, i);
}

template <class Id, class Rec>
const Rec* find(const std::vector<Rec>& records, const std::unordered_map<Id, std::size_t>& index,
                Id id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &records[it->second];
}

}  // namespace

OrgSnapshot::OrgSnapshot(OrgRecord org, std::vector<RegionRecord> regions,
                         std::vector<TeamRecord> teams, std::vector<UserRecord> users,
                         std::vector<MembershipRecord> memberships)
    : org_(std::move(org)),
      regions_(std::move(regions)),
      teams_(std::move(teams)),
      users_(std::move(users)),
      memberships_(std::move(memberships)) {
  auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(regions_.begin(), regions_.end(), by_id);
  std::sort(teams_.begin(), teams_.end(), by_id);
  std::sort(users_.begin(), users_.end(), by_id);
  std::sort(memberships_.begin(), memberships_.end(), by_id);
  index_by_id(regions_, region_index_);
  index_by_id(teams_, team_index_);
  index_by_id(users_, user_index_);
  index_by_id(memberships_, membership_index_);
  for (const TeamRecord& t : teams_) {
    if (t.parent_id) children_[*t.parent_id].push_back(t.id);
  }
  for (std::size_t i = 0; i < memberships_.size(); ++i) {
    memberships_by_user_[memberships_[i].user_id].push_back(i);
    memberships_by_team_[memberships_[i].team_id].push_back(i);
  }
}

const RegionRecord* OrgSnapshot::region(RegionId id) const {
  return find(regions_, region_index_, id);
}
const TeamRecord* OrgSnapshot::team(TeamId id) const {
  return find(teams_, team_index_, id);
}
const UserRecord* OrgSnapshot::user(UserId id) const {
  return find(users_, user_index_, id);
}
const MembershipRecord* OrgSnapshot::membership(MembershipId id) const {
  return find(memberships_, membership_index_, id);
}

std::vector<TeamId> OrgSnapshot::subtree(TeamId root) const {
  std::vector<TeamId> out;
  if (!team(root)) return out;
  // The writes keep the tree free of cycles; should one slip into the store, stop rather than loop.
  std::unordered_set<TeamId> seen{root};
  out.push_back(root);
  for (std::size_t i = 0; i < out.size(); ++i) {  // breadth-first
    auto it = children_.find(out[i]);
    if (it == children_.end()) continue;
    for (TeamId child : it->second) {
      if (seen.insert(child).second) out.push_back(child);
    }
  }
  return out;
}

bool OrgSnapshot::is_within(TeamId t, TeamId ancestor) const {
  std::size_t steps = 0;  // at most one per team, even if a cycle slipped into the store
  for (const TeamRecord* cur = team(t); cur != nullptr && steps <= teams_.size();
       cur = cur->parent_id ? team(*cur->parent_id) : nullptr, ++steps) {
    if (cur->id == ancestor) return true;
  }
  return false;
}

std::vector<const MembershipRecord*> OrgSnapshot::memberships_of(UserId u, LocalDate day) const {
  std::vector<const MembershipRecord*> out;
  auto it = memberships_by_user_.find(u);
  if (it == memberships_by_user_.end()) return out;
  for (std::size_t i : it->second) {
    if (memberships_[i].holds_on(day)) out.push_back(&memberships_[i]);
  }
  return out;
}

std::vector<const MembershipRecord*> OrgSnapshot::memberships_of_team(TeamId t) const {
  std::vector<const MembershipRecord*> out;
  auto it = memberships_by_team_.find(t);
  if (it == memberships_by_team_.end()) return out;
  for (std::size_t i : it->second) out.push_back(&memberships_[i]);
  return out;
}

std::vector<const MembershipRecord*> OrgSnapshot::members_of(TeamId t, LocalDate day) const {
  std::vector<const MembershipRecord*> out;
  auto it = memberships_by_team_.find(t);
  if (it == memberships_by_team_.end()) return out;
  for (std::size_t i : it->second) {
    if (memberships_[i].holds_on(day)) out.push_back(&memberships_[i]);
  }
  return out;
}

}  // namespace fupan
