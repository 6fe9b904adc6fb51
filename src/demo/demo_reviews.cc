#include "demo/demo_reviews.h"

#include <array>

#include "demo/demo_audit.h"
#include "demo/demo_team.h"
#include "domain/reviews/review.h"
#include "domain/scope_people.h"
#include "service/platform/org_directory.h"
#include "service/reviews/fact_pack.h"
#include "service/reviews/review_cases.h"
#include "store/review_store.h"

namespace fupan::demo {
namespace {

using reviews::ActionItem;
using reviews::Card;
using reviews::CardTone;
using reviews::ReviewCase;

struct CardText {
  const char* section;
  CardTone tone;
  const char* text;
  const char* why;
};

// What the team said, a quarter each (the earlier first).
constexpr std::array<std::array<CardText, 4>, 2> kCards = {{
    {{{"trend", CardTone::went_well, "老客户复购带动销售额环比增长",
       "季初做了重点客户回访，续约提前锁定"},
      {"funnel", CardTone::went_wrong, "方案阶段到谈判阶段转化偏低",
       "方案模板老旧，报价响应慢，平均要 5 天"},
      {"wins_losses", CardTone::went_wrong, "两个项目输给低价竞争对手", "价值没讲透，客户只比价格"},
      {"general", CardTone::lesson, "报价要快，技术交流要早",
       "比价项目中先做技术交流的我们都赢了"}}},
    {{{"funnel", CardTone::went_well, "方案到谈判的转化明显提升",
       "新方案模板上线，报价 2 天内给到客户"},
      {"efficiency", CardTone::went_wrong, "拜访量分布不均，两位同事拜访偏少",
       "精力集中在少数大项目上"},
      {"customers", CardTone::went_well, "新成交客户数创新高", "行业沙龙带来了一批线索"},
      {"general", CardTone::lesson, "大项目要提前摸清决策链",
       "本季输掉的大单都是最后才发现真正的决策人"}}},
}};

// The action items of each quarter: title, metric, days after the quarter's end it is due,
// whether it was done (and how many days before its due date).
struct ItemPlan {
  const char* title;
  const char* metric;
  int due_after_end;
  bool done;
  int done_before_due;
  const char* note;
};
constexpr std::array<std::array<ItemPlan, 3>, 2> kItems = {{
    {{{"更新方案模板，报价 2 天内发出", "win_rate", 30, true, 5, "新模板已上线，报价平均 1.5 天"},
      {"比价项目先做技术交流", "win_rate", 45, true, 10, "三个比价项目都先做了技术交流"},
      {"每周拜访 3 家重点客户", "visits", 60, true, 2, "季度内拜访重点客户 38 家"}}},
    {{{"大项目立项时画出决策链", "win_rate", 20, true, 3, "重点项目都补了决策链图"},
      {"拜访偏少的同事每周补足 8 次拜访", "visits", 25, false, 0, ""},
      {"举办一场行业客户沙龙", "new_buyers", 75, false, 0, ""}}},
}};

// The deals of `people` closed with `status` in [from, to), largest first.
std::vector<std::int64_t> largest(store::Connection& c, OrgId org,
                                  const std::vector<std::int64_t>& people, const char* status,
                                  Instant from, Instant to, int n) {
  std::vector<store::Value> params{org.value, std::string(status), to_ms(from), to_ms(to)};
  for (auto id : people) params.emplace_back(id);
  auto rows = c.query(
      "SELECT id FROM opportunities WHERE org_id = ? AND status = ? AND closed_at >= ? AND "
      "closed_at < ? AND owner_id IN (" +
          store::placeholders(people.size()) + ") ORDER BY amount DESC, id LIMIT " +
          std::to_string(n),
      params);
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.i64(i, 0));
  return out;
}

}  // namespace

void add_demo_reviews(const service::Context& ctx, OrgId org, Instant now) {
  const auto demo = demo_team(ctx, org);
  if (!demo) return;
  const OrgSnapshot& snap = *demo->snapshot;
  const UserRecord* manager = demo->manager;
  const UserRecord* rep = demo->rep;
  const service::Actor& actor = demo->actor;
  const std::optional<TeamId> team = demo->team;
  const auto* zone = zone_of(snap.org().timezone);
  const ScopeRef scope{ScopeRef::Kind::team, team->value};
  const Period this_quarter = period_containing(PeriodKind::quarter, actor.today);
  const Period last = previous_period(this_quarter);
  const Period earlier = previous_period(last);

  for (int q = 0; q < 2; ++q) {
    const Period& period = q == 0 ? earlier : last;
    const Instant end = start_of(period.end, zone);
    // The meeting on the quarter's fourth working morning or so, closed that afternoon.
    const Instant meeting = end + std::chrono::hours{24 * 3 + 2};
    const Instant closed = meeting + std::chrono::hours{4};
    if (closed > now) continue;
    const std::vector<std::int64_t> people = people_of(snap, scope, period);
    std::vector<UserId> members;
    for (auto id : people) {
      const UserRecord* u = snap.user(UserId{id});
      if (u && u->active && u->id != manager->id && u->roles.has(Role::rep))
        members.push_back(u->id);
    }
    if (members.empty()) continue;

    reviews::Review r;
    r.scope = scope;
    r.period = period;
    r.title = period.label + " " + snap.team(*team)->name + " 季度复盘";
    r.owner = manager->id;
    r.participants = members;
    r.status = reviews::ReviewStatus::closed;
    r.created_at = meeting - std::chrono::hours{24};
    r.started_at = meeting;
    r.closed_at = closed;
    r.updated_at = closed;
    r.version = 4;
    r.summary = q == 0
                    ? "本季度销售额完成较好，但方案阶段转化和比价项目是短板。下季度重点：报价提速、"
                      "技术交流前置、保证重点客户拜访。"
                    : "上季度的三项改进都已落实，方案到谈判的转化率回升。本季度暴露的问题是大项目"
                      "决策链摸不清、拜访分布不均，下季度逐项跟进。";
    {
      auto conn = ctx.db.acquire();
      store::Transaction tx(*conn, true);
      r.id = store::insert_review(*conn, org, r);
      tx.commit();
    }
    // The fact pack as the meeting froze it (read while the review exists, for its PDCA check;
    // with no lease held, as the pack takes its own).
    r.facts_json = service::assemble_fact_pack(ctx, actor, scope, period, r.id);

    auto conn = ctx.db.acquire();
    store::Transaction write(*conn, true);
    store::update_review(*conn, org, r, r.version);
    for (std::size_t i = 0; i < kCards[q].size(); ++i) {
      const CardText& t = kCards[q][i];
      Card c;
      c.review_id = r.id;
      c.author = i == 0 ? manager->id : members[i % members.size()];
      c.section = t.section;
      c.tone = t.tone;
      c.text = t.text;
      c.why = t.why;
      c.created_at = c.updated_at = meeting + std::chrono::minutes{10 * static_cast<int>(i + 1)};
      store::insert_card(*conn, org, c);
    }
    const std::array<const char*, 2> statuses = {"won", "lost"};
    for (const char* status : statuses) {
      const auto ids = largest(*conn, org, people, status, start_of(period.start, zone), end, 2);
      for (std::size_t i = 0; i < ids.size(); ++i) {
        auto deal = store::find_deal(*conn, org, ids[i]);
        if (!deal || !deal->closed_at) continue;
        const bool won = deal->status == "won";
        ReviewCase c = service::case_of_deal(*deal, r.id, zone);
        c.root_cause =
            won ? (i == 0 ? "relationship" : "product_fit") : (i == 0 ? "price" : "competitor");
        c.note = won ? (i == 0 ? "提前锁定决策人，三轮技术交流后客户主动推动立项。"
                               : "产品功能贴合客户的生产排程需求，试用两周后签约。")
                     : (i == 0 ? "最后一轮比价时对手降价 15%，我们没能讲清价值差异。"
                               : "竞争对手有同行业标杆案例，客户更信任对方。");
        c.tags = won ? std::vector<std::string>{"大客户", "续约"}
                     : std::vector<std::string>{"比价", "招投标"};
        c.added_by = manager->id;
        c.created_at = c.updated_at = meeting + std::chrono::minutes{60 + 5 * static_cast<int>(i)};
        store::insert_case(*conn, org, c);
      }
    }
    for (std::size_t i = 0; i < kItems[q].size(); ++i) {
      const ItemPlan& p = kItems[q][i];
      ActionItem a;
      a.review_id = r.id;
      a.owner = i == 0 ? manager->id : (i == 1 ? rep->id : members[(i + 1) % members.size()]);
      a.title = p.title;
      a.due = period.end + std::chrono::days{p.due_after_end};
      a.metric = p.metric;
      a.created_by = manager->id;
      a.created_at = a.updated_at = closed - std::chrono::minutes{30};
      const Instant done_at =
          start_of(a.due - std::chrono::days{p.done_before_due}, zone) + std::chrono::hours{17};
      if (p.done && done_at < now) {
        a.status = reviews::ActionStatus::done;
        a.done_note = p.note;
        a.done_at = done_at;
        a.updated_at = done_at;
        a.version = 2;
      }
      store::insert_action_item(*conn, org, a);
    }
    audit_demo_step(*conn, org, "demo_reviews", now);
    write.commit();
  }
}

}  // namespace fupan::demo
