#include "engine/org_index.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace fupan::engine {
namespace {

constexpr Day kMinDay = std::numeric_limits<Day>::min() + 1;
constexpr Day kMaxDay = std::numeric_limits<Day>::max() - 1;

Day clamp_day(LocalDate d) {
  const auto n = d.days().time_since_epoch().count();
  return static_cast<Day>(std::clamp<std::int64_t>(n, kMinDay, kMaxDay));
}

ActivityType activity_type(std::string_view t) {
  if (t == "visit") return ActivityType::visit;
  if (t == "call") return ActivityType::call;
  if (t == "email") return ActivityType::email;
  if (t == "meeting") return ActivityType::meeting;
  return ActivityType::other;
}

Series activity_series(ActivityType t) {
  switch (t) {
    case ActivityType::visit:
      return Series::visits;
    case ActivityType::call:
      return Series::calls;
    case ActivityType::email:
      return Series::emails;
    case ActivityType::meeting:
      return Series::meetings;
    case ActivityType::other:
      break;
  }
  return Series::other_activities;
}

std::uint8_t cost_scope_type(std::string_view t) {
  return t == "region" ? 1 : t == "team" ? 2 : t == "user" ? 3 : 0;
}

template <class T>
T& slot_in(std::vector<T>& v, Slot s) {
  if (static_cast<std::size_t>(s) >= v.size()) v.resize(static_cast<std::size_t>(s) + 1);
  return v[s];
}

}  // namespace

// ---- DayLists ----

void DayLists::insert(Slot user, Entry e) {
  auto& list = slot_in(lists_, user);
  list.insert(std::upper_bound(list.begin(), list.end(), e), e);
}

void DayLists::erase(Slot user, Entry e) {
  if (static_cast<std::size_t>(user) >= lists_.size()) return;
  auto& list = lists_[user];
  auto it = std::lower_bound(list.begin(), list.end(), e);
  if (it != list.end() && *it == e) list.erase(it);
}

void DayLists::append(Slot user, Entry e) {
  slot_in(lists_, user).push_back(e);
}

void DayLists::sort() {
  for (auto& list : lists_) {
    if (!std::is_sorted(list.begin(), list.end())) std::sort(list.begin(), list.end());
  }
}

std::pair<const DayLists::Entry*, const DayLists::Entry*> DayLists::range(Slot user, Day from,
                                                                          Day to) const {
  if (user < 0 || static_cast<std::size_t>(user) >= lists_.size() || to <= from) {
    return {nullptr, nullptr};
  }
  const auto& list = lists_[user];
  auto by_day = [](const Entry& e, Day d) { return e.day < d; };
  const Entry* b = list.data();
  const Entry* e = b + list.size();
  return {std::lower_bound(b, e, from, by_day), std::lower_bound(b, e, to, by_day)};
}

std::size_t DayLists::bytes() const {
  std::size_t n = lists_.capacity() * sizeof(lists_[0]);
  for (const auto& l : lists_) n += l.capacity() * sizeof(Entry);
  return n;
}

// ---- OrgIndex ----

OrgIndex::OrgIndex(OrgId org, MetricSettings settings)
    : org_(org), settings_(std::move(settings)), clock_(settings_.timezone) {}

Slot OrgIndex::user_slot(std::int64_t user_id) {
  if (Slot s = find_user(user_id); s != kNone) return s;
  const auto slot = static_cast<Slot>(user_ids_.size());
  user_ids_.push_back(user_id);
  if (user_id >= 0 && user_id < kDenseUserIds) {
    if (static_cast<std::size_t>(user_id) >= dense_user_slots_.size()) {
      dense_user_slots_.resize(static_cast<std::size_t>(user_id) + 1, kNone);
    }
    dense_user_slots_[static_cast<std::size_t>(user_id)] = slot;
  } else {
    user_slots_[user_id] = slot;
  }
  return slot;
}

Slot OrgIndex::find_user(std::int64_t user_id) const {
  // Millions of rows name a user while the index loads: a vector look-up, not a hash.
  if (user_id >= 0 && static_cast<std::size_t>(user_id) < dense_user_slots_.size()) {
    return dense_user_slots_[static_cast<std::size_t>(user_id)];
  }
  auto it = user_slots_.find(user_id);
  return it == user_slots_.end() ? kNone : it->second;
}

void OrgIndex::load(store::Connection& c) {
  // Every user of the org has a slot before any fact refers to one, so the rollups are sized once.
  for (const std::int64_t user : store::list_user_ids(c, org_)) user_slot(user);
  bulk_ = true;  // facts and lists only; the rollups are summed in one pass below
  reserve(c);
  set_stages(store::load_stages(c, org_));
  store::load_customers(c, org_, std::nullopt,
                        [&](const store::CustomerRow& r) { put_customer(r); });
  store::load_orders(c, org_, std::nullopt, [&](const store::OrderRow& r) { put_order(r, {}); });
  store::load_order_lines(c, org_, std::nullopt, [&](const store::LineRow& r) {
    const Slot o = order_ids_.find(r.order);
    if (o == kNone) return;
    lines_.push_back({r.product, r.total, orders_[o].first_line});
    orders_[o].first_line = static_cast<Slot>(lines_.size() - 1);
  });
  store::load_payments(c, org_, std::nullopt, [&](const store::PaymentRow& r) { put_payment(r); });
  store::load_opportunities(c, org_, std::nullopt,
                            [&](const store::OpportunityRow& r) { put_opportunity(r); });
  store::load_activities(c, org_, std::nullopt,
                         [&](const store::ActivityRow& r) { put_activity(r); });
  store::load_costs(c, org_, std::nullopt, [&](const store::CostRow& r) { put_cost(r); });
  for (DayLists* l : {&user_orders_, &user_payments_, &user_customers_, &user_opps_created_,
                      &user_opps_closed_}) {
    l->sort();
  }
  bulk_ = false;
  for (SlotIndex* ids : {&customer_ids_, &order_ids_, &payment_ids_, &opportunity_ids_,
                         &activity_ids_, &cost_ids_}) {
    ids->shrink();
  }
  customers_.shrink_to_fit();
  orders_.shrink_to_fit();
  lines_.shrink_to_fit();
  payments_.shrink_to_fit();
  opportunities_.shrink_to_fit();
  steps_.shrink_to_fit();
  activities_.shrink_to_fit();
  build_rollups();
}

// Sizes the fact tables from the key ranges (cheap in both stores: the ends of the primary key),
// so millions of rows are not copied as the tables grow.
void OrgIndex::reserve(store::Connection& c) {
  auto span = [&](const char* table) -> std::size_t {
    std::size_t n = 0;
    const auto [lo, hi] = store::id_span(c, table);
    if (hi >= lo) n = static_cast<std::size_t>(hi - lo + 1);
    return std::min<std::size_t>(n, 1u << 28);
  };
  customers_.reserve(span("customers"));
  orders_.reserve(span("orders"));
  payments_.reserve(span("payments"));
  opportunities_.reserve(span("opportunities"));
  activities_.reserve(span("activities"));
}

// Sums every fact's series into fresh rollups spanning the facts' days and a year ahead: the same
// series the put_* functions add one by one.
void OrgIndex::build_rollups() {
  const Day today = clock_.day_of(to_ms(SystemClock{}.now()));
  Day first = today, last = today;
  auto span = [&](Day d) {
    if (d == kNoDay) return;
    first = std::min(first, d);
    last = std::max(last, d);
  };
  for (const auto& f : customers_) span(f.created);
  for (const auto& f : orders_) span(f.day);
  for (const auto& f : payments_) span(f.day);
  for (const auto& f : opportunities_) span(f.closed);
  for (const auto& f : activities_) span(f.day);
  rollup_.reset(static_cast<int>(user_ids_.size()), first, last + 62);
  rollup_.begin_bulk();
  for (const auto& f : customers_) {
    if (f.alive) rollup_.add(f.user, Series::new_leads, f.created, 1);
  }
  for (const auto& f : orders_) {
    if (!f.alive || f.cancelled) continue;
    rollup_.add(f.user, Series::orders_amount, f.day, f.total);
    rollup_.add(f.user, Series::orders_count, f.day, 1);
  }
  for (const auto& f : payments_) {
    if (f.alive) rollup_.add(f.user, Series::payments_amount, f.day, f.amount);
  }
  for (const auto& f : opportunities_) {
    if (f.alive && f.closed != kNoDay) {
      rollup_.add(f.user, f.status == OppStatus::won ? Series::won : Series::lost, f.closed, 1);
    }
  }
  for (const auto& f : activities_) {
    if (!f.alive) continue;
    rollup_.add(f.user, activity_series(f.kind()), f.day, 1);
    if (f.satisfaction > 0) {
      rollup_.add(f.user, Series::satisfaction_sum, f.day, f.satisfaction);
      rollup_.add(f.user, Series::satisfaction_count, f.day, 1);
    }
  }
  for (auto& c : customers_) c.first_user = kNone, c.first_day = kNoDay;
  for (Slot cs = 0; cs < static_cast<Slot>(customers_.size()); ++cs) {
    if (customers_[cs].alive) refresh_first_order(cs);
  }
  rollup_.end_bulk();
}

// Adds to the rollups, except while load() reads the facts (build_rollups sums them after).
void OrgIndex::bump(Slot user, Series s, Day d, std::int64_t v) {
  if (!bulk_) rollup_.add(user, s, d, v);
}

// Adds (+1) or takes back (−1) what order `o` contributes: its series and its place in the lists.
void OrgIndex::add_order_effects(Slot o, int sign) {
  const OrderFact& f = orders_[o];
  if (!f.alive || f.cancelled) return;
  bump(f.user, Series::orders_amount, f.day, sign * f.total);
  bump(f.user, Series::orders_count, f.day, sign);
  if (sign > 0) {
    bulk_ ? user_orders_.append(f.user, {f.day, o}) : user_orders_.insert(f.user, {f.day, o});
  } else {
    user_orders_.erase(f.user, {f.day, o});
  }
}

// Recomputes where customer `cs` counts as a new buyer: its earliest non-cancelled order (ties
// by the smaller id), moving its new_buyers count from the old owner and day to the new.
void OrgIndex::refresh_first_order(Slot cs) {
  if (bulk_) return;  // load() settles every customer once at the end
  CustomerFact& cf = customers_[cs];
  Slot best = kNone;
  if (cf.alive) {
    for (Slot o = cf.first_order; o != kNone; o = orders_[o].next_of_customer) {
      const OrderFact& f = orders_[o];
      if (!f.alive || f.cancelled) continue;
      if (best == kNone || f.ordered_ms < orders_[best].ordered_ms ||
          (f.ordered_ms == orders_[best].ordered_ms && f.id < orders_[best].id)) {
        best = o;
      }
    }
  }
  const Slot user = best == kNone ? kNone : orders_[best].user;
  const Day day = best == kNone ? kNoDay : orders_[best].day;
  if (user == cf.first_user && day == cf.first_day) return;
  if (cf.first_user != kNone) bump(cf.first_user, Series::new_buyers, cf.first_day, -1);
  cf.first_user = user;
  cf.first_day = day;
  if (user != kNone) bump(user, Series::new_buyers, day, 1);
}

void OrgIndex::put_customer(const store::CustomerRow& r) {
  const Slot cs = customer_ids_.find_or_add(r.id);
  CustomerFact& f = slot_in(customers_, cs);
  if (f.alive) {
    bump(f.user, Series::new_leads, f.created, -1);
    user_customers_.erase(f.user, {f.created, cs});
  }
  f.id = r.id;
  f.user = user_slot(r.owner);
  f.created = clock_.day_of(r.created_ms);
  f.industry = industries_.code(r.industry);
  f.channel = channels_.code(r.channel);
  f.tier = tiers_.code(r.tier);
  f.region = r.region;
  const bool was_alive = f.alive;
  f.alive = true;
  bump(f.user, Series::new_leads, f.created, 1);
  if (bulk_) {
    user_customers_.append(f.user, {f.created, cs});
  } else {
    user_customers_.insert(f.user, {f.created, cs});
    if (!was_alive) refresh_first_order(cs);
  }
}

void OrgIndex::remove_customer(std::int64_t id) {
  const Slot cs = customer_ids_.find(id);
  if (cs == kNone || !customers_[cs].alive) return;
  CustomerFact& f = customers_[cs];
  bump(f.user, Series::new_leads, f.created, -1);
  user_customers_.erase(f.user, {f.created, cs});
  f.alive = false;
  refresh_first_order(cs);
}

// Takes order `o` out of its customer's chain of orders.
void OrgIndex::unlink_from_customer(Slot o) {
  const Slot cs = orders_[o].customer;
  if (cs == kNone) return;
  for (Slot* link = &customers_[cs].first_order; *link != kNone;
       link = &orders_[*link].next_of_customer) {
    if (*link == o) {
      *link = orders_[o].next_of_customer;
      break;
    }
  }
  orders_[o].next_of_customer = kNone;
}

void OrgIndex::put_order(const store::OrderRow& r, std::vector<LineFact> lines) {
  const Slot o = order_ids_.find_or_add(r.id);
  OrderFact& f = slot_in(orders_, o);
  const Slot old_customer = f.alive ? f.customer : kNone;
  add_order_effects(o, -1);
  const Slot customer = customer_ids_.find(r.customer);
  if (f.alive && old_customer != customer) unlink_from_customer(o);
  f.id = r.id;
  f.user = user_slot(r.owner);
  f.ordered_ms = r.ordered_ms;
  f.day = clock_.day_of(r.ordered_ms);
  f.due = parse_day(r.due);
  f.total = r.total;
  f.cancelled = r.cancelled;
  const bool linked = f.alive && old_customer == customer;
  f.customer = customer;
  f.alive = true;
  add_order_effects(o, +1);
  // The lines are replaced whole; the old ones stay unreferenced in lines_.
  f.first_line = kNone;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    lines_.push_back({it->product, it->total, f.first_line});
    f.first_line = static_cast<Slot>(lines_.size() - 1);
  }
  if (!linked && customer != kNone) {
    f.next_of_customer = customers_[customer].first_order;
    customers_[customer].first_order = o;
  }
  if (old_customer != kNone && old_customer != customer) refresh_first_order(old_customer);
  if (customer != kNone) refresh_first_order(customer);
}

void OrgIndex::remove_order(std::int64_t id) {
  const Slot o = order_ids_.find(id);
  if (o == kNone || !orders_[o].alive) return;
  add_order_effects(o, -1);
  unlink_from_customer(o);
  OrderFact& f = orders_[o];
  f.alive = false;
  f.first_line = kNone;
  if (f.customer != kNone) refresh_first_order(f.customer);
}

// Takes payment `p` out of its order's chain of payments.
void OrgIndex::unlink_payment(Slot p) {
  const Slot o = payments_[p].order;
  if (o == kNone) return;
  for (Slot* link = &orders_[o].first_payment; *link != kNone;
       link = &payments_[*link].next_of_order) {
    if (*link == p) {
      *link = payments_[p].next_of_order;
      break;
    }
  }
  payments_[p].next_of_order = kNone;
}

void OrgIndex::put_payment(const store::PaymentRow& r) {
  const Slot p = payment_ids_.find_or_add(r.id);
  if (slot_in(payments_, p).alive) remove_payment(r.id);
  PaymentFact& f = payments_[p];
  f.order = order_ids_.find(r.order);
  f.customer = customer_ids_.find(r.customer);
  f.user = user_slot(r.owner);
  f.day = clock_.day_of(r.received_ms);
  f.amount = r.amount;
  f.alive = true;
  bump(f.user, Series::payments_amount, f.day, f.amount);
  if (bulk_) {
    user_payments_.append(f.user, {f.day, p});
  } else {
    user_payments_.insert(f.user, {f.day, p});
  }
  if (f.order != kNone) {
    f.next_of_order = orders_[f.order].first_payment;
    orders_[f.order].first_payment = p;
  }
}

void OrgIndex::remove_payment(std::int64_t id) {
  const Slot p = payment_ids_.find(id);
  if (p == kNone || !payments_[p].alive) return;
  PaymentFact& f = payments_[p];
  bump(f.user, Series::payments_amount, f.day, -f.amount);
  user_payments_.erase(f.user, {f.day, p});
  unlink_payment(p);
  f.alive = false;
}

std::int8_t OrgIndex::stage_index(std::int64_t pipeline, std::int64_t stage) const {
  auto it = stages_.find(stage);
  // A stage of a pipeline the opportunity was in before says nothing about this one.
  return it != stages_.end() && it->second.pipeline == pipeline ? it->second.index : -1;
}

void OrgIndex::put_opportunity(const store::OpportunityRow& r) {
  const Slot s = opportunity_ids_.find_or_add(r.id);
  if (slot_in(opportunities_, s).alive) remove_opportunity(r.id);
  OpportunityFact& f = opportunities_[s];
  f.customer = customer_ids_.find(r.customer);
  f.user = user_slot(r.owner);
  f.pipeline = r.pipeline;
  f.created_ms = r.created_ms;
  f.created = clock_.day_of(r.created_ms);
  f.status = r.status == "won"    ? OppStatus::won
             : r.status == "lost" ? OppStatus::lost
                                  : OppStatus::open;
  const bool closed = f.status != OppStatus::open && r.closed_ms != 0;
  f.closed_ms = closed ? r.closed_ms : 0;
  f.closed = closed ? clock_.day_of(r.closed_ms) : kNoDay;
  f.stage = r.stage;
  f.amount = r.amount;
  f.expected_close = parse_day(r.expected_close);
  f.category = r.forecast_category == "commit"      ? ForecastCategory::commit
               : r.forecast_category == "best_case" ? ForecastCategory::best_case
                                                    : ForecastCategory::pipeline;
  // The history is replaced whole; the old steps stay unreferenced in steps_.
  f.first_step = static_cast<std::int32_t>(steps_.size());
  f.steps = static_cast<std::int32_t>(r.history.size());
  f.reached = -1;
  for (const auto& [stage, at] : r.history) {
    const std::int8_t index = stage_index(r.pipeline, stage);
    steps_.push_back({at, index});
    f.reached = std::max(f.reached, index);
  }
  f.alive = true;
  if (bulk_) {
    user_opps_created_.append(f.user, {f.created, s});
  } else {
    user_opps_created_.insert(f.user, {f.created, s});
  }
  if (closed) {
    bump(f.user, f.status == OppStatus::won ? Series::won : Series::lost, f.closed, 1);
    if (bulk_) {
      user_opps_closed_.append(f.user, {f.closed, s});
    } else {
      user_opps_closed_.insert(f.user, {f.closed, s});
    }
  }
}

void OrgIndex::remove_opportunity(std::int64_t id) {
  const Slot s = opportunity_ids_.find(id);
  if (s == kNone || !opportunities_[s].alive) return;
  OpportunityFact& f = opportunities_[s];
  user_opps_created_.erase(f.user, {f.created, s});
  if (f.closed != kNoDay) {
    bump(f.user, f.status == OppStatus::won ? Series::won : Series::lost, f.closed, -1);
    user_opps_closed_.erase(f.user, {f.closed, s});
  }
  f.steps = 0;
  f.alive = false;
}

void OrgIndex::put_activity(const store::ActivityRow& r) {
  const Slot s = activity_ids_.find_or_add(r.id);
  if (slot_in(activities_, s).alive) remove_activity(r.id);
  ActivityFact& f = activities_[s];
  const Slot user = user_slot(r.user);
  if (user > 0xFFFF)
    throw std::length_error("the analytics index holds at most 65,535 users an org");
  f.user = static_cast<std::uint16_t>(user);
  f.day = clock_.day_of(r.started_ms);
  f.customer = customer_ids_.find(r.customer);
  f.type = static_cast<std::uint8_t>(activity_type(r.type));
  f.satisfaction = static_cast<std::uint8_t>(std::clamp<std::int64_t>(r.satisfaction, 0, 5));
  f.alive = 1;
  bump(f.user, activity_series(f.kind()), f.day, 1);
  if (f.satisfaction > 0) {
    bump(f.user, Series::satisfaction_sum, f.day, f.satisfaction);
    bump(f.user, Series::satisfaction_count, f.day, 1);
  }
}

void OrgIndex::remove_activity(std::int64_t id) {
  const Slot s = activity_ids_.find(id);
  if (s == kNone || !activities_[s].alive) return;
  ActivityFact& f = activities_[s];
  bump(f.user, activity_series(f.kind()), f.day, -1);
  if (f.satisfaction > 0) {
    bump(f.user, Series::satisfaction_sum, f.day, -f.satisfaction);
    bump(f.user, Series::satisfaction_count, f.day, -1);
  }
  f.alive = 0;
}

void OrgIndex::put_cost(const store::CostRow& r) {
  const Slot s = cost_ids_.find_or_add(r.id);
  CostFact& f = slot_in(costs_, s);
  f.day = parse_day(r.spent_on);
  f.scope_type = cost_scope_type(r.scope_type);
  f.scope_id = r.scope_id;
  f.amount = r.amount;
  f.alive = true;
}

void OrgIndex::remove_cost(std::int64_t id) {
  const Slot s = cost_ids_.find(id);
  if (s != kNone) costs_[s].alive = false;
}

void OrgIndex::set_stages(const std::vector<store::StageFactRow>& stages) {
  stages_.clear();
  pipeline_stages_.clear();
  default_pipeline_ = 0;
  for (const store::StageFactRow& s : stages) {  // ordered by pipeline, position
    if (s.pipeline_is_default && default_pipeline_ == 0) default_pipeline_ = s.pipeline;
    auto& list = pipeline_stages_[s.pipeline];  // one per pipeline, even with no open stage
    if (s.kind == "lost") {
      stages_[s.id] = {s.pipeline, -1, s.probability};
      continue;
    }
    stages_[s.id] = {s.pipeline, static_cast<std::int8_t>(list.size()), s.probability};
    list.push_back(s);
  }
}

ResolvedScope OrgIndex::resolve(const std::vector<ScopeRef>& scopes,
                                const OrgSnapshot& snapshot) const {
  ResolvedScope out;
  const Attribution who = attribution_of(scopes, snapshot);
  out.costs = std::make_shared<CostScope>(scopes, snapshot, who);
  if (who.everyone) {
    for (Slot u = 0; u < static_cast<Slot>(user_ids_.size()); ++u) {
      out.members.push_back({u, {{kMinDay, kMaxDay}}});
    }
    return out;
  }
  for (const auto& [user, ranges] : who.users) {
    const Slot u = find_user(user.value);
    if (u == kNone) continue;
    ResolvedScope::Member m{u, {}};
    for (const DayRange& r : ranges) m.days.emplace_back(clamp_day(r.start), clamp_day(r.end));
    out.members.push_back(std::move(m));
  }
  std::sort(out.members.begin(), out.members.end(),
            [](const auto& a, const auto& b) { return a.user < b.user; });
  return out;
}

ResolvedScope OrgIndex::resolve_member(UserId user, std::vector<DayRange> days) const {
  ResolvedScope out;
  out.costs = std::make_shared<CostScope>();
  const Slot u = find_user(user.value);
  if (u == kNone) return out;
  std::sort(days.begin(), days.end(),
            [](const DayRange& a, const DayRange& b) { return a.start < b.start; });
  ResolvedScope::Member m{u, {}};
  for (const DayRange& r : days) {
    const Day a = clamp_day(r.start), b = clamp_day(r.end);
    if (!m.days.empty() && a <= m.days.back().second) {
      m.days.back().second = std::max(m.days.back().second, b);
    } else {
      m.days.emplace_back(a, b);
    }
  }
  out.members.push_back(std::move(m));
  return out;
}

OrgIndex::Stats OrgIndex::stats() const {
  Stats s{customers_.size(),
          orders_.size(),
          payments_.size(),
          opportunities_.size(),
          activities_.size(),
          costs_.size(),
          0};
  auto bytes_of = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  s.bytes = rollup_.bytes() + bytes_of(customers_) + bytes_of(orders_) + bytes_of(lines_) +
            bytes_of(payments_) + bytes_of(opportunities_) + bytes_of(steps_) +
            bytes_of(activities_) + bytes_of(costs_) + bytes_of(user_ids_);
  for (const SlotIndex* ids : {&customer_ids_, &order_ids_, &payment_ids_, &opportunity_ids_,
                               &activity_ids_, &cost_ids_}) {
    s.bytes += ids->bytes();
  }
  for (const DayLists* l : {&user_orders_, &user_payments_, &user_customers_, &user_opps_created_,
                            &user_opps_closed_}) {
    s.bytes += l->bytes();
  }
  return s;
}

}  // namespace fupan::engine
