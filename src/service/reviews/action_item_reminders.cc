#include "service/reviews/action_item_reminders.h"

#include <map>
#include <set>

#include "core/json_writer.h"
#include "domain/notifications/channel.h"
#include "domain/notifications/outgoing.h"
#include "service/platform/org_directory.h"
#include "store/notification_store.h"
#include "store/org_store.h"
#include "store/report_store.h"
#include "store/review_store.h"
#include "store/todo_store.h"

namespace fupan::service {
namespace {

struct Overdue {
  reviews::ActionItem item;
  std::string review_title;
  UserId review_owner;
};

std::string line_of(const OrgSnapshot& org, const Overdue& o) {
  const UserRecord* u = org.user(o.item.owner);
  return "· " + (u ? u->display_name : std::string()) + "：" + o.item.title + "（" +
         format_date(o.item.due) + " 到期，来自复盘「" + o.review_title + "」）";
}

std::string data_of(const OrgSnapshot& org, const std::vector<const Overdue*>& items) {
  JsonWriter w;
  w.begin_object();
  w.key("items").begin_array();
  for (const Overdue* o : items) {
    const UserRecord* u = org.user(o->item.owner);
    w.begin_object();
    w.field("id", o->item.id);
    w.field("title", o->item.title);
    w.field("owner_id", o->item.owner.value);
    w.field("owner", u ? u->display_name : "");
    w.field("due_date", format_date(o->item.due));
    w.field("review_id", o->item.review_id);
    w.field("review_title", o->review_title);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).str();
}

// Whether `user` is in `team` or a team below it today.
bool in_team(const OrgSnapshot& org, UserId user, TeamId team, LocalDate today) {
  for (const MembershipRecord* m : org.memberships_of(user, today)) {
    if (org.is_within(m->team_id, team)) return true;
  }
  return false;
}

}  // namespace

ActionItemReminderRun queue_action_item_reminders(const Context& ctx, OrgId org_id, Instant now) {
  ActionItemReminderRun run;
  auto conn = ctx.db.acquire();
  auto snapshot = read_org_snapshot(*conn, org_id);
  if (!snapshot) return run;
  const OrgSnapshot& org = *snapshot;
  const LocalDate today = local_date(now, zone_of(org.org().timezone));
  // Most rounds find nothing overdue: no write transaction for them.
  if (store::list_overdue_action_items(*conn, org_id, today).empty()) return run;
  const auto channels = store::list_channels(*conn, org_id);

  store::Transaction tx(*conn, true);
  // One round at a time per org, reading the items under the lock: an item done meanwhile, or
  // reminded by another round, is not reminded again.
  store::lock_org(*conn, org_id);
  const auto reminded = store::reminded_action_items(*conn, org_id);
  std::vector<reviews::ActionItem> due;
  for (auto& a : store::list_overdue_action_items(*conn, org_id, today)) {
    const UserRecord* owner = org.user(a.owner);
    if (!reminded.contains(a.id) && owner && owner->active) due.push_back(std::move(a));
  }
  if (due.empty()) return run;
  std::vector<std::int64_t> ids;
  for (const auto& a : due) ids.push_back(a.review_id);
  const auto titles = store::review_titles(*conn, org_id, ids);
  std::map<std::int64_t, UserId> owners;  // review → its owner
  for (const auto& r : store::list_reviews(*conn, org_id)) owners[r.id] = r.owner;
  std::vector<Overdue> fresh;
  for (auto& a : due) {
    auto t = titles.find(a.review_id);
    fresh.push_back({a, t == titles.end() ? "" : t->second.first, owners[a.review_id]});
  }
  for (const Overdue& o : fresh) {
    store::ReminderRecord rec;
    rec.from = o.review_owner == o.item.owner ? o.item.created_by : o.review_owner;
    rec.to = o.item.owner;
    rec.kind = "action_item";
    rec.record = o.item.id;
    rec.note = "action:" + std::to_string(o.item.id);
    rec.created_at = now;
    store::insert_reminder(*conn, org_id, rec);
    ++run.people;
  }
  for (const auto& ch : channels) {
    if (!ch.active) continue;
    std::vector<const Overdue*> mine;
    for (const Overdue& o : fresh) {
      if (!ch.team || in_team(org, o.item.owner, *ch.team, today)) mine.push_back(&o);
    }
    if (mine.empty()) continue;
    if (notifications::is_group(ch.kind)) {
      notifications::Message m;
      m.event = "action_item.overdue";
      m.subject = "行动项逾期";
      m.text = "【行动项逾期】以下复盘行动项已过截止日期仍未完成：";
      std::set<std::string> mobiles;
      std::string ids;
      for (const Overdue* o : mine) {
        m.text += "\n" + line_of(org, *o);
        const UserRecord* u = org.user(o->item.owner);
        if (u && !u->phone.empty() && mobiles.insert(u->phone).second) {
          m.mobiles.push_back(u->phone);
        }
        ids += (ids.empty() ? "" : ",") + std::to_string(o->item.id);
      }
      m.data_json = data_of(org, mine);
      run.queued +=
          store::enqueue_notification(*conn, org_id, ch.id, "action:overdue:" + ids, m, now);
    } else {
      for (const Overdue* o : mine) {
        const UserRecord* user = org.user(o->item.owner);
        if (!user || user->email.empty()) continue;
        notifications::Message m;
        m.event = "action_item.overdue";
        m.subject = "行动项逾期：" + o->item.title;
        m.text = user->display_name +
                 "，您好：\n\n您负责的复盘行动项已过截止日期，请尽快完成并在复盘中标记：\n" +
                 line_of(org, *o) + "\n\n—— 复盘 Fupan";
        m.recipient = user->email;
        m.data_json = data_of(org, {o});
        run.queued += store::enqueue_notification(
            *conn, org_id, ch.id, "action:" + std::to_string(o->item.id) + ":overdue", m, now);
      }
    }
  }
  tx.commit();
  return run;
}

}  // namespace fupan::service
