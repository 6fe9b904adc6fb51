#include "large_org.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "core/crypto.h"
#include "core/money.h"
#include "domain/customer_tier.h"
#include "domain/dedupe.h"
#include "domain/order_math.h"
#include "domain/pipeline.h"
#include "domain/roles.h"
#include "service/crm/pipeline_service.h"
#include "store/bulk_load.h"
#include "store/pipeline_store.h"

namespace fupan::bench {
namespace {

using store::Value;
using SteadyClock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------------------
// Time. Days are numbered as sys_days (0 = 1970-01-01, a Thursday); instants are UTC ms.

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kZoneOffsetMs = 8 * 3'600'000;  // Asia/Shanghai: UTC+8, no DST
constexpr int kWorkStart = 9 * 60;                     // 9:00 local
constexpr int kWorkEnd = 18 * 60;                      // 18:00 local

std::int64_t day_number(LocalDate d) {
  return d.days().time_since_epoch().count();
}
// The local day numbered `day`.
LocalDate date_of(std::int64_t day) {
  return LocalDate::from_days(std::chrono::sys_days{std::chrono::days{day}});
}
// The instant of local midnight starting `day`.
std::int64_t start_of(std::int64_t day) {
  return day * kDayMs - kZoneOffsetMs;
}
std::int64_t day_of(std::int64_t ms) {
  return (ms + kZoneOffsetMs) / kDayMs;  // instants here are after 1970
}
bool working(std::int64_t day) {
  const std::int64_t weekday = (day + 4) % 7;  // 0 = Sunday
  return weekday != 0 && weekday != 6;
}
std::int64_t working_from(std::int64_t day) {
  while (!working(day)) ++day;
  return day;
}

// "YYYY-MM-DD" of each day in a range, made once.
class DateTexts {
 public:
  DateTexts(std::int64_t first, std::int64_t last) : first_(first) {
    for (std::int64_t d = first; d <= last; ++d) texts_.push_back(format_date(date_of(d)));
  }
  const std::string& operator()(std::int64_t day) const {
    if (day < first_ || day >= first_ + static_cast<std::int64_t>(texts_.size()))
      throw std::out_of_range("date outside the generated range");
    return texts_[static_cast<std::size_t>(day - first_)];
  }

 private:
  std::int64_t first_;
  std::vector<std::string> texts_;
};

// ---------------------------------------------------------------------------------------------
// Randomness: std::mt19937_64 streams, one per phase, and a keyed stream (splitmix64) for what is
// derived again from a key (a deal's lines). No std distributions: their results differ between
// standard libraries, and a seed must give the same org everywhere. For the same reason two
// draws never meet in one expression (the operands of + and of a call are unsequenced).

std::uint64_t mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

struct SplitMix {
  using result_type = std::uint64_t;
  std::uint64_t state;
  std::uint64_t operator()() { return mix(state += 0x9E3779B97F4A7C15ull); }
};

template <class Engine>
class BasicRng {
 public:
  explicit BasicRng(std::uint64_t seed) : gen_{seed} {}

  // Returns an integer in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(gen_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  int between(int lo, int hi) {
    return static_cast<int>(between(std::int64_t{lo}, std::int64_t{hi}));
  }
  std::size_t index(std::size_t n) { return static_cast<std::size_t>(gen_() % n); }
  // Returns a real in [0, 1).
  double unit() { return static_cast<double>(gen_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[index(N)];
  }
  template <std::size_t N>
  std::size_t weighted(const std::array<int, N>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int r = between(0, total - 1);
    for (std::size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return N - 1;
  }
  int poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 30) {  // normal approximation; Knuth's product underflows for large means
      const double radius = std::sqrt(-2 * std::log(1 - unit()));
      const double z = radius * std::cos(2 * std::numbers::pi * unit());
      return std::max(0, static_cast<int>(std::lround(mean + std::sqrt(mean) * z)));
    }
    const double limit = std::exp(-mean);
    int k = 0;
    for (double p = unit(); p > limit; p *= unit()) ++k;
    return k;
  }

 private:
  Engine gen_;
};

using Rng = BasicRng<std::mt19937_64>;
using KeyRng = BasicRng<SplitMix>;

// ---------------------------------------------------------------------------------------------
// Word lists.

struct City {
  const char* name;
  const char* area_code;
};
struct RegionDef {
  const char* name;
  const char* code;
  std::array<City, 5> cities;
};
constexpr std::array<RegionDef, 10> kRegions = {{
    {"华东区",
     "EAST",
     {{{"上海", "021"}, {"杭州", "0571"}, {"苏州", "0512"}, {"南京", "025"}, {"宁波", "0574"}}}},
    {"华南区",
     "SOUTH",
     {{{"广州", "020"}, {"深圳", "0755"}, {"东莞", "0769"}, {"佛山", "0757"}, {"厦门", "0592"}}}},
    {"华北区",
     "NORTH",
     {{{"北京", "010"},
       {"天津", "022"},
       {"石家庄", "0311"},
       {"太原", "0351"},
       {"呼和浩特", "0471"}}}},
    {"华中区",
     "CENTRAL",
     {{{"武汉", "027"}, {"长沙", "0731"}, {"郑州", "0371"}, {"南昌", "0791"}, {"宜昌", "0717"}}}},
    {"西南区",
     "SOUTHWEST",
     {{{"成都", "028"}, {"重庆", "023"}, {"昆明", "0871"}, {"贵阳", "0851"}, {"绵阳", "0816"}}}},
    {"西北区",
     "NORTHWEST",
     {{{"西安", "029"},
       {"兰州", "0931"},
       {"银川", "0951"},
       {"西宁", "0971"},
       {"乌鲁木齐", "0991"}}}},
    {"东北区",
     "NORTHEAST",
     {{{"沈阳", "024"}, {"大连", "0411"}, {"长春", "0431"}, {"哈尔滨", "0451"}, {"吉林", "0432"}}}},
    {"山东区",
     "SHANDONG",
     {{{"济南", "0531"}, {"青岛", "0532"}, {"烟台", "0535"}, {"潍坊", "0536"}, {"临沂", "0539"}}}},
    {"江苏区",
     "JIANGSU",
     {{{"无锡", "0510"}, {"常州", "0519"}, {"南通", "0513"}, {"徐州", "0516"}, {"扬州", "0514"}}}},
    {"浙江区",
     "ZHEJIANG",
     {{{"温州", "0577"}, {"绍兴", "0575"}, {"嘉兴", "0573"}, {"金华", "0579"}, {"台州", "0576"}}}},
}};

constexpr std::array<const char*, 64> kBrands = {
    "明远", "华信", "恒通", "瑞丰", "鼎盛", "天润", "新宇", "博远", "嘉禾", "金桥", "海纳",
    "宏达", "永泰", "盛世", "安达", "远景", "凯瑞", "众诚", "汇通", "德润", "景行", "启明",
    "卓越", "华创", "九州", "长风", "青云", "星辰", "锦程", "信达", "百川", "优品", "睿智",
    "泰和", "联创", "鸿运", "聚力", "云帆", "和信", "中天", "东升", "华邦", "宝丰", "晨曦",
    "立信", "弘毅", "思源", "润泽", "万通", "金鼎", "腾飞", "瑞祥", "华美", "天成", "鑫源",
    "北辰", "正大", "昌盛", "恒泰", "富华", "新元", "同创", "光明", "兴业"};
constexpr std::array<const char*, 9> kMiddles = {"",     "",     "",     "智能", "数据",
                                                 "国际", "实业", "创新", "云"};

struct Industry {
  const char* name;
  std::array<const char*, 4> words;
  bool uses_hardware;
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
  double engage;  // chance that a customer from the channel gets opportunities
};
constexpr std::array<Channel, 6> kChannels = {{{"展会", 0.70},
                                               {"官网", 0.60},
                                               {"转介绍", 0.85},
                                               {"电话营销", 0.50},
                                               {"合作伙伴", 0.75},
                                               {"广告", 0.55}}};
constexpr std::array<int, 6> kChannelWeights = {16, 22, 14, 20, 16, 12};
constexpr std::array<const char*, 3> kSuffixes = {"有限公司", "股份有限公司", "集团有限公司"};
constexpr std::array<int, 3> kSuffixWeights = {70, 20, 10};

constexpr std::array<const char*, 30> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
    "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};
constexpr std::array<const char*, 24> kGiven = {
    "建国", "志强", "丽华", "晓明", "海燕", "国栋", "雪梅", "文博", "子涵", "俊杰", "婷",   "磊",
    "静怡", "浩然", "慧",   "鹏",   "佳琪", "立新", "秀英", "宇航", "红梅", "振华", "思远", "欣然"};
constexpr std::array<const char*, 10> kRoads = {"人民路", "中山路",   "解放路",   "建设路",
                                                "长江路", "科技园路", "工业大道", "滨江大道",
                                                "新华路", "和平路"};
constexpr std::array<const char*, 7> kTags = {"重点客户", "老客户",   "集团客户", "政府项目",
                                              "上市公司", "年度框架", "渠道客户"};
constexpr std::array<const char*, 5> kCompetitors = {"云图软件", "智客科技", "汇销通", "星河数智",
                                                     "易达CRM"};
constexpr std::array<const char*, 4> kLostReasons = {"价格", "竞品", "预算取消", "需求变化"};
constexpr std::array<int, 4> kLostReasonWeights = {35, 25, 20, 20};
constexpr std::array<const char*, 8> kMobilePrefixes = {"138", "139", "136", "158",
                                                        "186", "187", "135", "150"};

// Activities: the type names of crm_schema.cc, their weights, and what happened.
constexpr std::array<const char*, 5> kActivityTypes = {"visit", "call", "email", "meeting",
                                                       "other"};
enum ActivityType : std::uint8_t { kVisit, kCall, kEmail, kMeeting, kOther };
constexpr std::array<int, 5> kActivityWeights = {20, 38, 22, 12, 8};
constexpr std::array<std::array<const char*, 4>, 5> kOutcomes = {{
    {"上门拜访，了解业务现状", "现场演示产品", "拜访决策人", "现场调研实施环境"},
    {"电话沟通需求", "确认预算和决策流程", "客户暂无时间，约下周", "沟通付款条款"},
    {"发送产品资料", "发送方案和报价单", "发送会议纪要", "发送合同草稿"},
    {"需求研讨会", "方案汇报会", "商务谈判", "季度业务回顾会"},
    {"参加客户年会", "行业沙龙交流", "整理客户资料", "陪同技术支持"},
}};
constexpr std::array<const char*, 4> kRevisitOutcomes = {
    "回访使用情况，客户整体满意", "回访培训效果", "回访售后服务", "回访系统上线效果"};
constexpr std::array<const char*, 8> kNextSteps = {"发送方案",     "安排产品演示", "约见决策人",
                                                   "准备报价",     "跟进合同审批", "安排技术交流",
                                                   "确认回款时间", "下周电话回访"};

constexpr std::array<const char*, 4> kPaymentMethods = {"bank", "online", "cheque", "cash"};
constexpr std::array<int, 4> kPaymentMethodWeights = {85, 8, 5, 2};

struct ProductDef {
  const char* code;
  const char* name;
  const char* category;
  const char* unit;
  int list_price;  // 元
  bool active;
};
enum ProductIndex {
  kStandard,
  kProfessional,
  kFlagship,
  kAnalytics,
  kMobile,
  kCallCenter,
  kMarketing,
  kPartners,
  kApi,
  kBadge,
  kTerminal,
  kServer,
  kScanner,
  kTablet,
  kImplementation,
  kTraining,
  kSupport,
  kCustom,
  kMigration,
  kOnsite,
  kBasicRetired,
  kBadgeRetired,
};
constexpr std::array<ProductDef, 22> kProducts = {{
    {"FP-CRM-STD", "销售云 标准版", "软件", "套/年", 29800, true},
    {"FP-CRM-PRO", "销售云 专业版", "软件", "套/年", 58000, true},
    {"FP-CRM-ULT", "销售云 旗舰版", "软件", "套/年", 128000, true},
    {"FP-BI", "数据分析模块", "软件", "套/年", 36000, true},
    {"FP-MOB", "移动办公增值包", "软件", "套/年", 12000, true},
    {"FP-CC", "呼叫中心模块", "软件", "套/年", 24000, true},
    {"FP-MA", "营销自动化模块", "软件", "套/年", 42000, true},
    {"FP-PRM", "渠道管理模块", "软件", "套/年", 30000, true},
    {"FP-API", "API 集成包", "软件", "套/年", 18000, true},
    {"FP-HW-B2", "智能工牌 B2", "硬件", "台", 1200, true},
    {"FP-HW-P5", "门店终端 P5", "硬件", "台", 4800, true},
    {"FP-HW-E1", "边缘服务器 E1", "硬件", "台", 86000, true},
    {"FP-HW-S3", "扫码枪 S3", "硬件", "台", 800, true},
    {"FP-HW-T10", "平板 T10", "硬件", "台", 3200, true},
    {"FP-SV-IMP", "实施服务", "服务", "人天", 3000, true},
    {"FP-SV-TRN", "培训服务", "服务", "场", 8000, true},
    {"FP-SV-OPS", "年度运维服务", "服务", "年", 20000, true},
    {"FP-SV-DEV", "定制开发", "服务", "人天", 3500, true},
    {"FP-SV-MIG", "数据迁移服务", "服务", "次", 15000, true},
    {"FP-SV-ONS", "驻场支持", "服务", "人天", 2500, true},
    {"FP-CRM-BAS", "销售云 基础版（停售）", "软件", "套/年", 9800, false},
    {"FP-HW-B1", "智能工牌 B1（停售）", "硬件", "台", 900, false},
}};

// Returns 1..99 in Chinese numerals.
std::string chinese_number(int n) {
  static constexpr std::array<const char*, 11> digits = {"零", "一", "二", "三", "四", "五",
                                                         "六", "七", "八", "九", "十"};
  if (n <= 10) return digits[static_cast<std::size_t>(n)];
  if (n < 20) return std::string("十") + digits[static_cast<std::size_t>(n - 10)];
  return std::string(digits[static_cast<std::size_t>(n / 10)]) + "十" +
         (n % 10 ? digits[static_cast<std::size_t>(n % 10)] : "");
}

std::string padded(std::string_view prefix, std::int64_t n, std::size_t width) {
  std::string digits = std::to_string(n);
  return std::string(prefix) + std::string(width > digits.size() ? width - digits.size() : 0, '0') +
         digits;
}

// ---------------------------------------------------------------------------------------------
// Deals: what is sold, derived again from a key wherever it is needed, so plans stay small.

struct Line {
  int product = 0;
  std::int64_t quantity = 1;
  Fen unit_price;
  int discount_bp = 0;
  Fen total;
};
struct Lines {
  std::array<Line, 3> items;
  int n = 0;
  Fen total;
};
enum class DealKind : std::uint8_t { new_deal, renewal, add_on };

Lines deal_lines(std::uint64_t key, DealKind kind) {
  KeyRng r(key);
  Lines out;
  auto add = [&](int product, std::int64_t quantity, int discount_bp) {
    Line& l = out.items[static_cast<std::size_t>(out.n++)];
    l.product = product;
    l.quantity = quantity;
    l.unit_price = Fen{kProducts[static_cast<std::size_t>(product)].list_price} * 100;
    l.discount_bp = discount_bp;
    l.total = line_total({l.quantity, l.unit_price, l.discount_bp});
    out.total += l.total;
  };
  static constexpr std::array<int, 9> extras = {
      kAnalytics, kMobile, kCallCenter, kMarketing, kPartners, kApi, kBadge, kTerminal, kTablet};
  switch (kind) {
    case DealKind::new_deal: {
      const int size = static_cast<int>(r.weighted(std::array{50, 35, 15}));  // S, M, L
      const int discount =
          r.between(0, std::array{5, 12, 20}[static_cast<std::size_t>(size)]) * 100;
      const int edition = size == 0   ? (r.chance(0.2) ? kProfessional : kStandard)
                          : size == 1 ? kProfessional
                                      : kFlagship;
      add(edition, size == 2 ? r.between(1, 3) : 1, discount);
      if (r.chance(0.7)) {
        const int p = r.pick(extras);
        add(p, p >= kBadge ? r.between(5, 40) * (size + 1) : 1, discount);
      }
      if (r.chance(0.6)) {
        const int p = r.pick(std::array{int{kImplementation}, int{kImplementation}, int{kTraining},
                                        int{kMigration}, int{kCustom}});
        add(p, p == kTraining || p == kMigration ? r.between(1, 3) : r.between(3, 20) * (size + 1),
            discount);
      }
      break;
    }
    case DealKind::renewal: {
      const int edition = static_cast<int>(r.weighted(std::array{50, 35, 15}));
      add(edition, 1, r.between(0, 10) * 100);
      if (r.chance(0.5)) add(kSupport, 1, 0);
      break;
    }
    case DealKind::add_on: {
      const int n = r.chance(0.7) ? 1 : 2;
      for (int i = 0; i < n; ++i) {
        const int p = r.chance(0.6) ? r.pick(extras)
                                    : r.pick(std::array{int{kTraining}, int{kCustom}, int{kOnsite},
                                                        int{kScanner}, int{kServer}});
        const std::int64_t q = p == kServer                  ? 1
                               : p >= kBadge && p <= kTablet ? r.between(2, 30)
                               : p >= kImplementation        ? r.between(1, 10)
                                                             : 1;
        add(p, q, r.between(0, 5) * 100);
      }
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing: a table's rows in one transaction, in chunks through Connection::bulk_insert. The
// chunk's rows are reused, so a string column keeps its buffer from row to row.

constexpr std::size_t kChunk = 50'000;

void set(Value& v, std::int64_t n) {
  v = n;
}
void set(Value& v, std::string_view s) {
  if (auto* text = std::get_if<std::string>(&v)) {
    text->assign(s.data(), s.size());
  } else {
    v.emplace<std::string>(s);
  }
}

// Integrity checks the generator does not need while it loads a fresh store: its references
// are right by construction (the smoke run checks with PRAGMA foreign_key_check). SQLite checks
// every reference of every row against its parent table: off for the generator's connection
// (the pragma is a no-op inside a transaction, so it is set around the per-table ones). On
// PostgreSQL the foreign-key triggers are skipped when the role may (superuser: replica mode),
// and index builds get more memory. Everything is put back before the connection returns to
// the pool.
class UncheckedLoad {
 public:
  explicit UncheckedLoad(store::Connection& c) : c_(c) {
    if (c_.dialect() == store::Dialect::sqlite) {
      c_.exec_script("PRAGMA foreign_keys = OFF");
      return;
    }
    c_.exec_script("SET maintenance_work_mem = '512MB'");
    try {
      c_.exec_script("SET session_replication_role = replica");
    } catch (const store::StoreError&) {  // not a superuser: the checks stay
    }
  }
  UncheckedLoad(const UncheckedLoad&) = delete;
  UncheckedLoad& operator=(const UncheckedLoad&) = delete;
  ~UncheckedLoad() {
    try {
      c_.exec_script(c_.dialect() == store::Dialect::sqlite
                         ? "PRAGMA foreign_keys = ON"
                         : "RESET session_replication_role; RESET maintenance_work_mem");
    } catch (...) {
    }
  }

 private:
  store::Connection& c_;
};

// store::BulkLoad for PostgreSQL, where it leaves the indexes alone for the sake of live
// readers: a fresh store has none, so a table's non-unique indexes are dropped inside the load's
// transaction and built once at its end (on SQLite this does nothing: BulkLoad does it there).
class PostgresIndexRebuild {
 public:
  PostgresIndexRebuild(store::Connection& c, const std::string& table) : c_(c) {
    if (c.dialect() != store::Dialect::postgres) return;
    store::Rows rows = c.query(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND "
        "tablename = ? AND indexdef NOT LIKE 'CREATE UNIQUE%' ORDER BY indexname",
        {Value{table}});
    for (std::size_t r = 0; r < rows.size(); ++r) {
      c.exec_script("DROP INDEX \"" + rows.str(r, 0) + "\"");
      definitions_.push_back(rows.str(r, 1));
    }
  }
  void finish() {
    for (const std::string& sql : definitions_) c_.exec_script(sql);
    definitions_.clear();
  }

 private:
  store::Connection& c_;
  std::vector<std::string> definitions_;
};

class TableLoad {
 public:
  // One row being filled, cell by cell in column order.
  class Row {
   public:
    Row(std::vector<Value>& cells, std::size_t& filled) : cells_(cells), filled_(filled) {}
    Row& operator<<(std::int64_t n) {
      set(cells_[filled_++], n);
      return *this;
    }
    Row& operator<<(int n) { return *this << std::int64_t{n}; }
    Row& operator<<(Fen fen) { return *this << fen.value(); }
    Row& operator<<(std::string_view s) {
      set(cells_[filled_++], s);
      return *this;
    }
    Row& operator<<(std::nullopt_t) {
      cells_[filled_++] = std::monostate{};
      return *this;
    }

   private:
    std::vector<Value>& cells_;
    std::size_t& filled_;
  };

  TableLoad(store::Connection& c, std::string table, std::vector<std::string> columns,
            std::size_t expected_rows, const LargeOrgOptions& o)
      : c_(c),
        o_(o),
        started_(SteadyClock::now()),
        table_(std::move(table)),
        columns_(std::move(columns)),
        tx_(c, true),
        load_(c, table_),
        pg_indexes_(c, table_),
        rows_(std::clamp<std::size_t>(expected_rows, 1, kChunk),
              std::vector<Value>(columns_.size())) {}

  Row row() {
    check_filled();
    if (n_ == rows_.size()) flush();
    ++total_;
    filled_ = 0;
    return Row(rows_[n_++], filled_);
  }

  // Writes what is left, builds the indexes, commits; returns the number of rows.
  std::int64_t commit() {
    check_filled();
    flush();
    load_.finish();
    pg_indexes_.finish();
    // Ids were given explicitly: PostgreSQL's identity must continue after them.
    if (c_.dialect() == store::Dialect::postgres && columns_.front() == "id" && total_ > 0) {
      c_.query("SELECT setval(pg_get_serial_sequence('" + table_ +
                   "', 'id'), (SELECT MAX(id) FROM " + table_ + "))",
               std::span<const Value>());
    }
    tx_.commit();
    // PostgreSQL plans by statistics that autovacuum would gather some time later.
    if (c_.dialect() == store::Dialect::postgres) c_.exec_script("ANALYZE " + table_);
    if (o_.progress) {
      o_.progress(table_, total_,
                  std::chrono::duration<double>(SteadyClock::now() - started_).count());
    }
    return total_;
  }

 private:
  void check_filled() const {
    if (n_ > 0 && filled_ != columns_.size())
      throw std::logic_error("large_org: a row of " + table_ + " has " + std::to_string(filled_) +
                             " cells, not " + std::to_string(columns_.size()));
  }
  void flush() {
    if (n_ == 0) return;
    c_.bulk_insert(table_, columns_, std::span<const std::vector<Value>>(rows_.data(), n_));
    n_ = 0;
  }

  store::Connection& c_;
  const LargeOrgOptions& o_;
  SteadyClock::time_point started_;
  std::string table_;
  std::vector<std::string> columns_;
  store::Transaction tx_;
  store::BulkLoad load_;
  PostgresIndexRebuild pg_indexes_;
  std::vector<std::vector<Value>> rows_;
  std::size_t n_ = 0;       // rows of the chunk filled
  std::size_t filled_ = 0;  // cells of the current row
  std::int64_t total_ = 0;
};

// Returns the largest id of `table` (0 when empty): generated ids continue from there.
std::int64_t last_id(store::Connection& c, const std::string& table) {
  return c.query("SELECT COALESCE(MAX(id), 0) FROM " + table, std::span<const Value>()).i64(0, 0);
}

// ---------------------------------------------------------------------------------------------
// The plan: records refer to each other by index into the plans; a record's id is the table's
// base id + 1 + its index, the plans being sorted by time first so ids grow with time.

struct TeamPlan {
  std::string name;
  int region;
  int parent;  // -1: top level
  std::vector<int> sellers;
};

struct Seller {
  UserId id;
  double weight;  // share of customers and activities: reps by skill, leaders less
  int team, region;
  std::int64_t move_day = std::numeric_limits<std::int64_t>::max();
  int new_team = -1, new_region = -1;
  std::vector<int> customers;      // by creation
  std::vector<int> opportunities;  // by creation
  std::vector<int> buyers;         // customers by their first order

  int team_on(std::int64_t day) const { return day >= move_day ? new_team : team; }
  int region_on(std::int64_t day) const { return day >= move_day ? new_region : region; }
};

struct CustomerPlan {
  std::int64_t created = 0;
  int owner = 0;  // seller index
  int region = 0;
  std::uint8_t industry = 0, channel = 0, city = 0;
  bool engaged = false;  // gets opportunities
  std::string name, short_name, name_key;
  std::int64_t first_win = 0, first_order = 0, last_order = 0, last_touch = 0;
  Fen revenue_12m;
  std::int64_t orders_12m = 0;
};

enum class OppStatus : std::uint8_t { open, won, lost };
constexpr int kMaxOpenStages = 8;

struct OpportunityPlan {
  std::int64_t created = 0;
  std::uint64_t key = 0;  // derives the deal's lines
  int customer = 0, owner = 0;
  Fen amount;
  OppStatus status = OppStatus::open;
  std::uint8_t reached = 0;  // the last open stage entered (index into the open stages)
  // Entry instants of open stages 0..reached, then the closing instant when won or lost.
  std::array<std::int64_t, kMaxOpenStages + 1> at{};
  std::int64_t closed() const { return at[reached + 1u]; }
  std::int64_t last_change() const { return status == OppStatus::open ? at[reached] : closed(); }
};

enum class OrderStatus : std::uint8_t { confirmed, delivered, completed, cancelled };
constexpr std::array<const char*, 4> kOrderStatuses = {"confirmed", "delivered", "completed",
                                                       "cancelled"};

struct OrderPlan {
  std::int64_t ordered = 0, updated = 0;
  std::uint64_t key = 0;
  int customer = 0, owner = 0, opportunity = -1;
  Fen total, paid;
  DealKind kind = DealKind::new_deal;
  OrderStatus status = OrderStatus::confirmed;
  bool has_lines = false;
};

struct PaymentPlan {
  std::int64_t received = 0;
  int order = 0;
  Fen amount;
  std::uint8_t method = 0;
};

struct ActivityPlan {
  std::int64_t started = 0;
  int seq = 0;  // breaks ties of `started`
  int seller = 0, customer = 0, opportunity = -1;
  std::int16_t duration = 0;
  std::uint8_t type = 0;
  std::uint8_t outcome = 0;
  std::int8_t next_step = -1;
  std::uint8_t satisfaction = 0;  // 0: none
  bool revisit = false;
};

class Generator {
 public:
  Generator(store::Database& db, const LargeOrgOptions& o)
      : db_(db),
        o_(o),
        first_(day_number(o.first_day)),
        last_(day_number(o.last_day)),
        end_ms_(start_of(last_)),
        dates_(first_ - 800, last_ + 800) {
    if (last_ - first_ < 60) throw std::invalid_argument("large_org: the span is under 60 days");
    auto scaled = [&](double n) {
      return static_cast<std::int64_t>(std::llround(std::max(0.0, n * o.scale)));
    };
    customers_n_ = scaled(o.customers);
    opportunities_n_ = customers_n_ ? scaled(o.opportunities) : 0;
    orders_n_ = customers_n_ ? scaled(o.orders) : 0;
    activities_n_ = customers_n_ ? scaled(static_cast<double>(o.activities)) : 0;
  }

  LargeOrg run() {
    auto lease = db_.acquire();
    store::Connection& c = *lease;
    UncheckedLoad unchecked(c);
    write_structure(c);
    write_pipeline_and_products(c);
    timed("plan:customers", [&] {
      plan_customers();
      return customers_.size();
    });
    timed("plan:opportunities", [&] {
      plan_opportunities();
      return opportunities_.size();
    });
    timed("plan:orders", [&] {
      plan_orders();
      return orders_.size();
    });
    timed("plan:payments", [&] {
      plan_payments();
      return payments_.size();
    });
    settle_customers();
    write_customers(c);
    write_opportunities(c);
    write_orders(c);
    write_activities(c);
    write_costs(c);
    return out_;
  }

 private:
  template <class F>
  void timed(std::string_view step, F f) {
    const auto t0 = SteadyClock::now();
    const std::size_t n = f();
    if (o_.progress)
      o_.progress(step, static_cast<std::int64_t>(n),
                  std::chrono::duration<double>(SteadyClock::now() - t0).count());
  }

  std::uint64_t stream(std::uint64_t phase) const {
    return mix(o_.seed * 0x9E3779B97F4A7C15ull + phase);
  }

  std::int64_t work_time(std::int64_t day, Rng& rng, int duration = 0) const {
    const std::int64_t minute = rng.between(kWorkStart, kWorkEnd - 1 - duration);
    return start_of(day) + minute * kMinuteMs + rng.between(0, 59) * 1000;
  }

  // A working day in [lo, hi], or -1 when there is none.
  static std::int64_t working_day_in(std::int64_t lo, std::int64_t hi, std::int64_t pick) {
    std::int64_t d = working_from(pick);
    if (d > hi) {
      d = hi;
      while (d >= lo && !working(d)) --d;
    }
    return d >= lo ? d : -1;
  }

  std::string person_name(Rng& rng) const {
    std::string name = rng.pick(kSurnames);
    return name + rng.pick(kGiven);
  }
  std::string mobile(Rng& rng) const {
    std::string number = rng.pick(kMobilePrefixes);
    return number + padded("", rng.between(0, 99'999'999), 8);
  }

  // ---- the org: regions, teams, users, roles, memberships

  void write_structure(store::Connection& c) {
    Rng rng(stream(1));
    const int n_regions = std::min<int>(static_cast<int>(kRegions.size()), o_.teams);
    const int n_teams = o_.teams;
    if (n_teams < 1 || o_.users < 1 + n_regions + n_teams + 1) {
      throw std::invalid_argument(
          "large_org: the users must hold an admin, a director per region, a leader per team and "
          "a rep");
    }
    const std::int64_t created = start_of(first_ - 30) + kWorkStart * kMinuteMs;
    org_base_ = last_id(c, "orgs");
    region_base_ = last_id(c, "regions");
    team_base_ = last_id(c, "teams");
    user_base_ = last_id(c, "users");
    const std::int64_t membership_base = last_id(c, "memberships");
    out_.org = OrgId{org_base_ + 1};
    const std::int64_t org = out_.org.value;

    {
      TableLoad t(c, "orgs", {"id", "name", "timezone", "is_demo", "created_at", "updated_at"}, 1,
                  o_);
      t.row() << org << "复盘压测集团"
              << "Asia/Shanghai" << 0 << created << created;
      t.commit();
    }
    {
      TableLoad t(c, "regions", {"id", "org_id", "name", "code", "created_at", "updated_at"},
                  static_cast<std::size_t>(n_regions), o_);
      for (int r = 0; r < n_regions; ++r) {
        const RegionDef& def = kRegions[static_cast<std::size_t>(r)];
        t.row() << region_base_ + 1 + r << org << def.name << def.code << created << created;
        out_.regions.emplace_back(region_base_ + 1 + r);
      }
      t.commit();
    }

    // Teams: in each region a fifth are top-level departments (销售一部…), most of the rest
    // their groups, and the last few special groups under those groups (two levels deep).
    for (int r = 0; r < n_regions; ++r) {
      const int n = n_teams / n_regions + (r < n_teams % n_regions ? 1 : 0);
      const int tops = std::max(1, n / 5);
      int subs = (n - tops) * 3 / 4;
      if (subs == 0) subs = n - tops;
      const std::string region = kRegions[static_cast<std::size_t>(r)].name;
      std::vector<int> top_index, sub_index;
      std::vector<int> children(static_cast<std::size_t>(n_teams), 0);
      for (int k = 0; k < n; ++k) {
        TeamPlan t;
        t.region = r;
        const int index = static_cast<int>(teams_.size());
        if (k < tops) {
          t.parent = -1;
          t.name = region + "销售" + chinese_number(k + 1) + "部";
          top_index.push_back(index);
        } else if (k < tops + subs) {
          t.parent = top_index[static_cast<std::size_t>((k - tops) % tops)];
          const int nth = ++children[static_cast<std::size_t>(t.parent)];
          t.name = teams_[static_cast<std::size_t>(t.parent)].name + chinese_number(nth) + "组";
          sub_index.push_back(index);
        } else {
          t.parent = sub_index[static_cast<std::size_t>((k - tops - subs) % subs)];
          const int nth = ++children[static_cast<std::size_t>(t.parent)];
          t.name = teams_[static_cast<std::size_t>(t.parent)].name + "大客户攻坚" +
                   (nth > 1 ? chinese_number(nth) : "") + "小组";
        }
        teams_.push_back(std::move(t));
      }
    }
    {
      TableLoad t(c, "teams",
                  {"id", "org_id", "region_id", "parent_id", "name", "created_at", "updated_at"},
                  teams_.size(), o_);
      for (std::size_t i = 0; i < teams_.size(); ++i) {
        const TeamPlan& p = teams_[i];
        auto row = t.row();
        row << team_id(static_cast<int>(i)) << org << region_id(p.region);
        if (p.parent >= 0) {
          row << team_id(p.parent);
        } else {
          row << std::nullopt;
        }
        row << p.name << created << created;
        out_.teams.emplace_back(team_id(static_cast<int>(i)));
      }
      t.commit();
    }

    // Users: the admin, a director per region, a leader per team (the first one is `manager`),
    // then reps round the teams (the first rep of the manager's team is `rep`).
    struct UserPlan {
      std::string username, display;
      Role role;
      int region = -1;
      int team = -1;
      int seller = -1;
    };
    std::vector<UserPlan> users;
    int numbered = 0;
    auto next_username = [&] { return padded("u", ++numbered, 4); };
    users.push_back({"admin", "系统管理员", Role::admin});
    for (int r = 0; r < n_regions; ++r)
      users.push_back({next_username(), person_name(rng), Role::director, r});
    for (int t = 0; t < n_teams; ++t) {
      if (t == 0) {
        users.push_back({"manager", "钱经理", Role::manager, -1, t});
      } else {
        users.push_back({next_username(), person_name(rng), Role::manager, -1, t});
      }
    }
    const int reps = o_.users - static_cast<int>(users.size());
    for (int k = 0; k < reps; ++k) {
      if (k == 0) {
        users.push_back({"rep", "李销售", Role::rep, -1, 0});
      } else {
        users.push_back({next_username(), person_name(rng), Role::rep, -1, k % n_teams});
      }
    }

    crypto_init();
    const std::string hash = hash_password(kLargeOrgPassword);
    {
      TableLoad t(c, "users",
                  {"id", "org_id", "username", "display_name", "email", "phone", "password_hash",
                   "region_id", "active", "created_at", "updated_at"},
                  users.size(), o_);
      for (std::size_t i = 0; i < users.size(); ++i) {
        const UserPlan& u = users[i];
        const std::int64_t id = user_base_ + 1 + static_cast<std::int64_t>(i);
        auto row = t.row();
        row << id << org << u.username << u.display << u.username + "@bench.fupan.local"
            << mobile(rng) << hash;
        if (u.region >= 0) {
          row << region_id(u.region);
        } else {
          row << std::nullopt;
        }
        row << 1 << created << created;
        out_.users.emplace_back(id);
        if (u.username == "admin") out_.admin = UserId{id};
        if (u.username == "manager") out_.manager = UserId{id};
        if (u.username == "rep") out_.rep = UserId{id};
      }
      t.commit();
    }
    {
      TableLoad t(c, "user_roles", {"org_id", "user_id", "role"}, users.size(), o_);
      for (std::size_t i = 0; i < users.size(); ++i)
        t.row() << org << user_base_ + 1 + static_cast<std::int64_t>(i) << role_name(users[i].role);
      t.commit();
    }

    // Sellers: leaders and reps. 5 % of the reps move to another team once, most within their
    // region: a membership until the move and one from it.
    for (std::size_t i = 0; i < users.size(); ++i) {
      UserPlan& u = users[i];
      if (u.team < 0) continue;
      Seller s;
      s.id = UserId{user_base_ + 1 + static_cast<std::int64_t>(i)};
      s.weight = u.role == Role::manager ? 0.3 : 0.6 + 0.8 * rng.unit();
      s.team = u.team;
      s.region = teams_[static_cast<std::size_t>(u.team)].region;
      if (u.role == Role::rep && u.username != "rep" && n_teams > 1 && last_ - first_ > 180 &&
          rng.chance(0.05)) {
        s.move_day = working_from(first_ + rng.between(std::int64_t{90}, last_ - first_ - 60));
        const bool same_region = rng.chance(0.7);
        for (int attempt = 0; attempt < 50; ++attempt) {
          const int t = static_cast<int>(rng.index(teams_.size()));
          if (t != u.team &&
              (teams_[static_cast<std::size_t>(t)].region == s.region) == same_region) {
            s.new_team = t;
            break;
          }
        }
        if (s.new_team < 0) s.new_team = (u.team + 1) % n_teams;
        s.new_region = teams_[static_cast<std::size_t>(s.new_team)].region;
      }
      u.seller = static_cast<int>(sellers_.size());
      teams_[static_cast<std::size_t>(u.team)].sellers.push_back(u.seller);
      sellers_.push_back(std::move(s));
    }
    {
      TableLoad t(c, "memberships",
                  {"id", "org_id", "user_id", "team_id", "role", "valid_from", "valid_to",
                   "created_at", "updated_at"},
                  sellers_.size() + sellers_.size() / 10, o_);
      std::int64_t id = membership_base;
      for (const UserPlan& u : users) {
        if (u.seller < 0) continue;
        const Seller& s = sellers_[static_cast<std::size_t>(u.seller)];
        const std::string_view role =
            team_role_name(u.role == Role::manager ? TeamRole::leader : TeamRole::member);
        auto row = t.row();
        row << ++id << org << s.id.value << team_id(s.team) << role << dates_(first_);
        if (s.new_team >= 0) {
          const std::int64_t moved = start_of(s.move_day) + kWorkStart * kMinuteMs;
          row << dates_(s.move_day) << created << moved;
          t.row() << ++id << org << s.id.value << team_id(s.new_team) << role << dates_(s.move_day)
                  << std::nullopt << moved << moved;
        } else {
          row << std::nullopt << created << created;
        }
      }
      t.commit();
    }
    double total = 0;
    for (const Seller& s : sellers_) total += s.weight;
    for (const Seller& s : sellers_) seller_cdf_.push_back(total_weight_ += s.weight / total);
  }

  std::int64_t region_id(int r) const { return region_base_ + 1 + r; }
  std::int64_t team_id(int t) const { return team_base_ + 1 + t; }

  int pick_seller(Rng& rng) const {
    const double u = rng.unit() * total_weight_;
    const auto it = std::upper_bound(seller_cdf_.begin(), seller_cdf_.end(), u);
    return static_cast<int>(std::min<std::ptrdiff_t>(
        it - seller_cdf_.begin(), static_cast<std::ptrdiff_t>(sellers_.size()) - 1));
  }

  // ---- the default pipeline (SPEC's stages, as the service makes it) and the products

  void write_pipeline_and_products(store::Connection& c) {
    const std::int64_t created = start_of(first_ - 30) + kWorkStart * kMinuteMs;
    {
      store::Transaction tx(c, true);
      pipeline_id_ = service::ensure_default_pipeline(c, out_.org, instant_from_ms(created));
      tx.commit();
    }
    auto pipeline = store::find_pipeline(c, out_.org, pipeline_id_);
    if (pipeline) {
      for (const StageDef& s : pipeline->stages) {
        if (s.kind == StageKind::open) open_stages_.push_back(s.id);
        if (s.kind == StageKind::won && !won_stage_) won_stage_ = s.id;
        if (s.kind == StageKind::lost && !lost_stage_) lost_stage_ = s.id;
      }
    }
    if (open_stages_.empty() || open_stages_.size() > kMaxOpenStages || !won_stage_ || !lost_stage_)
      throw std::logic_error("large_org: the default pipeline is not the default stages");

    product_base_ = last_id(c, "products");
    TableLoad t(c, "products",
                {"id", "org_id", "name", "code", "category", "unit", "list_price", "price_a",
                 "price_b", "price_c", "active", "created_at", "updated_at"},
                kProducts.size(), o_);
    for (std::size_t i = 0; i < kProducts.size(); ++i) {
      const ProductDef& p = kProducts[i];
      const Fen list = Fen{p.list_price} * 100;
      t.row() << product_base_ + 1 + static_cast<std::int64_t>(i) << out_.org.value << p.name
              << p.code << p.category << p.unit << list << list.value() * 85 / 100
              << list.value() * 92 / 100 << list << (p.active ? 1 : 0) << created << created;
    }
    t.commit();
  }

  // ---- customers: 12 % in the first four weeks (the book the org started with), the rest
  // arriving at a mildly growing rate.

  void plan_customers() {
    Rng rng(stream(2));
    const std::int64_t span = last_ - first_;
    customers_.resize(static_cast<std::size_t>(customers_n_));
    std::unordered_set<std::string> keys;
    keys.reserve(customers_.size() * 2);
    for (CustomerPlan& c : customers_) {
      c.owner = pick_seller(rng);
      const std::int64_t offset = rng.chance(0.12)
                                      ? rng.between(std::int64_t{0}, std::int64_t{27})
                                      : static_cast<std::int64_t>(static_cast<double>(span - 1) *
                                                                  std::pow(rng.unit(), 0.85));
      const std::int64_t day = working_day_in(first_, last_ - 1, first_ + offset);
      c.created = work_time(day, rng);
      c.region = sellers_[static_cast<std::size_t>(c.owner)].region_on(day);
      c.industry = static_cast<std::uint8_t>(rng.weighted(kIndustryWeights));
      c.channel = static_cast<std::uint8_t>(rng.weighted(kChannelWeights));
      c.engaged = rng.chance(kChannels[c.channel].engage);
      const Industry& ind = kIndustries[c.industry];
      for (int attempt = 0;; ++attempt) {
        c.city = static_cast<std::uint8_t>(rng.index(5));
        c.short_name = rng.pick(kBrands);
        c.short_name += rng.pick(kMiddles);
        c.short_name += ind.words[rng.index(4)];
        if (attempt >= 8) c.short_name += "（" + chinese_number(rng.between(1, 99)) + "分公司）";
        c.name = std::string(kRegions[static_cast<std::size_t>(c.region)].cities[c.city].name) +
                 c.short_name + kSuffixes[rng.weighted(kSuffixWeights)];
        c.name_key = normalize_customer_name(c.name);
        if (keys.insert(c.name_key).second) break;
      }
      c.last_touch = c.created;
    }
    std::stable_sort(
        customers_.begin(), customers_.end(),
        [](const CustomerPlan& a, const CustomerPlan& b) { return a.created < b.created; });
    for (std::size_t i = 0; i < customers_.size(); ++i)
      sellers_[static_cast<std::size_t>(customers_[i].owner)].customers.push_back(
          static_cast<int>(i));
  }

  // Returns a working day in [lo, hi] drawn with a density growing linearly from 1 at lo to
  // 1 + growth at hi, or -1 when the range holds no working day.
  std::int64_t growing_day(std::int64_t lo, std::int64_t hi, double growth, Rng& rng) const {
    if (hi < lo) return -1;
    const double v = rng.unit();
    const double x =
        growth > 0 ? (std::sqrt(1 + 2 * growth * v * (1 + growth / 2)) - 1) / growth : v;
    const auto offset = static_cast<std::int64_t>(static_cast<double>(hi - lo + 1) * x);
    return working_day_in(lo, hi, lo + std::min(offset, hi - lo));
  }

  // ---- opportunities: about 30 % won, 25 % lost, the rest open. A deal is made on a day (a
  // mildly growing rate) for an engaged customer known by then, and walks the open stages in
  // order (a few days to weeks in each; a quarter of deals crawl) until it closes, stalls where
  // its fate says, or the data ends: recent deals are still open.

  void plan_opportunities() {
    Rng rng(stream(3));
    const int k_open = static_cast<int>(open_stages_.size());
    std::vector<int> engaged;  // by creation, as customers_ is
    std::vector<std::int64_t> engaged_created;
    for (std::size_t i = 0; i < customers_.size(); ++i) {
      if (!customers_[i].engaged) continue;
      engaged.push_back(static_cast<int>(i));
      engaged_created.push_back(customers_[i].created);
    }
    if (engaged.empty()) return;
    opportunities_.reserve(static_cast<std::size_t>(opportunities_n_));
    static constexpr std::array<std::pair<int, int>, 4> stay = {
        {{3, 20}, {7, 30}, {7, 35}, {5, 25}}};
    std::array<int, kMaxOpenStages> durations{};
    const std::int64_t first_known = day_of(engaged_created.front()) + 1;
    for (std::int64_t k = 0, misses = 0;
         static_cast<std::int64_t>(opportunities_.size()) < opportunities_n_ &&
         misses < 1000 + opportunities_n_;
         ++k) {
      OpportunityPlan o;
      o.key = mix(o_.seed ^ (0xA5A5A5A5ull + static_cast<std::uint64_t>(k)));
      o.amount = deal_lines(o.key, DealKind::new_deal).total;
      const double slow = (rng.chance(0.25) ? 2.5 : 1.0) * (o.amount > Fen{30'000'000} ? 1.3 : 1.0);
      for (int s = 0; s < k_open; ++s) {
        const auto [lo, hi] = stay[static_cast<std::size_t>(std::min(s, 3))];
        durations[static_cast<std::size_t>(s)] =
            std::max(1, static_cast<int>(rng.between(lo, hi) * slow));
      }
      // Odds a little above the targets: deals of the last months have no time to close.
      const double r = rng.unit();
      const OppStatus fate = r < 0.355  ? OppStatus::won
                             : r < 0.63 ? OppStatus::lost
                                        : OppStatus::open;
      // The open stages the deal goes through before closing (or stalls in, if open).
      const int through =
          fate == OppStatus::won ? k_open - 1
          : fate == OppStatus::lost
              ? std::min(k_open - 1, static_cast<int>(rng.weighted(std::array{30, 30, 25, 15})))
              : std::min(k_open - 1, static_cast<int>(rng.weighted(std::array{35, 25, 22, 18})));
      const std::int64_t day = growing_day(first_known, last_ - 1, 0.5, rng);
      if (day < 0) {
        ++misses;
        continue;
      }
      o.created = work_time(day, rng);
      const auto known = static_cast<std::size_t>(
          std::lower_bound(engaged_created.begin(), engaged_created.end(), start_of(day)) -
          engaged_created.begin());
      if (known == 0) {
        ++misses;
        continue;
      }
      o.customer = engaged[rng.index(known)];
      o.owner = customers_[static_cast<std::size_t>(o.customer)].owner;
      o.at[0] = o.created;
      std::int64_t stage_day = day;
      int reached = 0;
      bool closed = false;
      const int steps = fate == OppStatus::open ? through : through + 1;
      for (int s = 0; s < steps; ++s) {
        const std::int64_t next_day =
            working_from(stage_day + durations[static_cast<std::size_t>(s)]);
        const std::int64_t at = work_time(next_day, rng);
        if (at >= end_ms_) break;
        if (s == through) {  // the closing step
          closed = true;
          o.at[static_cast<std::size_t>(reached + 1)] = at;
          break;
        }
        o.at[static_cast<std::size_t>(++reached)] = at;
        stage_day = next_day;
      }
      o.reached = static_cast<std::uint8_t>(reached);
      o.status = closed ? fate : OppStatus::open;
      opportunities_.push_back(o);
    }
    std::stable_sort(
        opportunities_.begin(), opportunities_.end(),
        [](const OpportunityPlan& a, const OpportunityPlan& b) { return a.created < b.created; });
    for (std::size_t i = 0; i < opportunities_.size(); ++i) {
      const OpportunityPlan& o = opportunities_[i];
      sellers_[static_cast<std::size_t>(o.owner)].opportunities.push_back(static_cast<int>(i));
      CustomerPlan& c = customers_[static_cast<std::size_t>(o.customer)];
      c.last_touch = std::max(c.last_touch, o.last_change());
      if (o.status == OppStatus::won && (!c.first_win || o.closed() < c.first_win))
        c.first_win = o.closed();
    }
  }

  // ---- orders: one per won deal on the day it closes; the rest are renewals and add-ons of
  // buyers: customers with a won deal, half the customers the org started with, and a few who
  // buy without a deal. The day comes first (a mildly growing rate), then a buyer of that day,
  // with a heavy tail (a few buy often); a fifth of buyers stop buying after 4–14 months. 95 %
  // are taken by the customer's owner, 5 % by a colleague; 5 % are cancelled.

  void plan_orders() {
    Rng rng(stream(4));
    orders_.reserve(static_cast<std::size_t>(orders_n_));
    for (std::size_t i = 0; i < opportunities_.size(); ++i) {
      if (static_cast<std::int64_t>(orders_.size()) >= orders_n_) break;
      const OpportunityPlan& o = opportunities_[i];
      if (o.status != OppStatus::won) continue;
      OrderPlan p;
      p.ordered = o.closed() + rng.between(10, 240) * kMinuteMs;
      p.key = o.key;
      p.customer = o.customer;
      p.owner = o.owner;
      p.opportunity = static_cast<int>(i);
      p.kind = DealKind::new_deal;
      p.total = o.amount;
      orders_.push_back(p);
    }

    struct Buyer {
      std::int64_t from, until;
      int customer;
    };
    std::vector<Buyer> buyers;
    const std::int64_t book_end = start_of(first_ + 28);
    for (std::size_t i = 0; i < customers_.size(); ++i) {
      const CustomerPlan& c = customers_[i];
      std::int64_t from = c.first_win;
      if (!from && c.created < book_end && rng.chance(0.5)) {
        from = c.created;
      } else if (!from && !c.engaged && rng.chance(0.15)) {
        from = c.created + rng.between(3, 30) * kDayMs;
      }
      if (!from || from >= end_ms_ - kDayMs) continue;
      const std::int64_t until = rng.chance(0.2) ? from + rng.between(120, 420) * kDayMs
                                                 : std::numeric_limits<std::int64_t>::max();
      buyers.push_back({from, until, static_cast<int>(i)});
    }
    std::stable_sort(buyers.begin(), buyers.end(),
                     [](const Buyer& a, const Buyer& b) { return a.from < b.from; });
    std::vector<std::int64_t> from;
    std::vector<double> cdf;
    double total = 0;
    for (const Buyer& b : buyers) {
      from.push_back(b.from);
      cdf.push_back(total += std::min(30.0, std::pow(1 - rng.unit(), -0.6)));
    }
    for (std::int64_t misses = 0; !buyers.empty() &&
                                  static_cast<std::int64_t>(orders_.size()) < orders_n_ &&
                                  misses < 1000 + orders_n_;) {
      const std::int64_t day = growing_day(day_of(from.front()) + 1, last_ - 1, 0.5, rng);
      const auto known =
          day < 0 ? 0 : std::lower_bound(from.begin(), from.end(), start_of(day)) - from.begin();
      if (known == 0) {
        ++misses;
        continue;
      }
      const Buyer* b = nullptr;
      for (int attempt = 0; attempt < 8 && !b; ++attempt) {
        const auto it = std::upper_bound(cdf.begin(), cdf.begin() + known,
                                         rng.unit() * cdf[static_cast<std::size_t>(known - 1)]);
        const Buyer& candidate =
            buyers[static_cast<std::size_t>(std::min<std::ptrdiff_t>(it - cdf.begin(), known - 1))];
        if (candidate.until > start_of(day)) b = &candidate;
      }
      if (!b) {
        ++misses;
        continue;
      }
      const CustomerPlan& c = customers_[static_cast<std::size_t>(b->customer)];
      OrderPlan p;
      p.ordered = work_time(day, rng);
      p.key = mix(o_.seed ^ (0x5A5A5A5A00000000ull + orders_.size()));
      p.customer = b->customer;
      p.owner = c.owner;
      if (rng.chance(0.05)) {  // a colleague of the owner's team at the time
        const auto& mates = teams_[static_cast<std::size_t>(
                                       sellers_[static_cast<std::size_t>(c.owner)].team_on(day))]
                                .sellers;
        p.owner = mates[rng.index(mates.size())];
      }
      p.kind = rng.chance(0.35) ? DealKind::renewal : DealKind::add_on;
      p.total = deal_lines(p.key, p.kind).total;
      orders_.push_back(p);
    }
    for (OrderPlan& p : orders_) {
      p.updated = p.ordered;
      p.has_lines = rng.chance(0.6);
      if (rng.chance(0.05)) {
        p.status = OrderStatus::cancelled;
        p.updated = std::min(end_ms_ - 1, p.ordered + rng.between(1, 5) * kDayMs);
      }
    }
    std::stable_sort(orders_.begin(), orders_.end(),
                     [](const OrderPlan& a, const OrderPlan& b) { return a.ordered < b.ordered; });
  }

  // ---- payments: most orders are paid in 1–3 instalments by the due date (30 days); a quarter
  // pay late, some pay part, a few nothing.

  void plan_payments() {
    Rng rng(stream(5));
    for (std::size_t i = 0; i < orders_.size(); ++i) {
      OrderPlan& o = orders_[i];
      if (o.status == OrderStatus::cancelled) continue;
      const std::int64_t day = day_of(o.ordered);
      const int n = static_cast<int>(rng.weighted(std::array{60, 30, 10})) + 1;
      static constexpr std::array<std::array<int, 3>, 3> shares = {
          {{100, 0, 0}, {30, 70, 0}, {30, 40, 30}}};
      const double r = rng.unit();
      const bool none = r < 0.06;
      const bool partial = !none && r < 0.16;
      const int instalments = none ? 0 : partial ? std::max(1, n - 1) : n;
      const int late = rng.chance(0.25) ? rng.between(1, 60) : 0;
      Fen left = o.total;
      for (int k = 0; k < instalments; ++k) {
        Fen amount =
            k == n - 1
                ? left
                : Fen{o.total.value() *
                      shares[static_cast<std::size_t>(n - 1)][static_cast<std::size_t>(k)] / 100};
        if (partial && n == 1) amount = Fen{o.total.value() * 3 / 10};  // a deposit only
        const std::int64_t offset =
            n > 1 && k == 0 ? rng.between(1, 10) : 30 * (k + 1) / n - rng.between(0, 10) + late;
        const std::int64_t pay_day = working_from(day + std::max<std::int64_t>(1, offset));
        const std::int64_t at = work_time(pay_day, rng);
        if (at >= end_ms_ || amount <= Fen{0}) break;
        left -= amount;
        payments_.push_back({at, static_cast<int>(i), amount,
                             static_cast<std::uint8_t>(rng.weighted(kPaymentMethodWeights))});
        o.paid += amount;
        o.updated = at;
      }
      o.status = day >= last_ - 7    ? OrderStatus::confirmed
                 : o.paid == o.total ? OrderStatus::completed
                                     : OrderStatus::delivered;
    }
    std::stable_sort(
        payments_.begin(), payments_.end(),
        [](const PaymentPlan& a, const PaymentPlan& b) { return a.received < b.received; });
  }

  // ---- what the orders make of the customers: first and last order, status, tier inputs

  void settle_customers() {
    const std::int64_t year_ago = start_of(last_ - 365);
    for (const OrderPlan& o : orders_) {
      CustomerPlan& c = customers_[static_cast<std::size_t>(o.customer)];
      c.last_touch = std::max(c.last_touch, o.updated);
      if (o.status == OrderStatus::cancelled) continue;
      if (!c.first_order) c.first_order = o.ordered;  // orders are by time
      c.last_order = o.ordered;
      if (o.ordered >= year_ago) {
        c.revenue_12m += o.total;
        ++c.orders_12m;
      }
    }
    std::vector<int> by_first;
    for (std::size_t i = 0; i < customers_.size(); ++i)
      if (customers_[i].first_order) by_first.push_back(static_cast<int>(i));
    std::stable_sort(by_first.begin(), by_first.end(), [&](int a, int b) {
      return customers_[static_cast<std::size_t>(a)].first_order <
             customers_[static_cast<std::size_t>(b)].first_order;
    });
    for (int i : by_first)
      sellers_[static_cast<std::size_t>(customers_[static_cast<std::size_t>(i)].owner)]
          .buyers.push_back(i);
  }

  void write_customers(store::Connection& c) {
    Rng rng(stream(6));
    customer_base_ = last_id(c, "customers");
    // Tiers by the ABC rule over the last 12 months, as the nightly job would set them.
    std::vector<CustomerSales> sales(customers_.size());
    for (std::size_t i = 0; i < customers_.size(); ++i) {
      const CustomerPlan& p = customers_[i];
      sales[i].customer_id = customer_base_ + 1 + static_cast<std::int64_t>(i);
      sales[i].revenue = p.revenue_12m;
      sales[i].orders = p.orders_12m;
      if (p.last_order) sales[i].last_order = date_of(day_of(p.last_order));
    }
    const auto tiers = assign_tiers(sales, TierRule::abc, date_of(last_ - 1));

    TableLoad t(c, "customers",
                {"id", "org_id", "name", "status", "industry", "region_id", "channel", "tier",
                 "owner_id", "tags", "next_follow_up", "phone", "address", "name_key", "phone_key",
                 "external_id", "created_at", "updated_at"},
                customers_.size(), o_);
    std::string phone, address, tags;
    for (std::size_t i = 0; i < customers_.size(); ++i) {
      const CustomerPlan& p = customers_[i];
      const City& city = kRegions[static_cast<std::size_t>(p.region)].cities[p.city];
      const char* status = "lead";
      if (p.first_order) {
        status = p.last_order < start_of(last_ - 180) ? "churned" : "customer";
      } else if (p.last_touch > p.created) {
        status = "prospect";
      }
      if (rng.chance(0.7)) {
        phone = std::string(city.area_code) + "-" + std::to_string(rng.between(2, 8));
        phone += padded("", rng.between(0, 9'999'999), 7);
      } else {
        phone = mobile(rng);
      }
      address = std::string(city.name) + "市" + rng.pick(kRoads);
      address += std::to_string(rng.between(1, 999)) + "号";
      tags.clear();
      if (rng.chance(0.35)) {
        const std::size_t a = rng.index(kTags.size());
        tags = kTags[a];
        if (rng.chance(0.3))
          tags += std::string(",") + kTags[(a + 1 + rng.index(kTags.size() - 1)) % kTags.size()];
      }
      auto row = t.row();
      row << customer_base_ + 1 + static_cast<std::int64_t>(i) << out_.org.value << p.name << status
          << kIndustries[p.industry].name << region_id(p.region) << kChannels[p.channel].name
          << std::string_view(&tiers[i], 1) << sellers_[static_cast<std::size_t>(p.owner)].id.value;
      if (tags.empty()) {
        row << std::nullopt;
      } else {
        row << tags;
      }
      if (std::string_view(status) != "churned" && rng.chance(0.5)) {
        row << dates_(std::max(day_of(p.created), last_ - 1 + rng.between(-20, 30)));
      } else {
        row << std::nullopt;
      }
      const std::string phone_key = normalize_phone(phone);
      row << phone << address << p.name_key;
      if (phone_key.empty()) {
        row << std::nullopt;
      } else {
        row << phone_key;
      }
      row << padded("KH", static_cast<std::int64_t>(i) + 1, 7) << p.created << p.last_touch;
    }
    t.commit();
  }

  void write_opportunities(store::Connection& c) {
    Rng rng(stream(7));
    opportunity_base_ = last_id(c, "opportunities");
    const std::int64_t org = out_.org.value;
    {
      TableLoad t(c, "opportunities",
                  {"id", "org_id", "name", "customer_id", "owner_id", "amount", "pipeline_id",
                   "stage_id", "status", "expected_close", "forecast_category", "competitor",
                   "lost_reason", "closed_at", "created_at", "updated_at"},
                  opportunities_.size(), o_);
      std::string name;
      for (std::size_t i = 0; i < opportunities_.size(); ++i) {
        const OpportunityPlan& o = opportunities_[i];
        const CustomerPlan& cu = customers_[static_cast<std::size_t>(o.customer)];
        const Lines lines = deal_lines(o.key, DealKind::new_deal);
        name = cu.short_name;
        name += ' ';
        name += kProducts[static_cast<std::size_t>(lines.items[0].product)].name;
        name += "项目";
        const std::int64_t stage = o.status == OppStatus::won    ? won_stage_
                                   : o.status == OppStatus::lost ? lost_stage_
                                                                 : open_stages_[o.reached];
        const char* status = o.status == OppStatus::won    ? "won"
                             : o.status == OppStatus::lost ? "lost"
                                                           : "open";
        const std::int64_t planned = day_of(o.created) + rng.between(30, 120);
        std::int64_t expected = planned;
        const char* forecast = "pipeline";
        if (o.status == OppStatus::won) {
          expected = day_of(o.closed()) + rng.between(-10, 10);
          forecast = "commit";
        } else if (o.status == OppStatus::lost) {
          forecast = o.reached >= 2 ? "best_case" : "pipeline";
        } else {
          if (planned < last_ && rng.chance(0.7)) expected = last_ - 1 + rng.between(7, 60);
          const bool late_stage = o.reached + 1u >= open_stages_.size();
          forecast = late_stage       ? (rng.chance(0.6) ? "commit" : "best_case")
                     : o.reached >= 2 ? (rng.chance(0.5) ? "best_case" : "pipeline")
                                      : "pipeline";
        }
        auto row = t.row();
        row << opportunity_base_ + 1 + static_cast<std::int64_t>(i) << org << name
            << customer_base_ + 1 + o.customer
            << sellers_[static_cast<std::size_t>(o.owner)].id.value << o.amount << pipeline_id_
            << stage << status << dates_(expected) << forecast;
        const bool lost = o.status == OppStatus::lost;
        const char* reason = lost ? kLostReasons[rng.weighted(kLostReasonWeights)] : nullptr;
        if ((lost && std::string_view(reason) == "竞品") || rng.chance(0.2)) {
          row << rng.pick(kCompetitors);
        } else {
          row << std::nullopt;
        }
        if (reason) {
          row << reason;
        } else {
          row << std::nullopt;
        }
        if (o.status == OppStatus::open) {
          row << std::nullopt;
        } else {
          row << o.closed();
        }
        row << o.created << o.last_change();
      }
      t.commit();
    }
    {
      TableLoad t(c, "opportunity_stage_history",
                  {"id", "org_id", "opportunity_id", "stage_id", "entered_at", "user_id"},
                  opportunities_.size() * 3, o_);
      std::int64_t id = last_id(c, "opportunity_stage_history");
      for (std::size_t i = 0; i < opportunities_.size(); ++i) {
        const OpportunityPlan& o = opportunities_[i];
        const std::int64_t opp = opportunity_base_ + 1 + static_cast<std::int64_t>(i);
        const std::int64_t user = sellers_[static_cast<std::size_t>(o.owner)].id.value;
        for (std::size_t s = 0; s <= o.reached; ++s)
          t.row() << ++id << org << opp << open_stages_[s] << o.at[s] << user;
        if (o.status != OppStatus::open) {
          t.row() << ++id << org << opp << (o.status == OppStatus::won ? won_stage_ : lost_stage_)
                  << o.closed() << user;
        }
      }
      t.commit();
    }
  }

  void write_orders(store::Connection& c) {
    const std::int64_t org = out_.org.value;
    order_base_ = last_id(c, "orders");
    {
      TableLoad t(
          c, "orders",
          {"id", "org_id", "customer_id", "owner_id", "opportunity_id", "ordered_at", "due_date",
           "status", "total", "paid", "notes", "external_id", "created_at", "updated_at"},
          orders_.size(), o_);
      for (std::size_t i = 0; i < orders_.size(); ++i) {
        const OrderPlan& o = orders_[i];
        auto row = t.row();
        row << order_base_ + 1 + static_cast<std::int64_t>(i) << org
            << customer_base_ + 1 + o.customer
            << sellers_[static_cast<std::size_t>(o.owner)].id.value;
        if (o.opportunity >= 0) {
          row << opportunity_base_ + 1 + o.opportunity;
        } else {
          row << std::nullopt;
        }
        row << o.ordered << dates_(day_of(o.ordered) + 30)
            << kOrderStatuses[static_cast<std::size_t>(o.status)] << o.total << o.paid;
        switch (o.kind) {
          case DealKind::new_deal:
            row << std::nullopt;
            break;
          case DealKind::renewal:
            row << "年度续费";
            break;
          case DealKind::add_on:
            row << "增购";
            break;
        }
        row << padded("SO", static_cast<std::int64_t>(i) + 1, 8) << o.ordered << o.updated;
      }
      t.commit();
    }
    {
      TableLoad t(c, "document_lines",
                  {"id", "org_id", "order_id", "position", "product_id", "quantity", "unit_price",
                   "discount_bp", "line_total"},
                  orders_.size(), o_);
      std::int64_t id = last_id(c, "document_lines");
      for (std::size_t i = 0; i < orders_.size(); ++i) {
        const OrderPlan& o = orders_[i];
        if (!o.has_lines) continue;
        const Lines lines = deal_lines(o.key, o.kind);
        for (int k = 0; k < lines.n; ++k) {
          const Line& l = lines.items[static_cast<std::size_t>(k)];
          t.row() << ++id << org << order_base_ + 1 + static_cast<std::int64_t>(i) << k + 1
                  << product_base_ + 1 + l.product << l.quantity << l.unit_price << l.discount_bp
                  << l.total;
        }
      }
      t.commit();
    }
    {
      TableLoad t(c, "payments",
                  {"id", "org_id", "order_id", "customer_id", "owner_id", "amount", "received_at",
                   "method", "created_at", "updated_at"},
                  payments_.size(), o_);
      const std::int64_t base = last_id(c, "payments");
      for (std::size_t i = 0; i < payments_.size(); ++i) {
        const PaymentPlan& p = payments_[i];
        const OrderPlan& o = orders_[static_cast<std::size_t>(p.order)];
        t.row() << base + 1 + static_cast<std::int64_t>(i) << org << order_base_ + 1 + p.order
                << customer_base_ + 1 + o.customer
                << sellers_[static_cast<std::size_t>(o.owner)].id.value << p.amount << p.received
                << kPaymentMethods[p.method] << p.received << p.received;
      }
      t.commit();
    }
  }

  // ---- activities: each seller, each working day (a few on weekends), a Poisson number of
  // calls, emails, visits, meetings and others with their customers, many on an open deal; ~10 %
  // revisits of buyers with a satisfaction score. Made day by day and written in time order.

  void write_activities(store::Connection& c) {
    Rng rng(stream(8));
    const std::int64_t org = out_.org.value;
    const std::int64_t n_days = last_ - first_;
    auto factor = [](std::int64_t day) { return working(day) ? 1.0 : 0.04; };
    // Each seller works from the day after their first customer; the rate makes the total
    // come out at activities_n_.
    std::vector<double> suffix(static_cast<std::size_t>(n_days + 1), 0.0);
    for (std::int64_t d = n_days - 1; d >= 0; --d)
      suffix[static_cast<std::size_t>(d)] =
          suffix[static_cast<std::size_t>(d + 1)] + factor(first_ + d);
    double denominator = 0;
    for (const Seller& s : sellers_) {
      if (s.customers.empty()) continue;
      const std::int64_t from =
          day_of(customers_[static_cast<std::size_t>(s.customers.front())].created) + 1 - first_;
      if (from < n_days) denominator += s.weight * suffix[static_cast<std::size_t>(from)];
    }
    const double rate = denominator > 0 ? static_cast<double>(activities_n_) / denominator : 0;

    struct Cursor {
      std::size_t customers = 0, opportunities = 0, buyers = 0;
    };
    std::vector<Cursor> cursors(sellers_.size());
    std::vector<ActivityPlan> day_plan;
    day_plan.reserve(
        static_cast<std::size_t>(activities_n_ / std::max<std::int64_t>(1, n_days) * 2 + 64));

    TableLoad t(c, "activities",
                {"id", "org_id", "type", "user_id", "customer_id", "opportunity_id", "started_at",
                 "duration_minutes", "outcome", "next_step", "is_revisit", "satisfaction",
                 "created_at", "updated_at"},
                static_cast<std::size_t>(activities_n_), o_);
    std::int64_t id = last_id(c, "activities");
    for (std::int64_t day = first_; day < last_ && rate > 0; ++day) {
      const std::int64_t day_start = start_of(day);
      day_plan.clear();
      for (std::size_t si = 0; si < sellers_.size(); ++si) {
        const Seller& s = sellers_[si];
        Cursor& cur = cursors[si];
        while (cur.customers < s.customers.size() &&
               customers_[static_cast<std::size_t>(s.customers[cur.customers])].created < day_start)
          ++cur.customers;
        while (
            cur.opportunities < s.opportunities.size() &&
            opportunities_[static_cast<std::size_t>(s.opportunities[cur.opportunities])].created <
                day_start)
          ++cur.opportunities;
        while (cur.buyers < s.buyers.size() &&
               customers_[static_cast<std::size_t>(s.buyers[cur.buyers])].first_order < day_start)
          ++cur.buyers;
        if (cur.customers == 0) continue;
        const int n = rng.poisson(rate * s.weight * factor(day));
        for (int k = 0; k < n; ++k) {
          ActivityPlan a;
          a.seq = static_cast<int>(day_plan.size());
          a.seller = static_cast<int>(si);
          if (cur.buyers > 0 && rng.chance(0.11)) {
            a.revisit = true;
            a.type = rng.chance(0.4) ? kVisit : kCall;
            a.customer = s.buyers[rng.index(cur.buyers)];
            a.outcome = static_cast<std::uint8_t>(rng.index(kRevisitOutcomes.size()));
            if (rng.chance(0.9))
              a.satisfaction =
                  static_cast<std::uint8_t>(rng.weighted(std::array{3, 6, 16, 40, 35}) + 1);
          } else {
            a.type = static_cast<std::uint8_t>(rng.weighted(kActivityWeights));
            a.outcome = static_cast<std::uint8_t>(rng.index(4));
            if (cur.opportunities > 0 && rng.chance(0.45)) {
              for (int attempt = 0; attempt < 3 && a.opportunity < 0; ++attempt) {
                const int oi = s.opportunities[rng.index(cur.opportunities)];
                const OpportunityPlan& o = opportunities_[static_cast<std::size_t>(oi)];
                if (o.status == OppStatus::open || o.closed() >= day_start) {
                  a.opportunity = oi;
                  a.customer = o.customer;
                }
              }
            }
            if (a.opportunity < 0) {  // recent customers get more attention
              const double u = rng.unit();
              const std::size_t back =
                  static_cast<std::size_t>(static_cast<double>(cur.customers) * u * u);
              a.customer = s.customers[cur.customers - 1 - std::min(back, cur.customers - 1)];
            }
          }
          int duration = 0;
          switch (a.type) {
            case kVisit:
              duration = rng.between(3, 18) * 10;
              break;
            case kCall:
              duration = rng.between(2, 30);
              break;
            case kEmail:
              duration = rng.between(5, 15);
              break;
            case kMeeting:
              duration = rng.between(3, 12) * 10;
              break;
            default:
              duration = rng.between(2, 12) * 10;
          }
          a.duration = static_cast<std::int16_t>(duration);
          a.started = work_time(day, rng, duration);
          a.next_step =
              rng.chance(0.5) ? static_cast<std::int8_t>(rng.index(kNextSteps.size())) : -1;
          day_plan.push_back(a);
        }
      }
      std::sort(day_plan.begin(), day_plan.end(), [](const ActivityPlan& a, const ActivityPlan& b) {
        return a.started != b.started ? a.started < b.started : a.seq < b.seq;
      });
      for (const ActivityPlan& a : day_plan) {
        const std::int64_t ended = a.started + a.duration * kMinuteMs;
        auto row = t.row();
        row << ++id << org << kActivityTypes[a.type]
            << sellers_[static_cast<std::size_t>(a.seller)].id.value
            << customer_base_ + 1 + a.customer;
        if (a.opportunity >= 0) {
          row << opportunity_base_ + 1 + a.opportunity;
        } else {
          row << std::nullopt;
        }
        row << a.started << std::int64_t{a.duration}
            << (a.revisit ? kRevisitOutcomes[a.outcome] : kOutcomes[a.type][a.outcome]);
        if (a.next_step >= 0) {
          row << kNextSteps[static_cast<std::size_t>(a.next_step)];
        } else {
          row << std::nullopt;
        }
        row << (a.revisit ? 1 : 0);
        if (a.satisfaction) {
          row << int{a.satisfaction};
        } else {
          row << std::nullopt;
        }
        row << ended << ended;
      }
    }
    t.commit();
  }

  // ---- costs: each month, every team's travel and hospitality, each region's fairs and
  // telemarketing, the org's website and advertising, and some people's own expenses.

  void write_costs(store::Connection& c) {
    Rng rng(stream(9));
    const std::int64_t org = out_.org.value;
    const std::int64_t base = last_id(c, "costs");
    TableLoad t(c, "costs",
                {"id", "org_id", "spent_on", "scope_type", "scope_id", "channel", "amount", "notes",
                 "created_at", "updated_at"},
                teams_.size() * 30, o_);
    std::int64_t id = base;
    std::int64_t month_start = first_;
    auto add = [&](const char* scope, std::optional<std::int64_t> scope_id, const char* channel,
                   int lo_thousands, int hi_thousands, const std::string& notes) {
      const std::int64_t day = std::clamp(month_start + rng.between(0, 27), first_, last_ - 1);
      const std::int64_t yuan = rng.between(lo_thousands, hi_thousands) * 1000;
      const std::int64_t at = start_of(day) + 10 * 60 * kMinuteMs;
      auto row = t.row();
      row << ++id << org << dates_(day) << scope;
      if (scope_id) {
        row << *scope_id;
      } else {
        row << std::nullopt;
      }
      row << channel << yuan * 100 << notes << at << at;
    };
    const std::chrono::year_month_day first_ymd = date_of(first_).ymd();
    const std::chrono::year_month_day last_ymd = date_of(last_ - 1).ymd();
    for (auto ym = first_ymd.year() / first_ymd.month(); ym <= last_ymd.year() / last_ymd.month();
         ym += std::chrono::months{1}) {
      month_start = day_number(LocalDate{ym / std::chrono::day{1}});
      const std::string month = std::to_string(static_cast<unsigned>(ym.month())) + "月";
      for (std::size_t i = 0; i < teams_.size(); ++i) {
        add("team", team_id(static_cast<int>(i)), "差旅", 5, 30, month + "差旅费用");
        if (rng.chance(0.5))
          add("team", team_id(static_cast<int>(i)), "招待", 2, 15, month + "客户招待");
      }
      for (const RegionId r : out_.regions) {
        add("region", r.value, "电话营销", 20, 60, month + "电话营销费用");
        if (rng.chance(0.4)) add("region", r.value, "展会", 80, 200, month + "展会费用");
      }
      add("org", std::nullopt, "官网", 30, 80, month + "官网推广");
      add("org", std::nullopt, "广告", 100, 300, month + "品牌广告");
      for (const Seller& s : sellers_) {
        if (rng.chance(0.05)) add("user", s.id.value, "差旅", 1, 8, month + "个人差旅报销");
      }
    }
    t.commit();
  }

  store::Database& db_;
  const LargeOrgOptions& o_;
  std::int64_t first_, last_;  // days
  std::int64_t end_ms_;        // the first instant after the data
  DateTexts dates_;
  std::int64_t customers_n_ = 0, opportunities_n_ = 0, orders_n_ = 0, activities_n_ = 0;

  LargeOrg out_;
  std::int64_t org_base_ = 0, region_base_ = 0, team_base_ = 0, user_base_ = 0, product_base_ = 0;
  std::int64_t customer_base_ = 0, opportunity_base_ = 0, order_base_ = 0;
  std::int64_t pipeline_id_ = 0, won_stage_ = 0, lost_stage_ = 0;
  std::vector<std::int64_t> open_stages_;

  std::vector<TeamPlan> teams_;
  std::vector<Seller> sellers_;
  std::vector<double> seller_cdf_;
  double total_weight_ = 0;
  std::vector<CustomerPlan> customers_;
  std::vector<OpportunityPlan> opportunities_;
  std::vector<OrderPlan> orders_;
  std::vector<PaymentPlan> payments_;
};

}  // namespace

LargeOrg generate_large_org(store::Database& db, const LargeOrgOptions& o) {
  return Generator(db, o).run();
}

}  // namespace fupan::bench
