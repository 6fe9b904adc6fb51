#include "service/reports/report_reminders.h"

#include <map>
#include <set>

#include "core/json_writer.h"
#include "domain/reports/reminder_schedule.h"
#include "service/platform/org_directory.h"
#include "service/reports/report_templates.h"
#include "service/reports/team_week.h"
#include "store/metric_settings_store.h"
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
  const TemplateBook book(*conn, org);
  const auto holidays = store::read_metric_settings(*conn, org_id).holidays;
  const auto channels = store::list_channels(*conn, org_id);

  for (const auto kind : book.kinds_in_use()) {
    for (const Period& period : reports::periods_to_remind(kind, book.deadlines(kind), today)) {
      if (!reports::has_report(kind, period, holidays)) continue;
      const std::string_view kind_zh = reports::report_kind_zh(kind);
      const LocalDate last_day = period.end - std::chrono::days{1};
      // Who has not handed in: expected in some team, no report submitted (a draft, a returned
      // one not yet handed in again, or none). Grouped by their deadline: a team's template may
      // set its own.
      std::set<std::int64_t> handed_in;
      for (const auto& r : store::list_reports(*conn, org_id, kind, period.start,
                                               period.start + std::chrono::days{1}, std::nullopt)) {
        if (r.status == reports::ReportStatus::submitted ||
            r.status == reports::ReportStatus::reviewed) {
          handed_in.insert(r.user.value);
        }
      }
      std::map<Instant, std::vector<UserId>> missing_by_deadline;
      std::map<std::int64_t, std::set<std::int64_t>> teams_of;  // person → every team above them
      std::set<std::int64_t> seen;
      for (const TeamRecord& root : org.teams()) {
        if (root.parent_id) continue;
        for (const auto& [user, team] : expected_reporters(org, root.id, period)) {
          if (handed_in.contains(user.value)) continue;
          for (std::optional<TeamId> t = team; t; t = org.team(*t)->parent_id) {
            teams_of[user.value].insert(t->value);
          }
          if (!seen.insert(user.value).second || !book.expects(user, kind, last_day)) continue;
          const Instant deadline =
              reports::deadline_instant(period, book.for_user(user, kind, last_day).deadline, zone);
          if (reports::due_stage(deadline, now)) missing_by_deadline[deadline].push_back(user);
        }
      }
      for (const auto& [deadline, missing] : missing_by_deadline) {
        const auto stage = *reports::due_stage(deadline, now);
        const std::string stage_name(reports::reminder_stage_name(stage));
        const std::string due = local_time_text(deadline, zone);
        auto text_for = [&](const std::vector<UserId>& people) {
          const std::string what = period.label + " " + std::string(kind_zh);
          return stage == ReminderStage::before
                     ? "【" + std::string(kind_zh) + "提醒】" + what + "将于 " + due +
                           " 截止，以下同事尚未提交：" + names_of(org, people) +
                           "。请尽快在复盘中填写并提交。"
                     : "【" + std::string(kind_zh) + "逾期】" + what + "已于 " + due +
                           " 截止，以下同事仍未提交：" + names_of(org, people) + "。";
        };
        auto data_for = [&](const std::vector<UserId>& people) {
          JsonWriter w;
          w.begin_object();
          w.field("kind", reports::report_kind_name(kind));
          w.field("period", period.label);
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
        // One round at a time per org (a server and `fupan remind`): the in-app reminders below
        // are found before they are added.
        store::lock_org(*conn, org_id);
        // Unique per period, stage and deadline: a channel gets each message once.
        const std::string key =
            "report:" + period.label + ":" + stage_name + ":" + format_rfc3339(deadline);
        const std::string subject =
            std::string(kind_zh) + (stage == ReminderStage::before ? "提醒" : "逾期");
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
            m.subject = subject;
            m.text = text_for(people);
            for (UserId u : people) {
              if (const auto& phone = org.user(u)->phone; !phone.empty()) {
                m.mobiles.push_back(phone);
              }
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
              m.subject =
                  subject + "：" + period.label + " " + std::string(kind_zh) + " " + due + " 截止";
              m.text = user->display_name + "，您好：\n\n" + text_for({u}) + "\n\n—— 复盘 Fupan";
              m.recipient = user->email;
              m.data_json = data_for({u});
              run.queued += store::enqueue_notification(
                  *conn, org_id, ch.id, key + ":user:" + std::to_string(u.value), m, now);
            }
          }
        }
        // In the app: one reminder per person and stage, found again by its note.
        const std::string note = period.label + " " + stage_name;
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
    }
  }
  return run;
}

}  // namespace fupan::service
