// The hand-computed metric cases of tests/metrics/*.test (format: tests/metrics/README.md). Each
// file's small org is loaded into a fresh store, SQLite always and PostgreSQL too when
// FUPAN_TEST_PG_URL names a scratch database, and every query's expected value, previous-period
// and same-period-last-year figures are checked against both the engine and the SQL reference.
// A failure names the .test file and line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/money.h"
#include "engine/analytics.h"
#include "service/analytics/metrics_service.h"
#include "service/crm/pipeline_service.h"
#include "store/metric_settings_store.h"
#include "store/migrations.h"
#include "testkit/metric_sql.h"
#include "testkit/test_store.h"

#ifndef FUPAN_SOURCE_DIR
#error "FUPAN_SOURCE_DIR must name the source tree (CMakeLists.txt sets it for fupan_tests)"
#endif

namespace fupan {
namespace {

namespace fs = std::filesystem;
using store::Value;

constexpr std::int64_t kOrg = 1;

// One line of a case file: its kind, positional words and key=value words.
struct Line {
  int number = 0;
  std::string kind;
  std::vector<std::string> words;
  std::map<std::string, std::string> keys;
  std::string repeated_key;  // a key written twice, if any
  std::string text;          // as written, for messages
};

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// Returns true iff a line of `kind` says what the query above it should answer.
bool is_expectation(std::string_view kind) {
  return kind == "value" || kind == "previous" || kind == "yoy" || kind == "previous_period" ||
         kind == "yoy_period" || kind == "error" || kind == "compared" || kind == "value_range" ||
         kind == "previous_range" || kind == "yoy_range";
}

// A line's words, less a trailing comment (" #" to the end).
std::vector<Line> read_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<Line> out;
  std::string raw;
  for (int n = 1; std::getline(in, raw); ++n) {
    std::string s = raw;
    if (const auto hash = s.find('#');
        hash != std::string::npos && (hash == 0 || s[hash - 1] == ' ' || s[hash - 1] == '\t')) {
      s.resize(hash);
    }
    s = trim(s);
    if (s.empty()) continue;
    Line line;
    line.number = n;
    line.text = s;
    auto words = split_words(s);
    line.kind = words.front();
    for (std::size_t i = 1; i < words.size(); ++i) {
      const auto eq = words[i].find('=');
      if (eq == std::string::npos || is_expectation(line.kind)) {
        line.words.push_back(words[i]);
      } else if (!line.keys.emplace(words[i].substr(0, eq), words[i].substr(eq + 1)).second) {
        line.repeated_key = words[i].substr(0, eq);
      }
    }
    out.push_back(std::move(line));
  }
  return out;
}

// A malformed case file: the line at fault and why.
struct BadLine {
  int line;
  std::string why;
};

[[noreturn]] void bad(const Line& l, const std::string& why) {
  throw BadLine{l.number, why + " (in: " + l.text + ")"};
}

// What a line of each kind holds: its positional words (at least, at most) and its keys.
struct Shape {
  std::string_view kind;
  std::size_t min_words, max_words;
  std::vector<std::string_view> keys;
  std::string_view usage;
};

const std::vector<Shape>& shapes() {
  static const std::vector<Shape> all = {
      {"org", 0, 0, {"tz", "fiscal", "margin_bp"}, "org [tz=ZONE] [fiscal=MONTH] [margin_bp=N]"},
      {"region", 2, 2, {}, "region ID NAME"},
      {"team", 1, 1, {"region", "name", "parent"}, "team ID region=ID name=NAME [parent=ID]"},
      {"user", 2, 2, {"team", "from", "to"}, "user ID NAME [team=ID from=DATE [to=DATE]]"},
      {"holiday", 1, 2, {}, "holiday DATE [NAME]"},
      {"product", 2, 2, {}, "product ID NAME"},
      {"pipeline", 1, 2, {}, "pipeline NAME [default]"},
      {"stage", 1, 1, {"pipeline", "pos", "kind"}, "stage NAME pipeline=NAME pos=N kind=KIND"},
      {"customer",
       1,
       1,
       {"owner", "created", "industry", "channel", "tier", "region"},
       "customer ID owner=ID created=INSTANT [industry=] [channel=] [tier=] [region=ID]"},
      {"order",
       1,
       1,
       {"customer", "owner", "at", "total", "status", "due"},
       "order ID customer=ID owner=ID at=INSTANT total=YUAN [status=S] [due=DATE]"},
      {"line", 0, 0, {"order", "product", "total"}, "line order=ID product=ID total=YUAN"},
      {"payment",
       1,
       1,
       {"order", "amount", "at", "owner"},
       "payment ID order=ID amount=YUAN at=INSTANT [owner=ID]"},
      {"opportunity",
       1,
       1,
       {"customer", "owner", "created", "status", "closed", "pipeline", "stages"},
       "opportunity ID customer=ID owner=ID created=INSTANT status=S [closed=INSTANT] "
       "[pipeline=NAME] stages=A,B"},
      {"activity",
       1,
       1,
       {"type", "user", "customer", "at", "revisit", "score"},
       "activity ID type=T user=ID customer=ID at=INSTANT [revisit=0|1] [score=1..5]"},
      {"cost", 1, 1, {"on", "scope", "amount"}, "cost ID on=DATE scope=SCOPE amount=YUAN"},
      {"target",
       3,
       3,
       {"yuan", "count"},
       "target METRIC SCOPE PERIOD yuan=YUAN|count=N (a money or a count target)"},
      {"query",
       3,
       3,
       {"segment", "pipeline", "today", "compare", "basis"},
       "query METRIC SCOPE PERIOD [segment=DIM:KEY] [pipeline=NAME] [today=DATE "
       "[compare=to_date|full] [basis=calendar_days|working_days]]"},
      {"value", 1, 99, {}, "value FIGURE"},
      {"previous", 1, 99, {}, "previous FIGURE"},
      {"yoy", 1, 99, {}, "yoy FIGURE"},
      {"previous_period", 1, 1, {}, "previous_period LABEL"},
      {"yoy_period", 1, 1, {}, "yoy_period LABEL"},
      {"error", 1, 1, {}, "error FIELD"},
      {"compared", 1, 1, {}, "compared full|to_date|future"},
      {"value_range", 1, 1, {}, "value_range FIRST..LAST (empty: none)"},
      {"previous_range", 1, 1, {}, "previous_range FIRST..LAST (empty: none)"},
      {"yoy_range", 1, 1, {}, "yoy_range FIRST..LAST (empty: none)"},
  };
  return all;
}

// Fails on a line of an unknown kind, with the wrong number of words, an unknown or repeated
// key, or a value outside its choices, so that a typo cannot pass silently.
void check_shape(const Line& l) {
  const auto& all = shapes();
  const auto shape =
      std::find_if(all.begin(), all.end(), [&](const Shape& s) { return s.kind == l.kind; });
  if (shape == all.end()) bad(l, "unknown line kind " + l.kind);
  const std::string usage = "usage: " + std::string(shape->usage);
  if (l.words.size() < shape->min_words || l.words.size() > shape->max_words) bad(l, usage);
  if (!l.repeated_key.empty()) bad(l, l.repeated_key + "= is written twice");
  for (const auto& [key, value] : l.keys) {
    if (std::find(shape->keys.begin(), shape->keys.end(), key) == shape->keys.end()) {
      bad(l, "unknown key " + key + "=; " + usage);
    }
  }
  auto one_of = [&](const char* key, std::initializer_list<std::string_view> choices) {
    const auto it = l.keys.find(key);
    if (it != l.keys.end() &&
        std::find(choices.begin(), choices.end(), it->second) == choices.end()) {
      bad(l, std::string(key) + "=" + it->second + " is not one of the schema's choices");
    }
  };
  if (l.kind == "order") one_of("status", {"confirmed", "delivered", "completed", "cancelled"});
  if (l.kind == "opportunity") one_of("status", {"open", "won", "lost"});
  if (l.kind == "stage") one_of("kind", {"open", "won", "lost"});
  if (l.kind == "activity") {
    one_of("type", {"visit", "call", "email", "meeting", "other"});
    one_of("revisit", {"0", "1"});
    one_of("score", {"1", "2", "3", "4", "5"});
  }
  if (l.kind == "pipeline" && l.words.size() == 2 && l.words[1] != "default") bad(l, usage);
  if (l.kind == "user" && !l.keys.count("team") && (l.keys.count("from") || l.keys.count("to"))) {
    bad(l, "from= and to= belong to a team=");
  }
}

std::int64_t to_int(const Line& l, std::string_view text, std::string_view what) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
    bad(l, std::string(what) + ": not an integer: " + std::string(text));
  }
  return v;
}

double to_real(const Line& l, std::string_view text) {
  std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size()) bad(l, "not a number: " + s);
  return v;
}

const std::string& need(const Line& l, const std::string& key) {
  const auto it = l.keys.find(key);
  if (it == l.keys.end()) bad(l, "missing " + key + "=");
  return it->second;
}

std::optional<std::string> maybe(const Line& l, const std::string& key) {
  const auto it = l.keys.find(key);
  if (it == l.keys.end()) return std::nullopt;
  return it->second;
}

// "YYYY-MM-DD" → the date as stored.
std::string date_text(const Line& l, const std::string& text) {
  if (!parse_date(text)) bad(l, "not a date: " + text);
  return text;
}

// "YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)": an instant with its offset → ms since the epoch.
std::int64_t instant_ms(const Line& l, const std::string& text) {
  const auto t = text.find('T');
  const auto day = t == std::string::npos ? std::nullopt : parse_date(text.substr(0, t));
  if (!day) bad(l, "not an instant (YYYY-MM-DDTHH:MM+08:00): " + text);
  std::string rest = text.substr(t + 1);
  std::int64_t offset_min = 0;
  if (!rest.empty() && rest.back() == 'Z') {
    rest.pop_back();
  } else {
    const auto sign = rest.find_first_of("+-");
    if (sign == std::string::npos || rest.size() - sign != 6 || rest[sign + 3] != ':') {
      bad(l, "an instant needs its offset (Z or +08:00): " + text);
    }
    const std::int64_t h = to_int(l, rest.substr(sign + 1, 2), "offset");
    const std::int64_t m = to_int(l, rest.substr(sign + 4, 2), "offset");
    offset_min = (rest[sign] == '-' ? -1 : 1) * (h * 60 + m);
    rest.resize(sign);
  }
  if (rest.size() != 5 && rest.size() != 8) bad(l, "time must be HH:MM or HH:MM:SS: " + text);
  const std::int64_t hh = to_int(l, rest.substr(0, 2), "hour");
  const std::int64_t mm = to_int(l, rest.substr(3, 2), "minute");
  const std::int64_t ss = rest.size() == 8 ? to_int(l, rest.substr(6, 2), "second") : 0;
  if (rest[2] != ':' || hh > 23 || mm > 59 || ss > 59) bad(l, "bad time: " + text);
  const std::int64_t days = day->days().time_since_epoch().count();
  return ((days * 86400) + hh * 3600 + mm * 60 + ss - offset_min * 60) * 1000;
}

// Money in the data is written in 元 with exactly two decimals ("100.00") → 分.
std::int64_t yuan(const Line& l, const std::string& text) {
  const auto dot = text.find('.');
  if (dot == std::string::npos || text.size() - dot != 3) {
    bad(l, "money is written in 元 with two decimals (100.00): " + text);
  }
  auto fen = parse_yuan(text, "amount");
  if (!fen.ok()) bad(l, "bad amount: " + text);
  return fen->value();
}

// ---------------------------------------------------------------------------------------------
// Expected figures.

// What one of value / previous / yoy should be.
struct Expected {
  enum class Kind { null, integer, real, receivables, stages } kind = Kind::null;
  std::int64_t integer = 0;
  double real = 0;
  Receivables receivables;
  std::optional<std::int64_t> owed;  // receivables' total, when written
  struct Stage {
    std::string name;
    std::int64_t reached = 0;
    std::optional<double> conversion;
  };
  std::vector<Stage> stages;
  std::string text;
};

// A real: "12.5", "-0.25", or a fraction of two such numbers ("2/3", "32.5/3").
double parse_real(const Line& l, const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return to_real(l, text);
  const double num = to_real(l, text.substr(0, slash));
  const double den = to_real(l, text.substr(slash + 1));
  if (den == 0) bad(l, "a fraction over 0: " + text);
  return num / den;
}

bool is_real_text(const std::string& t) {
  return t.find('.') != std::string::npos || t.find('/') != std::string::npos;
}

Expected parse_expected(const Line& l) {
  Expected e;
  e.text = l.text.substr(l.kind.size() + 1 <= l.text.size() ? l.kind.size() + 1 : l.text.size());
  const auto& w = l.words;
  if (w.empty()) bad(l, "an expected figure is missing");
  if (w[0] == "null" && w.size() == 1) return e;
  if (w[0] == "receivables") {
    e.kind = Expected::Kind::receivables;
    std::set<std::string> seen;
    for (std::size_t i = 1; i < w.size(); ++i) {
      const auto eq = w[i].find('=');
      if (eq == std::string::npos) bad(l, "receivables take key=value words: " + w[i]);
      const std::string key = w[i].substr(0, eq);
      const std::int64_t v = to_int(l, std::string_view(w[i]).substr(eq + 1), key);
      if (key == "orders") {
        e.receivables.orders = v;
      } else if (key == "owed") {
        e.owed = v;
      } else if (key == "0-30") {
        e.receivables.aging.d0_30 = Fen{v};
      } else if (key == "31-60") {
        e.receivables.aging.d31_60 = Fen{v};
      } else if (key == "61-90") {
        e.receivables.aging.d61_90 = Fen{v};
      } else if (key == "90+") {
        e.receivables.aging.d90_plus = Fen{v};
      } else {
        bad(l, "receivables know orders, owed, 0-30, 31-60, 61-90, 90+: " + key);
      }
      seen.insert(key);
    }
    for (const char* key : {"orders", "owed", "0-30", "31-60", "61-90", "90+"}) {
      if (!seen.count(key)) bad(l, std::string("receivables need ") + key + "=");
    }
    if (*e.owed != e.receivables.aging.total().value())
      bad(l, "owed= is not the sum of the buckets");
    return e;
  }
  if (w[0] == "stages") {
    e.kind = Expected::Kind::stages;
    for (std::size_t i = 1; i < w.size(); ++i) {
      const auto a = w[i].find(':');
      const auto b = a == std::string::npos ? a : w[i].find(':', a + 1);
      if (b == std::string::npos) bad(l, "a stage is name:reached:conversion: " + w[i]);
      Expected::Stage s;
      s.name = w[i].substr(0, a);
      s.reached = to_int(l, std::string_view(w[i]).substr(a + 1, b - a - 1), "reached");
      const std::string conv = w[i].substr(b + 1);
      if (conv != "null") s.conversion = parse_real(l, conv);
      e.stages.push_back(std::move(s));
    }
    return e;
  }
  if (w.size() != 1) bad(l, "one figure per line");
  if (is_real_text(w[0])) {
    e.kind = Expected::Kind::real;
    e.real = parse_real(l, w[0]);
  } else {
    e.kind = Expected::Kind::integer;
    e.integer = to_int(l, w[0], "figure");
  }
  return e;
}

bool close_to(double got, double want) {
  if (want == 0) return std::abs(got) <= 1e-12;
  return std::abs(got - want) <= 1e-12 * std::abs(want);
}

std::string real_text(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string describe(const MetricValue& v) {
  if (std::holds_alternative<std::monostate>(v)) return "null";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i) + " (integer)";
  if (const auto* d = std::get_if<double>(&v)) return real_text(*d) + " (real)";
  if (const auto* r = std::get_if<Receivables>(&v)) {
    return "receivables orders=" + std::to_string(r->orders) +
           " owed=" + std::to_string(r->aging.total().value()) +
           " 0-30=" + std::to_string(r->aging.d0_30.value()) +
           " 31-60=" + std::to_string(r->aging.d31_60.value()) +
           " 61-90=" + std::to_string(r->aging.d61_90.value()) +
           " 90+=" + std::to_string(r->aging.d90_plus.value());
  }
  std::string out = "stages";
  for (const StageReach& s : std::get<std::vector<StageReach>>(v)) {
    out += " " + s.name + ":" + std::to_string(s.reached) + ":" +
           (s.conversion ? real_text(*s.conversion) : std::string("null"));
  }
  return out;
}

// Returns true iff `got` is what `want` says; stage ids are checked against `stage_ids` by name.
bool matches(const MetricValue& got, const Expected& want,
             const std::map<std::string, std::int64_t>& stage_ids) {
  switch (want.kind) {
    case Expected::Kind::null:
      return std::holds_alternative<std::monostate>(got);
    case Expected::Kind::integer: {
      const auto* i = std::get_if<std::int64_t>(&got);
      return i && *i == want.integer;
    }
    case Expected::Kind::real: {
      const auto* d = std::get_if<double>(&got);
      return d && close_to(*d, want.real);
    }
    case Expected::Kind::receivables: {
      const auto* r = std::get_if<Receivables>(&got);
      return r && *r == want.receivables && r->aging.total().value() == *want.owed;
    }
    case Expected::Kind::stages: {
      const auto* s = std::get_if<std::vector<StageReach>>(&got);
      if (!s || s->size() != want.stages.size()) return false;
      for (std::size_t i = 0; i < s->size(); ++i) {
        const StageReach& g = (*s)[i];
        const Expected::Stage& w = want.stages[i];
        const auto id = stage_ids.find(w.name);
        if (g.name != w.name || g.reached != w.reached || id == stage_ids.end() ||
            id->second != g.stage_id || g.conversion.has_value() != w.conversion.has_value() ||
            (g.conversion && !close_to(*g.conversion, *w.conversion))) {
          return false;
        }
      }
      return true;
    }
  }
  return false;
}

// One query and what its answer should be.
struct CaseQuery {
  Line line;
  service::MetricRequest request;
  std::optional<std::string> pipeline_name;
  std::optional<Expected> value, previous, yoy;
  int value_line = 0, previous_line = 0, yoy_line = 0;
  std::optional<std::string> previous_period, yoy_period;
  std::optional<std::string> error_field;     // the question is refused, naming this field
  std::optional<LocalDate> today;             // the asker's day: a period holding it is in progress
  std::optional<std::string> basis;           // how elapsed days count (the org's setting)
  std::optional<std::string> compared;        // full, to_date or future
  std::map<std::string, std::string> ranges;  // value_range etc.: "FIRST..LAST" or "empty"
};

// ---------------------------------------------------------------------------------------------
// Loading a case file's data into a store.

class Loader {
 public:
  explicit Loader(store::Connection& c) : c_(c) {}

  // Inserts every data line of `lines` (ids as written), and the org's default pipeline when
  // the file declares none.
  void load(const std::vector<Line>& lines) {
    const Line* org_line = nullptr;
    for (const Line& l : lines) {
      if (l.kind == "org") {
        if (org_line) bad(l, "one org line per file");
        org_line = &l;
      }
    }
    insert_org(org_line);
    const bool declares_default = std::any_of(lines.begin(), lines.end(), [](const Line& l) {
      return l.kind == "pipeline" &&
             std::find(l.words.begin(), l.words.end(), "default") != l.words.end();
    });
    if (!declares_default) {
      service::ensure_default_pipeline(c_, OrgId{kOrg}, instant_from_ms(0));
      read_stages();
    }
    for (const Line& l : lines) load_line(l);
  }

  // Stage ids of `pipeline` (a name; the default pipeline when empty) by stage name.
  std::map<std::string, std::int64_t> stages_of(const std::string& pipeline) const {
    const auto it = stages_.find(pipeline.empty() ? default_pipeline_ : pipeline);
    return it == stages_.end() ? std::map<std::string, std::int64_t>{} : it->second;
  }
  std::optional<std::int64_t> pipeline_id(const std::string& name) const {
    const auto it = pipelines_.find(name);
    if (it == pipelines_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::int64_t insert(const std::string& sql, std::vector<Value> params) {
    return c_.query(sql + " RETURNING id", params).i64(0, 0);
  }
  void exec(const std::string& sql, std::vector<Value> params) { c_.exec(sql, params); }

  static Value opt_text(const Line& l, const std::string& key) {
    if (auto v = maybe(l, key)) return *v;
    return store::null_value;
  }
  Value opt_id(const Line& l, const std::string& key) {
    if (auto v = maybe(l, key)) return to_int(l, *v, key);
    return store::null_value;
  }
  std::int64_t id_word(const Line& l) { return to_int(l, l.words.at(0), "id"); }
  int fiscal_start_month_ = 1;  // the org's, for the periods targets are written in

  void insert_org(const Line* l) {
    std::string tz = "Asia/Shanghai";
    std::int64_t fiscal = 1, margin = 10000;
    if (l) {
      if (auto v = maybe(*l, "tz")) tz = *v;
      if (auto v = maybe(*l, "fiscal")) fiscal = to_int(*l, *v, "fiscal");
      if (auto v = maybe(*l, "margin_bp")) margin = to_int(*l, *v, "margin_bp");
      if (!is_known_time_zone(tz)) bad(*l, "unknown time zone " + tz);
    }
    fiscal_start_month_ = static_cast<int>(fiscal);
    exec(
        "INSERT INTO orgs (id, name, timezone, fiscal_year_start_month, gross_margin_bp, "
        "created_at, updated_at) VALUES (?, '测试公司', ?, ?, ?, 0, 0)",
        {kOrg, tz, fiscal, margin});
  }

  void read_stages() {
    const auto rows = c_.query(
        "SELECT p.name, p.is_default, s.name, s.id FROM pipeline_stages s JOIN pipelines p ON "
        "p.id = s.pipeline_id WHERE p.org_id = ? ORDER BY s.id",
        {kOrg});
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows.i64(r, 1) == 1) default_pipeline_ = rows.str(r, 0);
      stages_[rows.str(r, 0)][rows.str(r, 2)] = rows.i64(r, 3);
    }
    const auto ps = c_.query("SELECT name, id FROM pipelines WHERE org_id = ?", {kOrg});
    for (std::size_t r = 0; r < ps.size(); ++r) pipelines_[ps.str(r, 0)] = ps.i64(r, 1);
  }

  void load_line(const Line& l) {
    const std::string& k = l.kind;
    if (k == "org" || k == "query" || is_expectation(k)) return;
    if (k == "region") {
      exec("INSERT INTO regions (id, org_id, name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
           {id_word(l), kOrg, l.words[1]});
    } else if (k == "team") {
      exec(
          "INSERT INTO teams (id, org_id, region_id, parent_id, name, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, 0, 0)",
          {id_word(l), kOrg, to_int(l, need(l, "region"), "region"), opt_id(l, "parent"),
           need(l, "name")});
    } else if (k == "user") {
      const std::int64_t id = id_word(l);
      if (users_.insert(id).second) {
        exec(
            "INSERT INTO users (id, org_id, username, display_name, password_hash, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, 'x', 0, 0)",
            {id, kOrg, l.words[1], l.words[1]});
      }
      if (maybe(l, "team")) {
        Value to = store::null_value;
        if (auto v = maybe(l, "to")) to = date_text(l, *v);
        exec(
            "INSERT INTO memberships (org_id, user_id, team_id, valid_from, valid_to, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)",
            {kOrg, id, to_int(l, need(l, "team"), "team"), date_text(l, need(l, "from")), to});
      }
    } else if (k == "holiday") {
      exec("INSERT INTO holidays (org_id, day, name) VALUES (?, ?, ?)",
           {kOrg, date_text(l, l.words[0]), l.words.size() > 1 ? l.words[1] : std::string("假日")});
    } else if (k == "product") {
      exec(
          "INSERT INTO products (id, org_id, name, list_price, active, created_at, updated_at) "
          "VALUES (?, ?, ?, 100, 1, 0, 0)",
          {id_word(l), kOrg, l.words[1]});
    } else if (k == "pipeline") {
      const bool is_default = l.words.size() > 1 && l.words[1] == "default";
      const std::int64_t id = insert(
          "INSERT INTO pipelines (org_id, name, is_default, created_at, updated_at) VALUES (?, ?, "
          "?, 0, 0)",
          {kOrg, l.words[0], std::int64_t{is_default ? 1 : 0}});
      pipelines_[l.words[0]] = id;
      if (is_default) default_pipeline_ = l.words[0];
    } else if (k == "stage") {
      const auto p = pipeline_id(need(l, "pipeline"));
      if (!p) bad(l, "no such pipeline");
      const std::string kind = need(l, "kind");
      const std::int64_t id = insert(
          "INSERT INTO pipeline_stages (org_id, pipeline_id, name, position, probability, kind) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {kOrg, *p, l.words[0], to_int(l, need(l, "pos"), "pos"),
           std::int64_t{kind == "won" ? 100 : 0}, kind});
      stages_[need(l, "pipeline")][l.words[0]] = id;
    } else if (k == "customer") {
      const std::int64_t created = instant_ms(l, need(l, "created"));
      exec(
          "INSERT INTO customers (id, org_id, name, status, industry, channel, tier, region_id, "
          "owner_id, created_at, updated_at) VALUES (?, ?, ?, 'customer', ?, ?, ?, ?, ?, ?, ?)",
          {id_word(l), kOrg, "客户" + l.words[0], opt_text(l, "industry"), opt_text(l, "channel"),
           opt_text(l, "tier"), opt_id(l, "region"), to_int(l, need(l, "owner"), "owner"), created,
           created});
    } else if (k == "order") {
      const std::int64_t id = id_word(l);
      const std::int64_t at = instant_ms(l, need(l, "at"));
      const std::int64_t customer = to_int(l, need(l, "customer"), "customer");
      const std::int64_t owner = to_int(l, need(l, "owner"), "owner");
      Value due = store::null_value;
      if (auto v = maybe(l, "due")) due = date_text(l, *v);
      exec(
          "INSERT INTO orders (id, org_id, customer_id, owner_id, ordered_at, due_date, status, "
          "total, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {id, kOrg, customer, owner, at, due, maybe(l, "status").value_or("confirmed"),
           yuan(l, need(l, "total")), at, at});
      orders_[id] = {customer, owner};
    } else if (k == "line") {
      const std::int64_t amount = yuan(l, need(l, "total"));
      const std::int64_t order = to_int(l, need(l, "order"), "order");
      const std::int64_t position = ++line_positions_[order];
      exec(
          "INSERT INTO document_lines (org_id, order_id, position, product_id, quantity, "
          "unit_price, discount_bp, line_total) VALUES (?, ?, ?, ?, 1, ?, 0, ?)",
          {kOrg, order, position, to_int(l, need(l, "product"), "product"), amount, amount});
    } else if (k == "payment") {
      const std::int64_t order = to_int(l, need(l, "order"), "order");
      const auto o = orders_.find(order);
      if (o == orders_.end()) bad(l, "no such order above");
      const std::int64_t at = instant_ms(l, need(l, "at"));
      const std::int64_t owner =
          maybe(l, "owner") ? to_int(l, need(l, "owner"), "owner") : o->second.second;
      exec(
          "INSERT INTO payments (id, org_id, order_id, customer_id, owner_id, amount, "
          "received_at, method, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'transfer', "
          "?, ?)",
          {id_word(l), kOrg, order, o->second.first, owner, yuan(l, need(l, "amount")), at, at,
           at});
    } else if (k == "opportunity") {
      load_opportunity(l);
    } else if (k == "activity") {
      const std::int64_t at = instant_ms(l, need(l, "at"));
      exec(
          "INSERT INTO activities (id, org_id, type, user_id, customer_id, started_at, "
          "is_revisit, satisfaction, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?)",
          {id_word(l), kOrg, need(l, "type"), to_int(l, need(l, "user"), "user"),
           to_int(l, need(l, "customer"), "customer"), at,
           to_int(l, maybe(l, "revisit").value_or("0"), "revisit"), opt_id(l, "score"), at, at});
    } else if (k == "cost") {
      const std::string scope = need(l, "scope");
      std::string type = scope;
      Value scope_id = store::null_value;
      if (const auto colon = scope.find(':'); colon != std::string::npos) {
        type = scope.substr(0, colon);
        scope_id = to_int(l, std::string_view(scope).substr(colon + 1), "scope");
      }
      if (type != "org" && type != "region" && type != "team" && type != "user") {
        bad(l, "cost scope is org, region:ID, team:ID or user:ID");
      }
      exec(
          "INSERT INTO costs (id, org_id, spent_on, scope_type, scope_id, amount, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0)",
          {id_word(l), kOrg, date_text(l, need(l, "on")), type, scope_id,
           yuan(l, need(l, "amount"))});
    } else if (k == "target") {
      // target METRIC SCOPE PERIOD: the period as the API writes it, its days stored beside it.
      const std::string& scope = l.words[1];
      std::string type = scope;
      std::int64_t scope_id = 0;
      if (const auto colon = scope.find(':'); colon != std::string::npos) {
        type = scope.substr(0, colon);
        scope_id = to_int(l, std::string_view(scope).substr(colon + 1), "scope");
      }
      auto period = parse_period(l.words[2], fiscal_start_month_);
      if (!period.ok()) bad(l, "not a period: " + l.words[2]);
      const auto y = l.keys.find("yuan");
      const std::int64_t value =
          y != l.keys.end() ? yuan(l, y->second) : to_int(l, need(l, "count"), "count");
      exec(
          "INSERT INTO targets (org_id, metric, scope_type, scope_id, period, start_day, end_day, "
          "value, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
          {kOrg, l.words[0], type, scope_id, period->label, format_date(period->start),
           format_date(period->end), value});
    }
  }

  // The opportunity and its stage history: `stages=A,B,C` entered 1 ms apart from creation.
  void load_opportunity(const Line& l) {
    const std::int64_t created = instant_ms(l, need(l, "created"));
    const std::string pipeline = maybe(l, "pipeline").value_or(default_pipeline_);
    const auto pid = pipeline_id(pipeline);
    if (!pid) bad(l, "no such pipeline " + pipeline);
    const auto names = stages_of(pipeline);
    std::vector<std::int64_t> history;
    std::string list = need(l, "stages");
    for (std::size_t from = 0; from <= list.size();) {
      const auto comma = std::min(list.find(',', from), list.size());
      const std::string name = list.substr(from, comma - from);
      const auto it = names.find(name);
      if (it == names.end()) bad(l, "no stage " + name + " in pipeline " + pipeline);
      history.push_back(it->second);
      from = comma + 1;
    }
    const std::string status = need(l, "status");
    Value closed = store::null_value;
    if (auto v = maybe(l, "closed")) closed = instant_ms(l, *v);
    const std::int64_t id = id_word(l);
    const std::int64_t owner = to_int(l, need(l, "owner"), "owner");
    exec(
        "INSERT INTO opportunities (id, org_id, name, customer_id, owner_id, amount, pipeline_id, "
        "stage_id, status, expected_close, forecast_category, closed_at, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, 100000, ?, ?, ?, '2026-12-31', 'pipeline', ?, ?, ?)",
        {id, kOrg, "商机" + l.words[0], to_int(l, need(l, "customer"), "customer"), owner, *pid,
         history.back(), status, closed, created, created});
    for (std::size_t i = 0; i < history.size(); ++i) {
      exec(
          "INSERT INTO opportunity_stage_history (org_id, opportunity_id, stage_id, entered_at, "
          "user_id) VALUES (?, ?, ?, ?, ?)",
          {kOrg, id, history[i], created + static_cast<std::int64_t>(i), owner});
    }
  }

  store::Connection& c_;
  std::set<std::int64_t> users_;
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> orders_;  // customer, owner
  std::map<std::int64_t, std::int64_t> line_positions_;
  std::string default_pipeline_;
  std::map<std::string, std::int64_t> pipelines_;
  std::map<std::string, std::map<std::string, std::int64_t>> stages_;
};

// The queries of a case file with their expectations.
std::vector<CaseQuery> read_queries(const std::vector<Line>& lines) {
  std::vector<CaseQuery> out;
  for (const Line& l : lines) {
    if (l.kind == "query") {
      CaseQuery q;
      q.line = l;
      q.request.metric = l.words[0];
      q.request.scope = l.words[1];
      q.request.period = l.words[2];
      if (auto seg = maybe(l, "segment")) {
        const auto colon = seg->find(':');
        if (colon == std::string::npos) bad(l, "segment=DIM:KEY (KEY may be empty)");
        q.request.segment_dim = seg->substr(0, colon);
        q.request.segment_key = seg->substr(colon + 1);
      }
      q.pipeline_name = maybe(l, "pipeline");
      if (auto today = maybe(l, "today")) {
        q.today = parse_date(*today);
        if (!q.today) bad(l, "today=YYYY-MM-DD");
      }
      q.request.compare = maybe(l, "compare");
      q.basis = maybe(l, "basis");
      if ((q.request.compare || q.basis) && !q.today) bad(l, "compare= and basis= need today=");
      out.push_back(std::move(q));
      continue;
    }
    if (!is_expectation(l.kind)) {
      if (!out.empty()) bad(l, "data lines go before the first query");
      continue;
    }
    if (out.empty()) bad(l, l.kind + " before any query");
    CaseQuery& q = out.back();
    auto set = [&](std::optional<Expected>& slot, int& at) {
      if (slot) bad(l, l.kind + " twice for one query");
      slot = parse_expected(l);
      at = l.number;
    };
    if (l.kind == "value") set(q.value, q.value_line);
    if (l.kind == "previous") set(q.previous, q.previous_line);
    if (l.kind == "yoy") set(q.yoy, q.yoy_line);
    if (l.kind == "error") {
      if (l.words.size() != 1) bad(l, "error FIELD");
      q.error_field = l.words[0];
    }
    if (l.kind == "previous_period" || l.kind == "yoy_period") {
      if (l.words.size() != 1) bad(l, l.kind + " LABEL");
      (l.kind == "previous_period" ? q.previous_period : q.yoy_period) = l.words[0];
    }
    if (l.kind == "compared") q.compared = l.words[0];
    if (l.kind.ends_with("_range") && !q.ranges.emplace(l.kind, l.words[0]).second) {
      bad(l, l.kind + " twice for one query");
    }
  }
  for (const CaseQuery& q : out) {
    if (q.error_field && (q.value || q.previous || q.yoy || q.previous_period || q.yoy_period)) {
      bad(q.line, "a refused query has no figures");
    }
    if (!q.error_field && (!q.value || !q.previous || !q.yoy)) {
      bad(q.line, "a query needs value, previous and yoy");
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

struct CaseParam {
  fs::path file;
  std::string backend;  // "sqlite" or "postgres"
};

std::vector<CaseParam> all_cases() {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(FUPAN_SOURCE_DIR) / "tests" / "metrics";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".test") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<CaseParam> out;
  for (const auto& f : files) {
    out.push_back({f, "sqlite"});
    out.push_back({f, "postgres"});
  }
  return out;
}

void PrintTo(const CaseParam& p, std::ostream* os) {
  *os << p.file.filename().string() << " on " << p.backend;
}

std::string case_name(const ::testing::TestParamInfo<CaseParam>& info) {
  std::string name = info.param.file.stem().string() + "_" + info.param.backend;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

class MetricCase : public ::testing::TestWithParam<CaseParam> {
 protected:
  void SetUp() override {
    store_ = testkit::TestStore::open(GetParam().backend,
                                      "metric_cases_" + GetParam().file.stem().string());
    if (!store_) GTEST_SKIP() << "FUPAN_TEST_PG_URL not set";
    db_ = &store_->db();
  }
  void TearDown() override { store_.reset(); }

  std::unique_ptr<testkit::TestStore> store_;
  store::Database* db_ = nullptr;
};

TEST(MetricCaseFiles, AreFound) {
  EXPECT_FALSE(all_cases().empty()) << "no tests/metrics/*.test under " << FUPAN_SOURCE_DIR;
}

TEST_P(MetricCase, AnswersAsComputedByHand) {
  const std::string file = GetParam().file.string();
  const std::vector<Line> lines = read_lines(GetParam().file);
  ASSERT_FALSE(lines.empty()) << file << " is empty or unreadable";

  std::vector<CaseQuery> queries;
  std::optional<Loader> loader;
  try {
    for (const Line& l : lines) check_shape(l);
    queries = read_queries(lines);
    auto conn = db_->acquire();
    store::Transaction tx(*conn, true);
    loader.emplace(*conn);
    loader->load(lines);
    tx.commit();
  } catch (const BadLine& e) {
    ADD_FAILURE_AT(file.c_str(), e.line) << e.why;
    return;
  } catch (const store::StoreError& e) {
    FAIL() << file << ": loading failed: " << e.what();
  }

  SystemClock clock;
  service::OrgDirectory orgs;
  orgs.load_all(*db_);
  service::SessionCache sessions;
  service::ScopeCache scopes;
  engine::Analytics analytics(*db_, store::read_metric_settings);
  service::Context ctx{*db_, orgs, clock, sessions, scopes, &analytics};
  const OrgId org{kOrg};
  ASSERT_NE(orgs.get(org), nullptr);

  for (CaseQuery& cq : queries) {
    const int at = cq.line.number;
    if (cq.pipeline_name) {
      cq.request.pipeline_id = loader->pipeline_id(*cq.pipeline_name);
      if (!cq.request.pipeline_id) {
        ADD_FAILURE_AT(file.c_str(), at) << "no pipeline named " << *cq.pipeline_name;
        continue;
      }
    }
    auto q = service::parse_metric_request(cq.request, *orgs.get(org), cq.today);
    if (q.ok() && cq.basis) {
      const auto basis = parse_elapsed_basis(*cq.basis);
      if (!basis) {
        ADD_FAILURE_AT(file.c_str(), at) << "basis=calendar_days or basis=working_days";
        continue;
      }
      q->compare.basis = *basis;
    }
    if (cq.error_field) {
      if (q.ok()) {
        ADD_FAILURE_AT(file.c_str(), at) << "accepted, expected an error on " << *cq.error_field;
      } else if (q.error().field != *cq.error_field) {
        ADD_FAILURE_AT(file.c_str(), at)
            << "refused on " << q.error().field << " (" << english(q.error().detail)
            << "), expected on " << *cq.error_field;
      }
      continue;
    }
    if (!q.ok()) {
      ADD_FAILURE_AT(file.c_str(), at) << "the query does not parse: " << q.error().field << " "
                                       << english(q.error().detail) << " (" << cq.line.text << ")";
      continue;
    }
    const auto stage_ids = loader->stages_of(cq.pipeline_name.value_or(""));
    for (const auto source : {testkit::MetricSource::engine, testkit::MetricSource::sql}) {
      const char* via = source == testkit::MetricSource::engine ? "engine" : "sql";
      const MetricAnswer a = testkit::answer_metric(ctx, org, *q, source);
      auto check = [&](const char* what, const MetricValue& got, const Expected& want, int line) {
        if (!matches(got, want, stage_ids)) {
          ADD_FAILURE_AT(file.c_str(), line)
              << GetParam().backend << " " << via << ": " << cq.line.text << "\n  " << what
              << ": expected " << want.text << "\n  " << std::string(std::strlen(what), ' ')
              << "  got      " << describe(got);
        }
      };
      check("value", a.value, *cq.value, cq.value_line);
      check("previous", a.previous, *cq.previous, cq.previous_line);
      check("yoy", a.yoy, *cq.yoy, cq.yoy_line);
      if (cq.previous_period && a.previous_period.label != *cq.previous_period) {
        ADD_FAILURE_AT(file.c_str(), at)
            << GetParam().backend << " " << via << ": previous period is "
            << a.previous_period.label << ", expected " << *cq.previous_period;
      }
      if (cq.yoy_period && a.yoy_period.label != *cq.yoy_period) {
        ADD_FAILURE_AT(file.c_str(), at)
            << GetParam().backend << " " << via << ": same period last year is "
            << a.yoy_period.label << ", expected " << *cq.yoy_period;
      }
      if (cq.compared && comparison_name(a.compared) != *cq.compared) {
        ADD_FAILURE_AT(file.c_str(), at)
            << GetParam().backend << " " << via << ": compared " << comparison_name(a.compared)
            << ", expected " << *cq.compared;
      }
      for (const auto& [which, want] : cq.ranges) {
        const Period& p = which == "value_range"      ? a.value_days
                          : which == "previous_range" ? a.previous_days
                                                      : a.yoy_days;
        const std::string got = p.end <= p.start ? "empty"
                                                 : format_date(p.start) + ".." +
                                                       format_date(p.end - std::chrono::days{1});
        if (got != want) {
          ADD_FAILURE_AT(file.c_str(), at) << GetParam().backend << " " << via << ": " << which
                                           << " is " << got << ", expected " << want;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Files, MetricCase, ::testing::ValuesIn(all_cases()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(MetricCase);

}  // namespace
}  // namespace fupan
