#include "demo/demo_history.h"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "demo/demo_audit.h"
#include "domain/customer_tier.h"
#include "domain/entity_record.h"
#include "domain/field_values.h"
#include "domain/order_math.h"
#include "domain/pipeline.h"
#include "domain/receivable_aging.h"
#include "service/crm/customer_service.h"
#include "service/crm/pipeline_service.h"
#include "store/entity_store.h"
#include "store/pipeline_store.h"

namespace fupan::demo {
namespace {

using std::chrono::days;
using std::chrono::minutes;

// ---------------------------------------------------------------------------------------------
// Randomness: one seeded generator; the helpers avoid std distributions, whose results differ
// between standard libraries, so a seed gives the same history everywhere.

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : gen_(seed) {}

  // Returns an integer in [lo, hi].
  int between(int lo, int hi) {
    return lo + static_cast<int>(gen_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  // Returns a real in [0, 1).
  double unit() { return static_cast<double>(gen_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
  }
  // Returns an index drawn with the given weights.
  std::size_t weighted(std::span<const int> weights) {
    int total = std::accumulate(weights.begin(), weights.end(), 0);
    int r = between(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  // Returns a Poisson-distributed count (Knuth; the means here are small).
  int poisson(double mean) {
    const double limit = std::exp(-mean);
    int k = 0;
    for (double p = unit(); p > limit; p *= unit()) ++k;
    return k;
  }

 private:
  std::mt19937_64 gen_;
};

// ---------------------------------------------------------------------------------------------
// Word lists.

struct City {
  const char* name;
  const char* area_code;
};
constexpr std::array<City, 5> kEastCities = {
    {{"上海", "021"}, {"杭州", "0571"}, {"苏州", "0512"}, {"南京", "025"}, {"宁波", "0574"}}};
constexpr std::array<City, 5> kSouthCities = {
    {{"广州", "020"}, {"深圳", "0755"}, {"东莞", "0769"}, {"佛山", "0757"}, {"厦门", "0592"}}};
constexpr std::array<City, 5> kNorthCities = {
    {{"北京", "010"}, {"天津", "022"}, {"石家庄", "0311"}, {"济南", "0531"}, {"青岛", "0532"}}};

struct Brand {
  const char* hanzi;
  const char* pinyin;
};
constexpr std::array<Brand, 48> kBrands = {{
    {"明远", "mingyuan"},  {"华信", "huaxin"},     {"恒通", "hengtong"},   {"瑞丰", "ruifeng"},
    {"鼎盛", "dingsheng"}, {"天润", "tianrun"},    {"新宇", "xinyu"},      {"博远", "boyuan"},
    {"嘉禾", "jiahe"},     {"金桥", "jinqiao"},    {"海纳", "haina"},      {"宏达", "hongda"},
    {"永泰", "yongtai"},   {"盛世", "shengshi"},   {"安达", "anda"},       {"远景", "yuanjing"},
    {"凯瑞", "kairui"},    {"众诚", "zhongcheng"}, {"汇通", "huitong"},    {"德润", "derun"},
    {"景行", "jingxing"},  {"启明", "qiming"},     {"卓越", "zhuoyue"},    {"华创", "huachuang"},
    {"九州", "jiuzhou"},   {"长风", "changfeng"},  {"青云", "qingyun"},    {"星辰", "xingchen"},
    {"锦程", "jincheng"},  {"信达", "xinda"},      {"百川", "baichuan"},   {"优品", "youpin"},
    {"睿智", "ruizhi"},    {"泰和", "taihe"},      {"联创", "lianchuang"}, {"鸿运", "hongyun"},
    {"聚力", "juli"},      {"云帆", "yunfan"},     {"和信", "hexin"},      {"中天", "zhongtian"},
    {"东升", "dongsheng"}, {"华邦", "huabang"},    {"宝丰", "baofeng"},    {"晨曦", "chenxi"},
    {"立信", "lixin"},     {"弘毅", "hongyi"},     {"思源", "siyuan"},     {"润泽", "runze"},
}};

struct Industry {
  const char* name;
  std::array<const char*, 4> words;  // what a company of the industry calls itself
  bool uses_hardware;                // buys terminals and badges
};
constexpr std::array<Industry, 8> kIndustries = {{
    {"制造", {"机械", "精密制造", "电子", "汽车零部件"}, true},
    {"零售", {"商贸", "百货", "连锁超市", "电子商务"}, true},
    {"金融", {"金融服务", "投资管理", "融资租赁", "保险代理"}, false},
    {"医疗", {"医疗器械", "医药", "健康科技", "生物科技"}, false},
    {"教育", {"教育科技", "教育咨询", "职业培训", "文化传播"}, false},
    {"互联网", {"科技", "网络科技", "信息技术", "数字科技"}, false},
    {"物流", {"物流", "供应链管理", "运输", "仓储服务"}, true},
    {"能源", {"新能源", "能源科技", "电力设备", "光伏科技"}, true},
}};
constexpr std::array<int, 8> kIndustryWeights = {20, 16, 10, 12, 8, 14, 12, 8};

struct Channel {
  const char* name;
  int weight;         // share of new customers
  double engage;      // chance that a lead becomes an opportunity
  double win_factor;  // effect on the win rate
  int monthly_cost;   // typical monthly cost per region, 元
};
constexpr std::array<Channel, 6> kChannels = {{
    {"展会", 16, 0.70, 1.00, 0},
    {"官网", 22, 0.60, 0.90, 8000},
    {"转介绍", 14, 0.85, 1.35, 5000},
    {"电话营销", 20, 0.50, 0.80, 30000},
    {"合作伙伴", 16, 0.75, 1.10, 20000},
    {"广告", 12, 0.55, 0.85, 35000},
}};

constexpr std::array<const char*, 30> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
    "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};
constexpr std::array<const char*, 30> kSurnamePinyin = {
    "wang",  "li",   "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu",
    "xu",    "sun",  "hu",    "zhu", "gao",  "lin",  "he",   "guo",   "ma",   "luo",
    "liang", "song", "zheng", "xie", "han",  "tang", "feng", "yu",    "dong", "xiao"};
struct Given {
  const char* hanzi;
  const char* pinyin;
};
constexpr std::array<Given, 24> kGiven = {{
    {"建国", "jianguo"}, {"志强", "zhiqiang"}, {"丽华", "lihua"},   {"晓明", "xiaoming"},
    {"海燕", "haiyan"},  {"国栋", "guodong"},  {"雪梅", "xuemei"},  {"文博", "wenbo"},
    {"子涵", "zihan"},   {"俊杰", "junjie"},   {"婷", "ting"},      {"磊", "lei"},
    {"静怡", "jingyi"},  {"浩然", "haoran"},   {"慧", "hui"},       {"鹏", "peng"},
    {"佳琪", "jiaqi"},   {"立新", "lixin"},    {"秀英", "xiuying"}, {"宇航", "yuhang"},
    {"红梅", "hongmei"}, {"振华", "zhenhua"},  {"思远", "siyuan"},  {"欣然", "xinran"},
}};
constexpr std::array<const char*, 10> kTitles = {"总经理",   "副总经理",   "采购经理", "采购主管",
                                                 "IT总监",   "信息部经理", "财务总监", "运营总监",
                                                 "销售总监", "行政经理"};
constexpr std::array<const char*, 10> kRoads = {"人民路", "中山路",   "解放路",   "建设路",
                                                "长江路", "科技园路", "工业大道", "滨江大道",
                                                "新华路", "和平路"};
constexpr std::array<const char*, 7> kTags = {"重点客户", "老客户",   "集团客户", "政府项目",
                                              "上市公司", "年度框架", "渠道客户"};
constexpr std::array<const char*, 5> kCompetitors = {"云图软件", "智客科技", "汇销通", "星河数智",
                                                     "易达CRM"};
constexpr std::array<const char*, 4> kLostReasons = {"价格", "竞品", "预算取消", "需求变化"};
constexpr std::array<int, 4> kLostReasonWeights = {35, 25, 20, 20};

struct ProductDef {
  const char* code;
  const char* name;
  const char* category;
  const char* unit;
  int list_price;  // 元
};
enum ProductIndex {
  kStandard,
  kProfessional,
  kFlagship,
  kAnalytics,
  kMobile,
  kBadge,
  kTerminal,
  kServer,
  kImplementation,
  kTraining,
  kSupport,
  kCustom
};
constexpr std::array<ProductDef, 12> kProducts = {{
    {"FP-CRM-STD", "销售云 标准版", "软件", "套/年", 29800},
    {"FP-CRM-PRO", "销售云 专业版", "软件", "套/年", 58000},
    {"FP-CRM-ULT", "销售云 旗舰版", "软件", "套/年", 128000},
    {"FP-BI", "数据分析模块", "软件", "套/年", 36000},
    {"FP-MOB", "移动办公增值包", "软件", "套/年", 12000},
    {"FP-HW-B2", "智能工牌 B2", "硬件", "台", 1200},
    {"FP-HW-P5", "门店终端 P5", "硬件", "台", 4800},
    {"FP-HW-E1", "边缘服务器 E1", "硬件", "台", 86000},
    {"FP-SV-IMP", "实施服务", "服务", "人天", 3000},
    {"FP-SV-TRN", "培训服务", "服务", "场", 8000},
    {"FP-SV-OPS", "年度运维服务", "服务", "年", 20000},
    {"FP-SV-DEV", "定制开发", "服务", "人天", 3500},
}};

// Activity wording by type: what happened and what comes next.
constexpr std::array<const char*, 6> kCallOutcomes = {"电话沟通需求，客户有初步意向",
                                                      "确认了预算范围和决策流程",
                                                      "客户暂时没有时间，约定下周再联系",
                                                      "跟进方案反馈，客户提出了几处修改意见",
                                                      "沟通了付款条款",
                                                      "了解到客户正在比较其他厂商"};
constexpr std::array<const char*, 5> kEmailOutcomes = {"发送产品资料和案例", "发送方案和报价单",
                                                       "发送会议纪要", "发送合同草稿",
                                                       "发送节日问候和新品介绍"};
constexpr std::array<const char*, 6> kVisitOutcomes = {
    "上门拜访，了解业务现状", "现场演示产品，客户反馈良好", "拜访决策人，确认项目优先级",
    "现场调研实施环境",       "拜访财务部门，沟通回款安排", "陪同技术人员上门解决问题"};
constexpr std::array<const char*, 5> kMeetingOutcomes = {
    "需求研讨会，梳理出核心需求", "方案汇报会，客户高层参加", "商务谈判，价格基本达成一致",
    "项目启动会", "季度业务回顾会"};
constexpr std::array<const char*, 3> kOtherOutcomes = {"参加客户年会", "行业沙龙上交流",
                                                       "整理客户资料"};
constexpr std::array<const char*, 8> kNextSteps = {"发送方案",     "安排产品演示", "约见决策人",
                                                   "准备报价",     "跟进合同审批", "安排技术交流",
                                                   "确认回款时间", "下周电话回访"};
constexpr std::array<const char*, 4> kRevisitOutcomes = {
    "回访使用情况，客户整体满意", "回访培训效果，提出了新的需求", "回访售后服务，记录了改进建议",
    "回访系统上线效果"};

// ---------------------------------------------------------------------------------------------
// Time: the org's calendar. Events happen on working days (Monday to Friday) between 9:00 and
// 18:00 local time, and never after `now`.

struct Calendar {
  Instant now;
  LocalDate today;
  LocalDate start;                // the first day of the history
  const date::time_zone* zone{};  // the org's

  Instant at(LocalDate d, int minute_of_day) const {
    return instant_at(d, minutes(minute_of_day), zone);
  }
  LocalDate date_of(Instant t) const { return local_date(t, zone); }
  static bool working(LocalDate d) {
    const std::chrono::weekday w = d.weekday();
    return w != std::chrono::Saturday && w != std::chrono::Sunday;
  }
  static LocalDate working_from(LocalDate d) {
    while (!working(d)) d += days(1);
    return d;
  }
  // Returns a time on working day `d` from 9:00 such that `duration` minutes end by 18:00.
  Instant work_time(LocalDate d, int duration, Rng& rng) const {
    return at(d, rng.between(9 * 60, 18 * 60 - std::max(duration, 1)));
  }
};

// ---------------------------------------------------------------------------------------------
// The plan: every record with references as indices into the other plans, turned into rows once
// the ids are known.

struct Line {
  int product = 0;
  std::int64_t quantity = 1;
  Fen unit_price;
  int discount_bp = 0;
};

Fen total_of(std::span<const Line> lines) {
  Fen total;
  for (const Line& l : lines) total += line_total({l.quantity, l.unit_price, l.discount_bp});
  return total;
}

struct CustomerPlan {
  UserId owner;
  RegionId region;
  Instant created, updated;
  std::string name, short_name, pinyin, industry, channel, status, phone, address, tags;
  std::optional<LocalDate> follow_up;
  int edition = kStandard;
  bool churns = false;
  LocalDate churn_day{};
  bool has_open_opportunity = false;
};

struct ContactPlan {
  int customer;
  std::string name, title, phone, email, wechat;
  bool primary;
  Instant created;
};

struct StageEvent {
  int stage;  // 0..3 open stages, 4 won, 5 lost (positions 1..6 of the default pipeline)
  Instant at;
};

struct OpportunityPlan {
  int customer;
  UserId owner;
  std::string name;
  std::vector<Line> lines;
  Fen amount;
  std::vector<StageEvent> history;
  std::string status, forecast, competitor, lost_reason;
  LocalDate expected_close;
  Instant created;
};

struct QuotePlan {
  int opportunity, customer;
  UserId owner;
  std::string status;
  LocalDate valid_until;
  std::vector<Line> lines;
  int order = -1;
  Instant created, updated;
};

struct OrderPlan {
  int customer;
  UserId owner;
  int opportunity = -1, quote = -1;
  Instant ordered, updated;
  LocalDate due;
  std::string status, notes;
  std::vector<Line> lines;
  Fen total, paid;
  std::vector<int> payments;
};

struct PaymentPlan {
  int order;
  Fen amount;
  Instant received;
  std::string method;
  bool dropped = false;
};

struct ActivityPlan {
  UserId user;
  int customer;
  int opportunity;
  const char* type;
  Instant started;
  int duration;
  std::string outcome, next_step;
  bool revisit;
  int satisfaction;  // 0: none
};

struct CostPlan {
  LocalDate spent_on;
  RegionId region;
  std::string channel;
  Fen amount;
  std::string notes;
};

struct Rep {
  UserId id;
  double skill;  // 0.65..1.35: more activities and a better win rate
};

// The stage ids of the default pipeline, by position.
struct Pipeline {
  std::int64_t id = 0;
  std::array<std::int64_t, 6> stages{};
};

// ---------------------------------------------------------------------------------------------

class Generator {
 public:
  Generator(const OrgSnapshot& org, const Calendar& cal, std::uint64_t seed)
      : org_(org), cal_(cal), seed_(seed), rng_(seed) {}

  void run() {
    std::vector<Rep> reps;
    for (const UserRecord& u : org_.users()) {
      if (!u.active || !u.roles.has(Role::rep)) continue;
      const double skill = 0.65 + 0.7 * rng_.unit();
      reps.push_back({u.id, u.username == "rep" ? 1.1 : skill});
    }
    std::sort(reps.begin(), reps.end(), [](const Rep& a, const Rep& b) { return a.id < b.id; });
    // Each rep draws from a stream of their own, so that an event of today falling before or
    // after `now` changes that rep's history only.
    for (const Rep& rep : reps) {
      rng_ = Rng(seed_ ^ (0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(rep.id.value)));
      rep_history(rep);
    }
    spread_receivables();
    rng_ = Rng(~seed_);
    costs();
  }

  void write(store::Connection& c, OrgId org, const Pipeline& pipeline) const;

  // What was made, for the audit row: {"seed":S,"customers":N,...}.
  std::string summary_json() const {
    const std::size_t payments = static_cast<std::size_t>(std::count_if(
        payments_.begin(), payments_.end(), [](const PaymentPlan& p) { return !p.dropped; }));
    const std::pair<const char*, std::size_t> counts[] = {{"customers", customers_.size()},
                                                          {"contacts", contacts_.size()},
                                                          {"opportunities", opportunities_.size()},
                                                          {"quotes", quotes_.size()},
                                                          {"orders", orders_.size()},
                                                          {"payments", payments},
                                                          {"activities", activities_.size()},
                                                          {"costs", costs_.size()}};
    std::string json = "{\"seed\":" + std::to_string(seed_);
    for (const auto& [name, n] : counts)
      json += ",\"" + std::string(name) + "\":" + std::to_string(n);
    return json + "}";
  }

 private:
  // The region of `user`'s team on `day` (the first region when they have none).
  RegionId region_of(UserId user, LocalDate day) const {
    for (const MembershipRecord* m : org_.memberships_of(user, day)) {
      if (const TeamRecord* t = org_.team(m->team_id)) return t->region_id;
    }
    return org_.regions().front().id;
  }

  std::span<const City> cities_of(RegionId region) const {
    const RegionRecord* r = org_.region(region);
    const std::string code = r ? r->code : "";
    if (code == "SOUTH") return kSouthCities;
    if (code == "NORTH") return kNorthCities;
    return kEastCities;
  }

  std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng_.between(0, 9));
    return s;
  }
  std::string mobile() {
    static constexpr std::array<const char*, 8> prefixes = {"138", "139", "136", "158",
                                                            "186", "187", "135", "150"};
    return std::string(rng_.pick<const char*>(prefixes)) + digits(8);
  }

  // Returns the working day on or after `d`, or the last one before today when that is later.
  LocalDate working_day_before_today(LocalDate d) const {
    d = Calendar::working_from(d);
    if (d >= cal_.today) d = cal_.today - days(1);
    while (!Calendar::working(d)) d -= days(1);
    return d;
  }

  int add_customer(const Rep& rep) {
    // Mildly growing intake: more recent months bring more new customers.
    const int offset = static_cast<int>(729.0 * std::pow(rng_.unit(), 0.8));
    LocalDate day = working_day_before_today(cal_.start + days(offset));
    if (day < cal_.start) day = Calendar::working_from(cal_.start);

    CustomerPlan c;
    c.owner = rep.id;
    c.region = region_of(rep.id, day);
    c.created = c.updated = cal_.work_time(day, 0, rng_);
    const Industry& ind = kIndustries[rng_.weighted(kIndustryWeights)];
    c.industry = ind.name;
    std::array<int, kChannels.size()> weights{};
    for (std::size_t i = 0; i < kChannels.size(); ++i) weights[i] = kChannels[i].weight;
    c.channel = kChannels[rng_.weighted(weights)].name;
    const auto cities = cities_of(c.region);
    // Names are unique in the org: draw again on a clash.
    for (int attempt = 0;; ++attempt) {
      const City& city = cities[static_cast<std::size_t>(rng_.between(0, 4 * 2)) % cities.size()];
      const Brand& brand = rng_.pick<Brand>(kBrands);
      const char* word = rng_.pick<const char*>(ind.words);
      c.short_name = std::string(brand.hanzi) + word;
      c.pinyin = brand.pinyin;
      c.name =
          std::string(city.name) + c.short_name + (rng_.chance(0.2) ? "股份有限公司" : "有限公司");
      if (names_.insert(c.name).second) {
        c.phone =
            std::string(city.area_code) + "-" + std::to_string(rng_.between(2, 8)) + digits(7);
        c.address = std::string(city.name) + "市" + rng_.pick<const char*>(kRoads) +
                    std::to_string(rng_.between(1, 999)) + "号";
        if (rng_.chance(0.4))
          c.address += std::string(1, static_cast<char>('A' + rng_.between(0, 3))) + "座" +
                       std::to_string(rng_.between(2, 28)) + "楼";
        break;
      }
      if (attempt > 50) {  // the lists are large enough that this never happens
        c.name += std::to_string(customers_.size());
        names_.insert(c.name);
        break;
      }
    }
    if (rng_.chance(0.35)) {
      std::size_t a = static_cast<std::size_t>(rng_.between(0, kTags.size() - 1));
      c.tags = kTags[a];
      if (rng_.chance(0.3)) {
        std::size_t b =
            (a + 1 + static_cast<std::size_t>(rng_.between(0, kTags.size() - 2))) % kTags.size();
        c.tags += std::string(",") + kTags[b];
      }
    }
    c.status = "lead";
    customers_.push_back(std::move(c));
    const int index = static_cast<int>(customers_.size()) - 1;
    add_contacts(index);
    return index;
  }

  void add_contacts(int customer) {
    const CustomerPlan& c = customers_[static_cast<std::size_t>(customer)];
    const int n = static_cast<int>(rng_.weighted(std::array{40, 40, 20})) + 1;
    for (int i = 0; i < n; ++i) {
      const std::size_t s = static_cast<std::size_t>(rng_.between(0, kSurnames.size() - 1));
      const Given& g = rng_.pick<Given>(kGiven);
      ContactPlan p{customer,
                    std::string(kSurnames[s]) + g.hanzi,
                    rng_.pick<const char*>(kTitles),
                    mobile(),
                    "",
                    "",
                    i == 0,
                    c.created};
      if (rng_.chance(0.8))
        p.email = std::string(kSurnamePinyin[s]) + "." + g.pinyin + "@" + c.pinyin + ".com.cn";
      if (rng_.chance(0.5)) p.wechat = "wx_" + std::string(g.pinyin) + digits(4);
      contacts_.push_back(std::move(p));
    }
  }

  Line line(int product, std::int64_t quantity, int max_discount_pct) {
    return {product, quantity, Fen{kProducts[static_cast<std::size_t>(product)].list_price} * 100,
            rng_.between(0, max_discount_pct) * 100};
  }

  // What a new customer buys: an edition, modules, hardware by industry, services.
  std::vector<Line> new_deal(CustomerPlan& c) {
    const int size = static_cast<int>(rng_.weighted(std::array{50, 35, 15}));  // S, M, L
    const int discount = std::array{5, 12, 20}[static_cast<std::size_t>(size)];
    const bool hardware = std::any_of(kIndustries.begin(), kIndustries.end(), [&](const auto& i) {
      return c.industry == i.name && i.uses_hardware;
    });
    std::vector<Line> lines;
    c.edition = size == 0   ? (rng_.chance(0.2) ? kProfessional : kStandard)
                : size == 1 ? kProfessional
                            : kFlagship;
    lines.push_back(line(c.edition, 1, discount));
    if (rng_.chance(std::array{0.15, 0.4, 0.8}[static_cast<std::size_t>(size)]))
      lines.push_back(line(kAnalytics, 1, discount));
    if (rng_.chance(0.4)) lines.push_back(line(kMobile, rng_.between(1, size + 1), discount));
    if (hardware && rng_.chance(0.7)) {
      if (c.industry == "零售" || c.industry == "能源") {
        lines.push_back(line(kTerminal, rng_.between(2, 10) * (size * 3 + 1), discount));
      } else {
        lines.push_back(line(kBadge, rng_.between(10, 40) * (size * 2 + 1), discount));
      }
    }
    if (size == 2 && rng_.chance(0.5)) lines.push_back(line(kServer, rng_.between(1, 2), discount));
    lines.push_back(line(
        kImplementation,
        std::array{rng_.between(3, 8), rng_.between(8, 20), rng_.between(20, 60)}[size], discount));
    if (rng_.chance(0.6)) lines.push_back(line(kTraining, rng_.between(1, 3), discount));
    if (size == 2 && rng_.chance(0.5))
      lines.push_back(line(kCustom, rng_.between(10, 40), discount));
    return lines;
  }

  // What a customer buys later: an upgrade or a module, with services.
  std::vector<Line> upsell(const CustomerPlan& c) {
    std::vector<Line> lines;
    if (c.edition != kFlagship && rng_.chance(0.5)) {
      lines.push_back(line(c.edition + 1, 1, 10));
    } else {
      lines.push_back(line(kAnalytics, 1, 10));
    }
    lines.push_back(line(kImplementation, rng_.between(3, 15), 10));
    return lines;
  }

  std::vector<Line> add_on() {
    switch (rng_.between(0, 3)) {
      case 0:
        return {line(kTerminal, rng_.between(2, 20), 5)};
      case 1:
        return {line(kTraining, rng_.between(1, 2), 5)};
      case 2:
        return {line(kCustom, rng_.between(5, 20), 5)};
      default:
        return {line(kMobile, rng_.between(1, 3), 5), line(kBadge, rng_.between(5, 30), 5)};
    }
  }

  void add_activity(const Rep& rep, int customer, int opportunity, const char* type, LocalDate day,
                    std::string outcome, bool revisit = false, int satisfaction = 0) {
    day = Calendar::working_from(day);
    const std::string_view t = type;
    const int duration = t == "call"      ? rng_.between(3, 30)
                         : t == "email"   ? rng_.between(5, 15)
                         : t == "visit"   ? rng_.between(6, 18) * 10
                         : t == "meeting" ? rng_.between(3, 12) * 10
                                          : rng_.between(2, 12) * 10;
    const Instant at = cal_.work_time(day, duration, rng_);
    if (at > cal_.now) return;
    activities_.push_back({rep.id, customer, opportunity, type, at, duration, std::move(outcome),
                           rng_.chance(0.6) ? rng_.pick<const char*>(kNextSteps) : "", revisit,
                           satisfaction});
  }

  // An activity that fits the stage the deal is in.
  void deal_activity(const Rep& rep, int customer, int opportunity, int stage, LocalDate day) {
    static constexpr std::array<std::array<int, 4>, 4> weights = {{
        {55, 30, 10, 5},   // 初步接触: call, email, visit, meeting
        {25, 15, 35, 25},  // 需求确认
        {20, 35, 15, 30},  // 方案报价
        {30, 10, 25, 35},  // 谈判
    }};
    switch (rng_.weighted(weights[static_cast<std::size_t>(stage)])) {
      case 0:
        return add_activity(rep, customer, opportunity, "call", day,
                            rng_.pick<const char*>(kCallOutcomes));
      case 1:
        return add_activity(rep, customer, opportunity, "email", day,
                            rng_.pick<const char*>(kEmailOutcomes));
      case 2:
        return add_activity(rep, customer, opportunity, "visit", day,
                            rng_.pick<const char*>(kVisitOutcomes));
      default:
        return add_activity(rep, customer, opportunity, "meeting", day,
                            rng_.pick<const char*>(kMeetingOutcomes));
    }
  }

  struct Outcome {
    bool won = false;
    Instant closed{};
  };

  // An opportunity for `customer` created on `day`, walked through the pipeline until it closes,
  // stalls or reaches today. Returns nullopt when `day` is still to come.
  std::optional<Outcome> opportunity(const Rep& rep, int customer, LocalDate day,
                                     std::vector<Line> lines) {
    day = Calendar::working_from(day);
    if (day > cal_.today) return std::nullopt;
    const Instant created = cal_.work_time(day, 0, rng_);
    if (created > cal_.now) return std::nullopt;
    CustomerPlan& c = customers_[static_cast<std::size_t>(customer)];
    const Channel& channel = *std::find_if(kChannels.begin(), kChannels.end(),
                                           [&](const Channel& ch) { return c.channel == ch.name; });

    OpportunityPlan o;
    o.customer = customer;
    o.owner = rep.id;
    o.amount = total_of(lines);
    o.name =
        c.short_name + " " +
        (lines.front().product <= kFlagship
             ? std::string(kProducts[static_cast<std::size_t>(lines.front().product)].name) + "项目"
             : std::string(kProducts[static_cast<std::size_t>(lines.front().product)].name) +
                   "扩容");
    o.lines = std::move(lines);
    o.created = created;
    o.history.push_back({0, created});

    // The fate is decided up front; time decides how much of it has happened by today.
    enum { win, lose, stall } fate;
    const double p_win = std::clamp(0.45 * rep.skill * channel.win_factor, 0.12, 0.6);
    const double r = rng_.unit();
    fate = r < p_win ? win : r < p_win + 0.14 ? stall : lose;
    const int last_stage =
        fate == win ? 3 : static_cast<int>(rng_.weighted(std::array{30, 30, 25, 15}));
    // Big deals take longer, and some deals crawl (the customer's process, not the rep's).
    const double size = (o.amount > Fen{50'000'000}   ? 1.5
                         : o.amount > Fen{20'000'000} ? 1.2
                                                      : 1.0) *
                        (rng_.chance(0.3) ? 4.0 : 1.0);
    static constexpr std::array<std::pair<int, int>, 4> stay = {
        {{3, 20}, {7, 30}, {7, 35}, {5, 25}}};

    const LocalDate planned_close = day + days(static_cast<int>(60 * size) + rng_.between(-15, 20));
    LocalDate stage_day = day;
    LocalDate active_until = cal_.today;  // activities continue until the deal closes or stalls
    for (int s = 0; s < 4; ++s) {
      const auto [lo, hi] = stay[static_cast<std::size_t>(s)];
      const int d = static_cast<int>(rng_.between(lo, hi) * size);
      const LocalDate next_day = Calendar::working_from(stage_day + days(d));
      if (fate == stall && s == last_stage) {
        active_until = std::min(cal_.today, stage_day + days(rng_.between(1, 10)));
        break;
      }
      const Instant next = cal_.work_time(next_day, 0, rng_);
      if (next > cal_.now) break;
      if (fate == lose && s == last_stage) {
        o.history.push_back({5, next});
        break;
      }
      o.history.push_back({s == 3 ? 4 : s + 1, next});
      if (s == 3) break;
      stage_day = next_day;
    }

    const StageEvent& last = o.history.back();
    Outcome out;
    if (last.stage == 4 || last.stage == 5) {
      out.won = last.stage == 4;
      out.closed = last.at;
      active_until = cal_.date_of(last.at);
      o.status = out.won ? "won" : "lost";
      o.forecast = out.won ? "commit" : o.history.size() > 3 ? "best_case" : "pipeline";
      o.expected_close = planned_close;
      if (!out.won) {
        o.lost_reason = kLostReasons[rng_.weighted(kLostReasonWeights)];
        if (o.lost_reason == "竞品" || rng_.chance(0.2))
          o.competitor = rng_.pick<const char*>(kCompetitors);
      }
    } else {
      o.status = "open";
      c.has_open_opportunity = true;
      o.forecast = last.stage == 3   ? (rng_.chance(0.6) ? "commit" : "best_case")
                   : last.stage == 2 ? (rng_.chance(0.5) ? "best_case" : "pipeline")
                                     : "pipeline";
      // Most reps move a missed close date; some leave it slipped.
      o.expected_close = planned_close >= cal_.today || rng_.chance(0.3)
                             ? planned_close
                             : cal_.today + days(rng_.between(7, 60));
    }
    if (o.competitor.empty() && rng_.chance(0.25))
      o.competitor = rng_.pick<const char*>(kCompetitors);

    const int index = static_cast<int>(opportunities_.size());
    opportunities_.push_back(o);

    // The deal's activities: one to open it, one every few days while it is worked (better reps
    // keep a shorter rhythm), and one on the day it closes.
    add_activity(rep, customer, index, "call", day, "初次沟通，了解需求");
    const int max_gap = std::max(3, static_cast<int>(std::lround(8 / rep.skill)));
    std::size_t at_stage = 0;
    for (LocalDate d = day + days(rng_.between(1, max_gap)); d < active_until;
         d += days(rng_.between(1, max_gap))) {
      while (at_stage + 1 < o.history.size() && cal_.date_of(o.history[at_stage + 1].at) <= d)
        ++at_stage;
      if (Calendar::working(d))
        deal_activity(rep, customer, index, std::min(o.history[at_stage].stage, 3), d);
    }
    if (o.status == "won") {
      add_activity(rep, customer, index, "meeting", active_until, "签约仪式，合同已盖章");
    } else if (o.status == "lost") {
      add_activity(rep, customer, index, "call", active_until,
                   "客户反馈：" + o.lost_reason + "，项目未能成交");
    }

    // A quote once the deal reaches 方案报价.
    for (const StageEvent& e : o.history) {
      if (e.stage != 2) continue;
      QuotePlan q;
      q.opportunity = index;
      q.customer = customer;
      q.owner = rep.id;
      q.lines = o.lines;
      q.created = q.updated = e.at;
      q.valid_until = cal_.date_of(e.at) + days(30);
      q.status = o.status == "won"                     ? "ordered"
                 : o.status == "lost"                  ? "rejected"
                 : last.stage == 3 && rng_.chance(0.3) ? "accepted"
                                                       : "sent";
      if (o.status != "open") q.updated = out.closed;
      quotes_.push_back(std::move(q));
    }
    if (out.won) {
      const int quote = !quotes_.empty() && quotes_.back().opportunity == index
                            ? static_cast<int>(quotes_.size()) - 1
                            : -1;
      const int order = add_order(customer, rep.id, out.closed, o.lines, false, "");
      orders_[static_cast<std::size_t>(order)].opportunity = index;
      orders_[static_cast<std::size_t>(order)].quote = quote;
      if (quote >= 0) quotes_[static_cast<std::size_t>(quote)].order = order;
    }
    return out;
  }

  // An order with its payments: most are paid in 1–3 instalments around the due date; some
  // customers pay late, and a few stop paying.
  int add_order(int customer, UserId owner, Instant ordered, std::vector<Line> lines,
                bool may_cancel, std::string notes) {
    OrderPlan o;
    o.customer = customer;
    o.owner = owner;
    o.ordered = o.updated = ordered;
    o.lines = std::move(lines);
    o.total = total_of(o.lines);
    o.notes = std::move(notes);
    const LocalDate day = cal_.date_of(ordered);
    static constexpr std::array<int, 4> terms = {30, 45, 60, 90};
    const int term = terms[rng_.weighted(std::array{40, 20, 25, 15})];
    o.due = day + days(term);
    const int index = static_cast<int>(orders_.size());
    if (may_cancel && rng_.chance(0.07)) {
      o.status = "cancelled";
      o.updated = cal_.work_time(Calendar::working_from(day + days(rng_.between(1, 10))), 0, rng_);
      if (o.updated > cal_.now) o.updated = ordered;
      orders_.push_back(std::move(o));
      return index;
    }
    const int n = static_cast<int>(rng_.weighted(std::array{60, 30, 10})) + 1;
    static constexpr std::array<std::array<int, 3>, 3> shares = {
        {{100, 0, 0}, {30, 70, 0}, {30, 40, 30}}};
    const bool stops = rng_.chance(0.09);
    const int paid_instalments = stops ? rng_.between(0, n - 1) : n;
    const int late = rng_.chance(0.3) ? rng_.between(1, 40) : 0;
    Fen left = o.total;
    for (int i = 0; i < paid_instalments; ++i) {
      const Fen amount = i == n - 1 ? left : Fen{o.total.value() * shares[n - 1][i] / 100};
      left -= amount;
      // A deposit soon after the order, the rest spread up to the due date.
      const int offset =
          n > 1 && i == 0 ? rng_.between(1, 10) : term * (i + 1) / n - rng_.between(0, 7) + late;
      const LocalDate pay_day = Calendar::working_from(day + days(std::max(1, offset)));
      const Instant at = cal_.work_time(pay_day, 0, rng_);
      if (at > cal_.now || amount <= Fen{0}) break;
      static constexpr std::array<const char*, 4> methods = {"bank", "online", "cheque", "cash"};
      payments_.push_back(
          {index, amount, at, methods[rng_.weighted(std::array{85, 8, 5, 2})], false});
      o.payments.push_back(static_cast<int>(payments_.size()) - 1);
      o.paid += amount;
      o.updated = at;
    }
    orders_.push_back(std::move(o));
    settle_status(orders_.back());
    return index;
  }

  void settle_status(OrderPlan& o) const {
    if (o.status == "cancelled") return;
    o.status = cal_.date_of(o.ordered) + days(7) > cal_.today ? "confirmed"
               : o.paid == o.total                            ? "completed"
                                                              : "delivered";
  }

  // A won customer: renewals every year, add-ons now and then, maybe an upsell deal, revisits;
  // some churn and stop buying.
  void buyer_life(const Rep& rep, int customer, Instant won) {
    CustomerPlan& c = customers_[static_cast<std::size_t>(customer)];
    const LocalDate won_day = cal_.date_of(won);
    c.status = "customer";
    c.updated = won;
    c.churns = rng_.chance(0.25);
    c.churn_day = won_day + days(rng_.between(120, 420));
    const auto alive = [&](LocalDate d) {
      return d <= cal_.today && (!c.churns || d < c.churn_day);
    };
    for (int year = 1;; ++year) {
      const LocalDate d =
          Calendar::working_from(won_day + days(365 * year + rng_.between(-20, 10)));
      if (!alive(d)) break;
      std::vector<Line> lines = {line(c.edition, 1, 10)};
      if (rng_.chance(0.5)) lines.push_back(line(kSupport, 1, 5));
      add_order(customer, rep.id, cal_.work_time(d, 0, rng_), std::move(lines), true, "年度续费");
    }
    for (LocalDate d = won_day + days(rng_.between(30, 120)); alive(d);
         d += days(rng_.between(40, 130))) {
      if (!rng_.chance(0.65)) continue;
      const LocalDate day = Calendar::working_from(d);
      if (day > cal_.today) break;
      add_order(customer, rep.id, cal_.work_time(day, 0, rng_), add_on(), true, "增购");
    }
    if (!c.churns && rng_.chance(0.3)) {
      opportunity(rep, customer, won_day + days(rng_.between(90, 300)), upsell(c));
    }
    if (c.churns && c.churn_day <= cal_.today) {
      c.status = "churned";
      c.updated = cal_.work_time(Calendar::working_from(c.churn_day), 0, rng_);
      if (c.updated > cal_.now) c.updated = cal_.now;
    }
  }

  void customer_life(const Rep& rep, int customer) {
    CustomerPlan& c = customers_[static_cast<std::size_t>(customer)];
    const Channel& channel = *std::find_if(kChannels.begin(), kChannels.end(),
                                           [&](const Channel& ch) { return c.channel == ch.name; });
    const LocalDate created = cal_.date_of(c.created);
    if (rng_.chance(channel.engage)) {
      LocalDate day = created + days(rng_.between(2, 40));
      for (int attempt = 0; attempt < 2; ++attempt) {
        const int opp_index = static_cast<int>(opportunities_.size());
        auto outcome = opportunity(rep, customer, day, new_deal(c));
        if (!outcome) break;
        if (c.status == "lead") {
          c.status = "prospect";
          c.updated = opportunities_[static_cast<std::size_t>(opp_index)].created;
        }
        if (outcome->won) {
          buyer_life(rep, customer, outcome->closed);
          break;
        }
        // A lost deal sometimes gets a second try months later.
        if (outcome->closed == Instant{} || !rng_.chance(0.25)) break;
        day = cal_.date_of(outcome->closed) + days(rng_.between(60, 200));
      }
    }
    // The next follow-up: none for churned customers, mostly soon, sometimes overdue.
    if (c.status != "churned" && (c.has_open_opportunity || rng_.chance(0.7))) {
      LocalDate d =
          cal_.today + days(rng_.chance(0.25) ? -rng_.between(1, 20) : rng_.between(1, 30));
      c.follow_up = std::max(d, created);
    }
  }

  // Everyday calls, emails and visits to the rep's customers, beyond the deals themselves.
  void daily_activities(const Rep& rep, std::span<const int> mine) {
    std::vector<LocalDate> created;
    for (int i : mine)
      created.push_back(cal_.date_of(customers_[static_cast<std::size_t>(i)].created));
    static constexpr std::array<const char*, 5> types = {"call", "email", "visit", "meeting",
                                                         "other"};
    for (LocalDate d = cal_.start; d <= cal_.today; d += days(1)) {
      if (!Calendar::working(d)) continue;
      // Customers created before the day.
      const auto known =
          static_cast<int>(std::lower_bound(created.begin(), created.end(), d) - created.begin());
      if (known == 0) continue;
      const int n = rng_.poisson(2.2 * rep.skill);
      for (int k = 0; k < n; ++k) {
        const int customer = mine[static_cast<std::size_t>(rng_.between(0, known - 1))];
        const CustomerPlan& c = customers_[static_cast<std::size_t>(customer)];
        if (c.churns && d >= c.churn_day) continue;
        const std::size_t t = rng_.weighted(std::array{50, 32, 8, 6, 4});
        const char* outcome = t == 0   ? rng_.pick<const char*>(kCallOutcomes)
                              : t == 1 ? rng_.pick<const char*>(kEmailOutcomes)
                              : t == 2 ? rng_.pick<const char*>(kVisitOutcomes)
                              : t == 3 ? rng_.pick<const char*>(kMeetingOutcomes)
                                       : rng_.pick<const char*>(kOtherOutcomes);
        add_activity(rep, customer, -1, types[t], d, outcome);
      }
    }
  }

  // Revisits after orders, with the customer's satisfaction.
  void revisits(const Rep& rep, std::size_t first_order) {
    for (std::size_t i = first_order; i < orders_.size(); ++i) {
      const OrderPlan& o = orders_[i];
      if (o.status == "cancelled" || !rng_.chance(0.45)) continue;
      const CustomerPlan& c = customers_[static_cast<std::size_t>(o.customer)];
      const int score = static_cast<int>(rng_.weighted(c.churns ? std::array{15, 25, 35, 20, 5}
                                                                : std::array{2, 5, 15, 40, 38})) +
                        1;
      add_activity(rep, o.customer, -1, rng_.chance(0.4) ? "visit" : "call",
                   cal_.date_of(o.ordered) + days(rng_.between(10, 45)),
                   rng_.pick<const char*>(kRevisitOutcomes), true, score);
    }
  }

  void rep_history(const Rep& rep) {
    const int n = std::clamp(
        static_cast<int>(std::lround(rng_.between(40, 80) * (0.8 + 0.2 * rep.skill))), 40, 80);
    std::vector<int> mine;
    for (int i = 0; i < n; ++i) mine.push_back(add_customer(rep));
    std::sort(mine.begin(), mine.end(), [&](int a, int b) {
      return customers_[static_cast<std::size_t>(a)].created <
             customers_[static_cast<std::size_t>(b)].created;
    });
    const std::size_t first_order = orders_.size();
    for (int c : mine) customer_life(rep, c);
    revisits(rep, first_order);
    daily_activities(rep, mine);
  }

  // Makes sure the receivables show in every aging bucket: when a bucket is empty, the last
  // instalment of a paid order due in that bucket's range is left unpaid.
  void spread_receivables() {
    auto bucket_of = [&](const OrderPlan& o) { return aging_bucket(o.due, cal_.today); };
    std::array<bool, 4> seen{};
    for (const OrderPlan& o : orders_) {
      if (o.status != "cancelled" && o.paid < o.total)
        seen[static_cast<std::size_t>(bucket_of(o))] = true;
    }
    for (std::size_t b = 0; b < seen.size(); ++b) {
      if (seen[b]) continue;
      for (auto it = orders_.rbegin(); it != orders_.rend(); ++it) {
        OrderPlan& o = *it;
        if (o.status == "cancelled" || o.payments.empty() ||
            static_cast<std::size_t>(bucket_of(o)) != b || o.due > cal_.today)
          continue;
        PaymentPlan& p = payments_[static_cast<std::size_t>(o.payments.back())];
        p.dropped = true;
        o.paid -= p.amount;
        o.payments.pop_back();
        o.updated = o.payments.empty()
                        ? o.ordered
                        : payments_[static_cast<std::size_t>(o.payments.back())].received;
        settle_status(o);
        break;
      }
    }
  }

  // Sales and marketing costs per month, channel and region.
  void costs() {
    const std::chrono::year_month first{cal_.start.ymd().year(), cal_.start.ymd().month()};
    const std::chrono::year_month last{cal_.today.ymd().year(), cal_.today.ymd().month()};
    for (auto ym = first; ym <= last; ym += std::chrono::months(1)) {
      const unsigned month = static_cast<unsigned>(ym.month());
      for (std::size_t r = 0; r < org_.regions().size(); ++r) {
        const double scale = r == 0 ? 1.3 : r == 1 ? 1.0 : 0.9;
        for (const Channel& ch : kChannels) {
          int yuan = ch.monthly_cost;
          if (std::string_view(ch.name) == "展会") {
            const bool season =
                month == 3 || month == 4 || month == 9 || month == 10 || month == 11;
            if (!season || !rng_.chance(0.6)) continue;
            yuan = rng_.between(80, 200) * 1000;
          }
          const Fen amount =
              Fen{static_cast<std::int64_t>(yuan * scale * (0.8 + 0.4 * rng_.unit()))} * 100;
          LocalDate day = LocalDate{ym / std::chrono::day{1}} + days(rng_.between(0, 24));
          if (day > cal_.today) continue;
          costs_.push_back({std::max(day, cal_.start), org_.regions()[r].id, ch.name, amount,
                            std::to_string(month) + "月" + ch.name + "费用"});
        }
      }
    }
  }

  const OrgSnapshot& org_;
  const Calendar& cal_;
  std::uint64_t seed_;
  Rng rng_;
  std::set<std::string> names_;
  std::vector<CustomerPlan> customers_;
  std::vector<ContactPlan> contacts_;
  std::vector<OpportunityPlan> opportunities_;
  std::vector<QuotePlan> quotes_;
  std::vector<OrderPlan> orders_;
  std::vector<PaymentPlan> payments_;
  std::vector<ActivityPlan> activities_;
  std::vector<CostPlan> costs_;
};

// ---------------------------------------------------------------------------------------------
// Writing: records go in chronological order (so ids grow with time) through the bulk loads;
// the new ids are read back in insertion order (the org's rows of each table are written only
// here, inside one transaction).

// Returns the ids of the last `n` rows of `table` in the org, oldest first.
std::vector<std::int64_t> last_ids(store::Connection& c, OrgId org, std::string_view table,
                                   std::size_t n) {
  auto rows =
      c.query("SELECT id FROM " + std::string(table) + " WHERE org_id = ? ORDER BY id DESC LIMIT ?",
              {org.value, static_cast<std::int64_t>(n)});
  std::vector<std::int64_t> ids(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) ids[rows.size() - 1 - r] = rows.i64(r, 0);
  return ids;
}

// Returns the indices of `items` sorted by `key`, ties in input order.
template <class T, class Key>
std::vector<std::size_t> chronological(const std::vector<T>& items, Key key) {
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(items[a]) < key(items[b]); });
  return order;
}

// Inserts `records` and returns the id of each plan index, given the plan index of each record.
std::vector<std::int64_t> insert(store::Connection& c, OrgId org,
                                 const std::vector<EntityRecord>& records,
                                 std::span<const std::size_t> plan_of_record) {
  std::vector<std::int64_t> id_of(records.size());
  if (records.empty()) return id_of;
  store::bulk_insert_entities(c, org, records);
  const auto ids = last_ids(c, org, records.front().kind->plural, records.size());
  for (std::size_t k = 0; k < ids.size(); ++k) id_of[plan_of_record[k]] = ids[k];
  return id_of;
}

FieldValue text_or_null(const std::string& s) {
  return s.empty() ? FieldValue{} : FieldValue{s};
}

void add_lines(std::vector<std::vector<store::Value>>& rows, OrgId org, std::int64_t quote,
               std::int64_t order, std::span<const Line> lines,
               const std::vector<std::int64_t>& product_ids) {
  int position = 0;
  for (const Line& l : lines) {
    rows.push_back({org.value, quote ? store::Value{quote} : store::null_value,
                    order ? store::Value{order} : store::null_value, std::int64_t{++position},
                    product_ids[static_cast<std::size_t>(l.product)], l.quantity,
                    l.unit_price.value(), std::int64_t{l.discount_bp},
                    line_total({l.quantity, l.unit_price, l.discount_bp}).value()});
  }
}

void Generator::write(store::Connection& c, OrgId org, const Pipeline& pipeline) const {
  const EntityKind& customer_kind = *find_entity_kind("customer");
  const EntityKind& contact_kind = *find_entity_kind("contact");
  const EntityKind& opportunity_kind = *find_entity_kind("opportunity");
  const EntityKind& activity_kind = *find_entity_kind("activity");
  const EntityKind& product_kind = *find_entity_kind("product");
  const EntityKind& quote_kind = *find_entity_kind("quote");
  const EntityKind& order_kind = *find_entity_kind("order");
  const EntityKind& payment_kind = *find_entity_kind("payment");
  const EntityKind& cost_kind = *find_entity_kind("cost");
  const Instant catalogue_day = cal_.at(cal_.start - days(30), 10 * 60);

  // Products, with prices by customer tier.
  std::vector<EntityRecord> records;
  std::vector<std::size_t> plan;
  for (std::size_t i = 0; i < kProducts.size(); ++i) {
    const ProductDef& p = kProducts[i];
    EntityRecord r = EntityRecord::empty(product_kind);
    r.created_at = r.updated_at = catalogue_day;
    const Fen list = Fen{p.list_price} * 100;
    r.set("name", std::string(p.name));
    r.set("code", std::string(p.code));
    r.set("category", std::string(p.category));
    r.set("unit", std::string(p.unit));
    r.set("list_price", list.value());
    r.set("price_a", list.value() * 85 / 100);
    r.set("price_b", list.value() * 92 / 100);
    r.set("price_c", list.value());
    r.set("active", std::int64_t{1});
    records.push_back(std::move(r));
    plan.push_back(i);
  }
  const auto product_ids = insert(c, org, records, plan);

  // Customer tiers by the ABC rule over the trailing 12 months' orders, as of now.
  std::vector<CustomerSales> sales(customers_.size());
  for (std::size_t i = 0; i < customers_.size(); ++i)
    sales[i].customer_id = static_cast<std::int64_t>(i);
  // The window of tier_service: from the start of the same day a year ago.
  const std::chrono::year_month_day ymd = cal_.today.ymd();
  std::chrono::year_month_day back{ymd.year() - std::chrono::years{1}, ymd.month(), ymd.day()};
  if (!back.ok())
    back = std::chrono::year_month_day_last{back.year(), std::chrono::month_day_last{back.month()}};
  const Instant year_ago = cal_.at(LocalDate{back}, 0);
  for (const OrderPlan& o : orders_) {
    if (o.status == "cancelled" || o.ordered < year_ago) continue;
    CustomerSales& s = sales[static_cast<std::size_t>(o.customer)];
    s.revenue += o.total;
    ++s.orders;
    const LocalDate d = cal_.date_of(o.ordered);
    if (!s.last_order || *s.last_order < d) s.last_order = d;
  }
  auto by_position = chronological(customers_, [](const CustomerPlan& p) { return p.created; });
  // assign_tiers breaks revenue ties by customer id: give it the ids' order.
  for (std::size_t k = 0; k < by_position.size(); ++k)
    sales[by_position[k]].customer_id = static_cast<std::int64_t>(k);
  const auto tiers = assign_tiers(sales, TierRule::abc, cal_.today);

  records.clear();
  for (std::size_t k = 0; k < by_position.size(); ++k) {
    const CustomerPlan& p = customers_[by_position[k]];
    EntityRecord r = EntityRecord::empty(customer_kind);
    r.created_at = p.created;
    r.updated_at = p.updated;
    r.external_id = "KH" +
                    std::string(6 - std::min<std::size_t>(6, std::to_string(k + 1).size()), '0') +
                    std::to_string(k + 1);
    r.set("name", p.name);
    r.set("status", p.status);
    r.set("industry", p.industry);
    r.set("region_id", p.region.value);
    r.set("channel", p.channel);
    r.set("tier", std::string(1, tiers[by_position[k]]));
    r.set("owner_id", p.owner.value);
    r.set("tags", text_or_null(p.tags));
    if (p.follow_up) r.set("next_follow_up", format_date(*p.follow_up));
    r.set("phone", p.phone);
    r.set("address", p.address);
    records.push_back(std::move(r));
  }
  const auto customer_ids = insert(c, org, records, by_position);
  service::fill_missing_customer_keys(c, org);

  records.clear();
  auto order = chronological(contacts_, [](const ContactPlan& p) { return p.created; });
  for (std::size_t i : order) {
    const ContactPlan& p = contacts_[i];
    EntityRecord r = EntityRecord::empty(contact_kind);
    r.created_at = r.updated_at = p.created;
    r.set("customer_id", customer_ids[static_cast<std::size_t>(p.customer)]);
    r.set("name", p.name);
    r.set("title", p.title);
    r.set("phone", p.phone);
    r.set("email", text_or_null(p.email));
    r.set("wechat", text_or_null(p.wechat));
    r.set("is_primary", std::int64_t{p.primary});
    records.push_back(std::move(r));
  }
  insert(c, org, records, order);

  records.clear();
  order = chronological(opportunities_, [](const OpportunityPlan& p) { return p.created; });
  for (std::size_t i : order) {
    const OpportunityPlan& p = opportunities_[i];
    const StageEvent& last = p.history.back();
    EntityRecord r = EntityRecord::empty(opportunity_kind);
    r.created_at = p.created;
    r.updated_at = last.at;
    r.set("name", p.name);
    r.set("customer_id", customer_ids[static_cast<std::size_t>(p.customer)]);
    r.set("owner_id", p.owner.value);
    r.set("amount", p.amount.value());
    r.set("pipeline_id", pipeline.id);
    r.set("stage_id", pipeline.stages[static_cast<std::size_t>(last.stage)]);
    r.set("status", p.status);
    r.set("expected_close", format_date(p.expected_close));
    r.set("forecast_category", p.forecast);
    r.set("competitor", text_or_null(p.competitor));
    r.set("lost_reason", text_or_null(p.lost_reason));
    if (p.status != "open") r.set("closed_at", to_ms(last.at));
    records.push_back(std::move(r));
  }
  const auto opportunity_ids = insert(c, org, records, order);

  std::vector<std::vector<store::Value>> rows;
  for (std::size_t i : order) {
    const OpportunityPlan& p = opportunities_[i];
    for (const StageEvent& e : p.history) {
      rows.push_back({org.value, opportunity_ids[i],
                      pipeline.stages[static_cast<std::size_t>(e.stage)], to_ms(e.at),
                      p.owner.value});
    }
  }
  static const std::array<std::string, 5> history_columns = {"org_id", "opportunity_id", "stage_id",
                                                             "entered_at", "user_id"};
  c.bulk_insert("opportunity_stage_history", history_columns, rows);

  // Quotes (their order ids are set once the orders exist), orders, their lines, payments.
  records.clear();
  order = chronological(quotes_, [](const QuotePlan& p) { return p.created; });
  for (std::size_t i : order) {
    const QuotePlan& p = quotes_[i];
    EntityRecord r = EntityRecord::empty(quote_kind);
    r.created_at = p.created;
    r.updated_at = p.updated;
    r.set("customer_id", customer_ids[static_cast<std::size_t>(p.customer)]);
    r.set("owner_id", p.owner.value);
    r.set("opportunity_id", opportunity_ids[static_cast<std::size_t>(p.opportunity)]);
    r.set("status", p.status);
    r.set("valid_until", format_date(p.valid_until));
    r.set("total", total_of(p.lines).value());
    records.push_back(std::move(r));
  }
  const auto quote_ids = insert(c, org, records, order);
  rows.clear();
  for (std::size_t i : order) add_lines(rows, org, quote_ids[i], 0, quotes_[i].lines, product_ids);

  records.clear();
  order = chronological(orders_, [](const OrderPlan& p) { return p.ordered; });
  for (std::size_t k = 0; k < order.size(); ++k) {
    const OrderPlan& p = orders_[order[k]];
    EntityRecord r = EntityRecord::empty(order_kind);
    r.created_at = p.ordered;
    r.updated_at = p.updated;
    r.external_id = "SO" + std::to_string(1000000 + k + 1);
    r.set("customer_id", customer_ids[static_cast<std::size_t>(p.customer)]);
    r.set("owner_id", p.owner.value);
    if (p.opportunity >= 0)
      r.set("opportunity_id", opportunity_ids[static_cast<std::size_t>(p.opportunity)]);
    if (p.quote >= 0) r.set("quote_id", quote_ids[static_cast<std::size_t>(p.quote)]);
    r.set("ordered_at", to_ms(p.ordered));
    r.set("due_date", format_date(p.due));
    r.set("status", p.status);
    r.set("total", p.total.value());
    r.set("paid", p.paid.value());
    r.set("notes", text_or_null(p.notes));
    records.push_back(std::move(r));
  }
  const auto order_ids = insert(c, org, records, order);
  for (std::size_t i : order) add_lines(rows, org, 0, order_ids[i], orders_[i].lines, product_ids);
  static const std::array<std::string, 9> line_columns = {
      "org_id",   "quote_id",   "order_id",    "position",  "product_id",
      "quantity", "unit_price", "discount_bp", "line_total"};
  c.bulk_insert("document_lines", line_columns, rows);
  for (std::size_t i = 0; i < quotes_.size(); ++i) {
    if (quotes_[i].order < 0) continue;
    c.exec("UPDATE quotes SET order_id = ? WHERE org_id = ? AND id = ?",
           {order_ids[static_cast<std::size_t>(quotes_[i].order)], org.value, quote_ids[i]});
  }

  records.clear();
  plan.clear();
  order = chronological(payments_, [](const PaymentPlan& p) { return p.received; });
  for (std::size_t i : order) {
    const PaymentPlan& p = payments_[i];
    if (p.dropped) continue;
    const OrderPlan& o = orders_[static_cast<std::size_t>(p.order)];
    EntityRecord r = EntityRecord::empty(payment_kind);
    r.created_at = r.updated_at = p.received;
    r.set("order_id", order_ids[static_cast<std::size_t>(p.order)]);
    r.set("customer_id", customer_ids[static_cast<std::size_t>(o.customer)]);
    r.set("owner_id", o.owner.value);
    r.set("amount", p.amount.value());
    r.set("received_at", to_ms(p.received));
    r.set("method", p.method);
    records.push_back(std::move(r));
  }
  if (!records.empty()) store::bulk_insert_entities(c, org, records);

  records.clear();
  order = chronological(activities_, [](const ActivityPlan& p) { return p.started; });
  for (std::size_t i : order) {
    const ActivityPlan& p = activities_[i];
    EntityRecord r = EntityRecord::empty(activity_kind);
    r.created_at = r.updated_at = p.started + minutes(p.duration);
    if (r.created_at > cal_.now) r.created_at = r.updated_at = cal_.now;
    r.set("type", std::string(p.type));
    r.set("user_id", p.user.value);
    r.set("customer_id", customer_ids[static_cast<std::size_t>(p.customer)]);
    if (p.opportunity >= 0)
      r.set("opportunity_id", opportunity_ids[static_cast<std::size_t>(p.opportunity)]);
    r.set("started_at", to_ms(p.started));
    r.set("duration_minutes", std::int64_t{p.duration});
    r.set("outcome", p.outcome);
    r.set("next_step", text_or_null(p.next_step));
    r.set("is_revisit", std::int64_t{p.revisit});
    if (p.satisfaction > 0) r.set("satisfaction", std::int64_t{p.satisfaction});
    records.push_back(std::move(r));
  }
  if (!records.empty()) store::bulk_insert_entities(c, org, records);

  records.clear();
  order = chronological(costs_, [](const CostPlan& p) { return p.spent_on; });
  for (std::size_t i : order) {
    const CostPlan& p = costs_[i];
    EntityRecord r = EntityRecord::empty(cost_kind);
    r.created_at = r.updated_at = std::min(cal_.at(p.spent_on, 10 * 60), cal_.now);
    r.set("spent_on", format_date(p.spent_on));
    r.set("scope_type", std::string("region"));
    r.set("scope_id", p.region.value);
    r.set("channel", p.channel);
    r.set("amount", p.amount.value());
    r.set("notes", p.notes);
    records.push_back(std::move(r));
  }
  if (!records.empty()) store::bulk_insert_entities(c, org, records);
}

// Returns the stage ids of the org's default pipeline (made if missing) by the roles of the
// default stages: its open stages in position order, its won stage, its first lost stage.
Pipeline default_pipeline(store::Connection& c, OrgId org, Instant now) {
  Pipeline p;
  p.id = service::ensure_default_pipeline(c, org, now);
  auto pipeline = store::find_pipeline(c, org, p.id);
  std::size_t open = 0;
  for (const StageDef& s : pipeline ? pipeline->stages : std::vector<StageDef>{}) {
    if (s.kind == StageKind::won) {
      p.stages[4] = s.id;
    } else if (s.kind == StageKind::lost) {
      if (!p.stages[5]) p.stages[5] = s.id;
    } else if (open < 4) {
      p.stages[open++] = s.id;
    }
  }
  if (open < 4 || !p.stages[4] || !p.stages[5]) {
    throw store::StoreError(store::StoreError::Kind::other,
                            "the default pipeline lacks the stages of the demo history");
  }
  return p;
}

}  // namespace

void add_demo_history(const service::Context& ctx, OrgId org, Instant now, std::uint64_t seed) {
  auto conn = ctx.db.acquire();
  auto snapshot = service::read_org_snapshot(*conn, org);
  if (!snapshot) throw store::StoreError(store::StoreError::Kind::other, "no such org");
  Calendar cal;
  cal.now = now;
  cal.zone = zone_of(snapshot->org().timezone);
  cal.today = cal.date_of(now);
  cal.start = cal.today - days(730);

  Generator generator(*snapshot, cal, seed);
  generator.run();

  store::Transaction tx(*conn, true);
  const Pipeline pipeline = default_pipeline(*conn, org, now);
  generator.write(*conn, org, pipeline);
  audit_demo_step(*conn, org, "demo_history", now, generator.summary_json());
  tx.commit();
}

}  // namespace fupan::demo
