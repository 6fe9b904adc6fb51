#include "service/reports/report_reminders.h"

#include <map>
#include <set>

#include "core/json_writer.h"
#include "domain/reports/reminder_schedule.h"
#include "service/platform/org_directory.h"
#include "service/reports/report_templates.h"
#include "service/reports/team_week.h"
#include "store/notification_store.h"
#include "store/org_store.h"
#include "store/report_store.h"
#include "store/todo_store.h"

namespace fupan::service {
namespace {

using reports::ReminderStage;

std::string local_time_text(Instant t, const date::time_zone* zone) {
  const LocalDate d = local_date(t, zone);
  const auto since = t - std::chrono::time_point_cast<std::chrono::milliseconds>(start_of(d, zone));
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(since).count();
  const auto ymd = d.ymd();
  return std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日 " +
         reports::format_time_of_day(static_cast<int>(minutes));
}

std::string names_of(const OrgSnapshot& org, const std::vector<UserId>& people) {
  std::string out;
  for (UserId u : people) {
    if (!out.empty()) out += "、";
    out += org.user(u)->display_name;
  }
  return out;
}

// Who reminds a person in the app: the leader of a team they are in, else an admin.
std::optional<UserId> reminder_sender(const OrgSnapshot& org, UserId person, LocalDate day) {
  for (const MembershipRecord* m : org.memberships_of(person, day)) {
    for (const MembershipRecord* other : org.members_of(m->team_id, day)) {
      if (other->role == TeamRole::leader && other->user_id != person) return other->user_id;
    }
  }
  for (const UserRecord& u : org.users()) {
    if (u.active && u.roles.has(Role::admin) && u.id != person) return u.id;
  }
  return std::nullopt;
}

}  // namespace

ReminderRun queue_report_reminders(const Context& ctx, OrgId org_id, Instant now) {
  ReminderRun run;
  auto conn = ctx.db.acquire();
  auto snapshot = read_org_snapshot(*conn, org_id);
  if (!snapshot) return run;
  const OrgSnapshot& org = *snapshot;
  const auto* zone = zone_of(org.org().timezone);
  const LocalDate today = local_date(now, zone);
  const auto form = team_template(*conn, org, std::nullopt, reports::ReportKind::week);
  const auto channels = store::list_channels(*conn, org_id);

  const Period this_week = reports::report_period_of(reports::ReportKind::week, today);
  for (const Period& week : {reports::report_period_of(reports::ReportKind::week,
                                                       this_week.start - std::chrono::days{1}),
                             this_week}) {
    const Instant deadline = reports::deadline_instant(week, form.deadline, zone);
    const auto stage = reports::due_stage(deadline, now);
    if (!stage) continue;
    const std::string stage_name(reports::reminder_stage_name(*stage));
    // Who has not handed in: expected in some team, no report submitted (a draft, a returned
    // one not yet handed in again, or none).
    std::map<std::int64_t, const reports::Report*> handed_in;
    const auto reports = store::list_reports(*conn, org_id, reports::ReportKind::week, week.start,
                                             week.start + std::chrono::days{1}, std::nullopt);
    for (const auto& r : reports) {
      if (r.status == reports::ReportStatus::submitted ||
          r.status == reports::ReportStatus::reviewed) {
        handed_in[r.user.value] = &r;
      }
    }
    std::vector<UserId> missing;
    std::map<std::int64_t, std::set<std::int64_t>> teams_of;  // person → every team above them
    std::set<std::int64_t> seen;
    for (const TeamRecord& root : org.teams()) {
      if (root.parent_id) continue;
      for (const auto& [user, team] : expected_reporters(org, root.id, week)) {
        if (handed_in.contains(user.value)) continue;
        if (seen.insert(user.value).second) missing.push_back(user);
        for (std::optional<TeamId> t = team; t; t = org.team(*t)->parent_id) {
          teams_of[user.value].insert(t->value);
        }
      }
    }
    if (missing.empty()) continue;

    const std::string due = local_time_text(deadline, zone);
    auto text_for = [&](const std::vector<UserId>& people) {
      return *stage == ReminderStage::before
                 ? "【周报提醒】" + week.label + " 周报将于 " + due + " 截止，以下同事尚未提交：" +
                       names_of(org, people) + "。请尽快在复盘中填写并提交。"
                 : "【周报逾期】" + week.label + " 周报已于 " + due + " 截止，以下同事仍未提交：" +
                       names_of(org, people) + "。";
    };
    auto data_for = [&](const std::vector<UserId>& people) {
      JsonWriter w;
      w.begin_object();
      w.field("kind", "week");
      w.field("period", week.label);
      w.field("stage", stage_name);
      w.field("deadline", format_rfc3339(deadline));
      w.key("users").begin_array();
      for (UserId u : people) {
        w.begin_object();
        w.field("id", u.value);
        w.field("name", org.user(u)->display_name);
        w.end_object();
      }
      w.end_array();
      w.end_object();
      return std::move(w).str();
    };

    store::Transaction tx(*conn, true);
    // One round at a time per org (a server and `fupan remind`): the in-app reminders below are
    // found before they are added.
    store::lock_org(*conn, org_id);
    const std::string key = "report:" + week.label + ":" + stage_name;
    for (const auto& ch : channels) {
      if (!ch.active) continue;
      if (notifications::is_group(ch.kind)) {
        std::vector<UserId> people;
        for (UserId u : missing) {
          if (!ch.team || teams_of[u.value].contains(ch.team->value)) people.push_back(u);
        }
        if (people.empty()) continue;
        notifications::Message m;
        m.event = "report.reminder";
        m.subject = *stage == ReminderStage::before ? "周报提醒" : "周报逾期";
        m.text = text_for(people);
        for (UserId u : people) {
          if (const auto& phone = org.user(u)->phone; !phone.empty()) m.mobiles.push_back(phone);
        }
        m.data_json = data_for(people);
        run.queued += store::enqueue_notification(*conn, org_id, ch.id, key, m, now);
      } else {
        for (UserId u : missing) {
          const UserRecord* user = org.user(u);
          if (user->email.empty()) continue;
          if (ch.team && !teams_of[u.value].contains(ch.team->value)) continue;
          notifications::Message m;
          m.event = "report.reminder";
          m.subject = (*stage == ReminderStage::before ? "周报提醒：" : "周报逾期：") + week.label +
                      " 周报 " + due + " 截止";
          m.text = user->display_name + "，您好：\n\n" + text_for({u}) + "\n\n—— 复盘 Fupan";
          m.recipient = user->email;
          m.data_json = data_for({u});
          run.queued += store::enqueue_notification(
              *conn, org_id, ch.id, key + ":user:" + std::to_string(u.value), m, now);
        }
      }
    }
    // In the app: one reminder per person and stage, found again by its note.
    const std::string note = week.label + " " + stage_name;
    const auto already = store::reminders_with_note(*conn, org_id, "report", note);
    for (UserId u : missing) {
      if (already.contains(u.value)) continue;
      const auto from = reminder_sender(org, u, today);
      if (!from) continue;
      store::ReminderRecord rec;
      rec.from = *from;
      rec.to = u;
      rec.kind = "report";
      rec.note = note;
      rec.created_at = now;
      store::insert_reminder(*conn, org_id, rec);
      ++run.people;
    }
    tx.commit();
  }
  return run;
}

}  // namespace fupan::service
