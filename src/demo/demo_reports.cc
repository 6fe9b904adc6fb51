#include "demo/demo_reports.h"

#include <array>

#include "demo/demo_audit.h"
#include "demo/demo_team.h"
#include "domain/reports/report.h"
#include "service/platform/org_directory.h"
#include "service/reports/data_block.h"
#include "service/reports/team_week.h"
#include "store/report_store.h"

namespace fupan::demo {
namespace {

using reports::Report;
using reports::ReportStatus;

constexpr int kWeeks = 12;

constexpr std::array kSummaries = {
    "本周重点跟进了三家老客户的续约，其中一家已口头确认，下周走合同流程。新拜访两家制造业客户，需求"
    "明确。",
    "完成本周拜访计划，华东区两个项目进入方案阶段。一个项目因预算冻结暂缓，已约好下月再沟通。",
    "本周以电话和线上会议为主，梳理了重点客户名单，更新了商机阶段；回款方面催收了两笔逾期款项。",
    "新签一单，客户对交付周期比较满意。另有一个项目在比价阶段，竞争对手报价更低，正在准备差异化方案"
    "。",
};
constexpr std::array kWins = {
    "拿下了跟进两个月的客户，客户主动推荐了同行。",
    "方案演示效果好，客户技术负责人认可我们的实施能力。",
    "逾期三个月的回款本周到账。",
    "",
};
constexpr std::array kProblems = {
    "一个项目的客户采购流程拉长，可能推迟到下个月签约。",
    "竞争对手降价明显，价格压力大。",
    "部分客户联系人变动，需要重新建立关系。",
    "",
};
constexpr std::array kPlans = {
    "推进两个方案阶段的项目进入谈判；拜访 5 家新客户；跟进逾期回款。",
    "完成合同审批；准备季度客户回访；整理竞品对比资料。",
    "重点攻关比价项目，争取技术评分优势；约见两家潜在大客户。",
    "落实回款计划，更新所有商机的预计成交日期。",
};
constexpr std::array kReviews = {
    "数据翔实，计划清楚，继续保持。",
    "比价项目要尽早让技术同事参与，突出差异化。",
    "回款跟进得好，注意商机阶段要及时更新。",
    "本周拜访量偏少，下周要补上。",
};

// A number in [0, n) that is the same for the same person and week on every run.
int pick(std::int64_t user, int week, int salt, int n) {
  std::uint64_t x = static_cast<std::uint64_t>(user) * 0x9E3779B97F4A7C15ull ^
                    static_cast<std::uint64_t>(week * 131 + salt) * 0xC2B2AE3D27D4EB4Full;
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  return static_cast<int>(x % static_cast<std::uint64_t>(n));
}

struct Planned {
  Report report;
  std::vector<store::ReportVersion> versions;
  std::optional<store::ReportComment> comment;
  bool read = false;
};

}  // namespace

void add_demo_reports(const service::Context& ctx, OrgId org, Instant now) {
  const auto demo = demo_team(ctx, org);
  if (!demo) return;
  const OrgSnapshot& snap = *demo->snapshot;
  const UserRecord* manager = demo->manager;
  const UserRecord* rep = demo->rep;
  const service::Actor& actor = demo->actor;
  const std::optional<TeamId> team = demo->team;
  const auto* zone = zone_of(snap.org().timezone);
  const reports::ReportTemplate form = reports::default_template(reports::ReportKind::week);
  const Period this_week = reports::report_period_of(reports::ReportKind::week, actor.today);

  std::vector<Planned> plans;
  for (int k = kWeeks; k >= 0; --k) {
    const Period week = reports::report_period_of(reports::ReportKind::week,
                                                  this_week.start - std::chrono::days{7 * k});
    const Instant deadline = reports::deadline_instant(week, form.deadline, zone);
    int handed_in_this_week = 0;
    for (const auto& [user, in_team] : service::expected_reporters(snap, *team, week)) {
      const bool is_rep = user == rep->id;
      // What happened: the demo rep is mostly on time (late once, returned once); the others
      // miss one week in ten and are late one in six; this week two teammates have handed in.
      const int roll = pick(user.value, k, 1, 20);
      bool late = is_rep ? k == 5 : (roll >= 2 && roll <= 4);
      const bool missing = is_rep ? false : roll < 2;
      const bool returned_once = is_rep ? k == 9 : roll == 5;
      if (k == 0) {
        if (is_rep || handed_in_this_week >= 2 ||
            now < start_of(week.start, zone) + std::chrono::hours{26})
          continue;
        ++handed_in_this_week;
        late = false;
      } else if (missing) {
        continue;
      }
      Planned p;
      Report& r = p.report;
      r.user = user;
      r.kind = reports::ReportKind::week;
      r.period = week.label;
      r.start = week.start;
      r.end = week.end;
      r.template_version = 0;
      r.deadline = deadline;
      const int variant = pick(user.value, k, 2, 4);
      r.content.texts = {{"summary", kSummaries[variant]},
                         {"wins", kWins[(variant + 1) % 4]},
                         {"problems", kProblems[(variant + 2) % 4]},
                         {"help", k % 4 == 1 ? "希望安排售前同事支持下周的方案演示。" : ""},
                         {"plan", kPlans[(variant + 3) % 4]}};
      r.content.next_goals = {{"visits", 8 + pick(user.value, k, 3, 6)}};
      // Handed in on Friday afternoon, or a day or two after the deadline when late.
      Instant submitted = late ? deadline + std::chrono::hours{18 + pick(user.value, k, 4, 30)}
                               : deadline - std::chrono::hours{1 + pick(user.value, k, 5, 5)};
      if (k == 0)
        submitted = std::min(now - std::chrono::hours{1}, deadline - std::chrono::hours{1});
      const LocalDate as_of = local_date(submitted, zone);
      const std::string data = service::data_block_json(service::assemble_data_block(
          ctx, actor, {ScopeRef::Kind::user, user.value}, week, as_of));
      r.created_at = submitted - std::chrono::hours{3};
      reports::mark_submitted(r, submitted, data);
      p.versions.push_back({1, r.content, data, submitted, *r.late});
      if (returned_once && k >= 2) {
        // Returned for more detail, and handed in again the next morning.
        const Instant again = submitted + std::chrono::hours{18};
        r.content.texts["summary"] +=
            "\n补充：续约客户为年度框架合同，金额约 30 万元，预计下月初签署。";
        reports::mark_submitted(r, again, data);
        p.versions.push_back({2, r.content, data, again, reports::is_late(again, deadline)});
        p.comment = store::ReportComment{0,           0,
                                         manager->id, "请补充续约客户的合同金额和签约时间。",
                                         {},          submitted + std::chrono::hours{2}};
      }
      if (returned_once && k == 1) {
        r.status = ReportStatus::returned;  // waiting for its author to hand it in again
        r.return_reason = "请补充比价项目的竞品报价和我们的应对方案。";
        p.read = true;
      } else if (k >= 2 || (k == 1 && pick(user.value, k, 6, 3) == 0)) {
        r.status = ReportStatus::reviewed;
        r.rating = 3 + pick(user.value, k, 7, 3);
        r.review_comment = kReviews[pick(user.value, k, 8, 4)];
        r.reviewed_by = manager->id;
        r.reviewed_at = std::min(*r.submitted_at + std::chrono::hours{30}, now);
        p.read = true;
      }
      r.updated_at = r.reviewed_at.value_or(submitted);
      r.version = 1 + static_cast<std::int64_t>(p.versions.size()) +
                  (r.status == ReportStatus::submitted ? 0 : 1);
      plans.push_back(std::move(p));
    }
  }
  if (plans.empty()) return;

  auto conn = ctx.db.acquire();
  store::Transaction tx(*conn, true);
  for (Planned& p : plans) {
    p.report.id = store::insert_report(*conn, org, p.report);
    // insert_report writes what a draft has; the rest of the lifecycle is an update.
    store::update_report(*conn, org, p.report, p.report.version);
    for (const auto& v : p.versions) store::insert_report_version(*conn, org, p.report.id, v);
    if (p.comment) {
      p.comment->report = p.report.id;
      store::insert_report_comment(*conn, org, *p.comment);
    }
    if (p.read) {
      store::record_report_read(*conn, org, p.report.id, manager->id,
                                std::min(*p.report.submitted_at + std::chrono::hours{26}, now));
    }
  }
  audit_demo_step(*conn, org, "demo_reports", now);
  tx.commit();
}

}  // namespace fupan::demo
