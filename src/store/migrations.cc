#include "store/migrations.h"

#include <chrono>
#include <stdexcept>

namespace fupan::store {
namespace {

const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

// Version 1: the organisation, access control, sessions and the audit log.
const char* kV1 = R"sql(
CREATE TABLE orgs (
  id {{pk}},
  name TEXT NOT NULL,
  timezone TEXT NOT NULL DEFAULT 'Asia/Shanghai',
  fiscal_year_start_month INTEGER NOT NULL DEFAULT 1,
  currency TEXT NOT NULL DEFAULT 'CNY',
  is_demo SMALLINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE regions (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, name)
);
CREATE TABLE teams (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  region_id BIGINT NOT NULL REFERENCES regions(id),
  parent_id BIGINT REFERENCES teams(id),
  name TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, name)
);
CREATE INDEX teams_parent ON teams (parent_id);
CREATE TABLE users (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  region_id BIGINT REFERENCES regions(id),
  active SMALLINT NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX users_org ON users (org_id, id);
CREATE TABLE user_roles (
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);
CREATE TABLE memberships (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  team_id BIGINT NOT NULL REFERENCES teams(id),
  role TEXT NOT NULL DEFAULT 'member',
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX memberships_team ON memberships (team_id, valid_from);
CREATE INDEX memberships_user ON memberships (user_id, valid_from);
CREATE TABLE sessions (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_digest TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE audit_log (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  at BIGINT NOT NULL,
  user_id BIGINT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT,
  before_json TEXT,
  after_json TEXT,
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log (org_id, entity, entity_id);
CREATE INDEX audit_log_at ON audit_log (org_id, at);
)sql";

// Version 2: the CRM facts (SPEC section 2). Money is BIGINT 分, instants BIGINT ms, dates TEXT.
// external_id is the import key: unique per org when present.
const char* kV2 = R"sql(
ALTER TABLE orgs ADD COLUMN tier_rule TEXT NOT NULL DEFAULT 'abc';
ALTER TABLE orgs ADD COLUMN stall_days INTEGER NOT NULL DEFAULT 14;
CREATE TABLE customers (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  industry TEXT,
  region_id BIGINT REFERENCES regions(id),
  channel TEXT,
  tier TEXT,
  owner_id BIGINT NOT NULL REFERENCES users(id),
  tags TEXT,
  next_follow_up TEXT,
  phone TEXT,
  address TEXT,
  notes TEXT,
  name_key TEXT,
  phone_key TEXT,
  external_id TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX customers_external ON customers (org_id, external_id);
CREATE INDEX customers_owner ON customers (org_id, owner_id, created_at);
CREATE INDEX customers_created ON customers (org_id, created_at);
CREATE INDEX customers_name ON customers (org_id, name);
CREATE INDEX customers_name_key ON customers (org_id, name_key);
CREATE INDEX customers_phone_key ON customers (org_id, phone_key);
CREATE TABLE customer_transfers (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  from_user_id BIGINT NOT NULL REFERENCES users(id),
  to_user_id BIGINT NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL,
  by_user_id BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL
);
CREATE INDEX customer_transfers_customer ON customer_transfers (customer_id, at);
CREATE TABLE contacts (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  title TEXT,
  phone TEXT,
  email TEXT,
  wechat TEXT,
  is_primary BIGINT NOT NULL,
  notes TEXT,
  external_id TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX contacts_external ON contacts (org_id, external_id);
CREATE INDEX contacts_customer ON contacts (customer_id);
CREATE TABLE pipelines (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  is_default SMALLINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, name)
);
CREATE TABLE pipeline_stages (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  pipeline_id BIGINT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  probability INTEGER NOT NULL,
  kind TEXT NOT NULL
);
CREATE INDEX pipeline_stages_pipeline ON pipeline_stages (pipeline_id, position);
CREATE TABLE opportunities (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  owner_id BIGINT NOT NULL REFERENCES users(id),
  amount BIGINT NOT NULL,
  pipeline_id BIGINT NOT NULL REFERENCES pipelines(id),
  stage_id BIGINT NOT NULL REFERENCES pipeline_stages(id),
  status TEXT NOT NULL,
  expected_close TEXT NOT NULL,
  forecast_category TEXT NOT NULL,
  competitor TEXT,
  lost_reason TEXT,
  closed_at BIGINT,
  notes TEXT,
  external_id TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX opportunities_external ON opportunities (org_id, external_id);
CREATE INDEX opportunities_owner ON opportunities (org_id, owner_id, created_at);
CREATE INDEX opportunities_customer ON opportunities (customer_id);
CREATE INDEX opportunities_stage ON opportunities (org_id, stage_id);
CREATE TABLE opportunity_stage_history (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  opportunity_id BIGINT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  stage_id BIGINT NOT NULL REFERENCES pipeline_stages(id),
  entered_at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id)
);
CREATE INDEX opportunity_stage_history_opportunity ON opportunity_stage_history (opportunity_id, entered_at);
CREATE TABLE activities (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  type TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  opportunity_id BIGINT REFERENCES opportunities(id),
  started_at BIGINT NOT NULL,
  duration_minutes BIGINT,
  outcome TEXT,
  next_step TEXT,
  is_revisit BIGINT NOT NULL,
  satisfaction BIGINT,
  external_id TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX activities_external ON activities (org_id, external_id);
CREATE INDEX activities_user ON activities (org_id, user_id, started_at);
CREATE INDEX activities_customer ON activities (customer_id, started_at);
CREATE INDEX activities_opportunity ON activities (opportunity_id, started_at);
CREATE TABLE products (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  code TEXT,
  category TEXT,
  unit TEXT,
  list_price BIGINT NOT NULL,
  price_a BIGINT,
  price_b BIGINT,
  price_c BIGINT,
  active BIGINT NOT NULL,
  external_id TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX products_external ON products (org_id, external_id);
CREATE UNIQUE INDEX products_code ON products (org_id, code);
CREATE TABLE quotes (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  owner_id BIGINT NOT NULL REFERENCES users(id),
  opportunity_id BIGINT REFERENCES opportunities(id),
  status TEXT NOT NULL,
  valid_until TEXT,
  total BIGINT NOT NULL,
  order_id BIGINT,
  notes TEXT,
  external_id TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX quotes_external ON quotes (org_id, external_id);
CREATE INDEX quotes_owner ON quotes (org_id, owner_id);
CREATE TABLE orders (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  owner_id BIGINT NOT NULL REFERENCES users(id),
  opportunity_id BIGINT REFERENCES opportunities(id),
  quote_id BIGINT REFERENCES quotes(id),
  ordered_at BIGINT NOT NULL,
  due_date TEXT,
  status TEXT NOT NULL,
  total BIGINT NOT NULL,
  paid BIGINT NOT NULL DEFAULT 0,
  notes TEXT,
  external_id TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX orders_external ON orders (org_id, external_id);
CREATE INDEX orders_owner ON orders (org_id, owner_id, ordered_at);
CREATE INDEX orders_customer ON orders (customer_id, ordered_at);
CREATE INDEX orders_ordered ON orders (org_id, ordered_at);
CREATE TABLE document_lines (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  quote_id BIGINT REFERENCES quotes(id) ON DELETE CASCADE,
  order_id BIGINT REFERENCES orders(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  product_id BIGINT NOT NULL REFERENCES products(id),
  quantity BIGINT NOT NULL,
  unit_price BIGINT NOT NULL,
  discount_bp INTEGER NOT NULL,
  line_total BIGINT NOT NULL
);
CREATE INDEX document_lines_quote ON document_lines (quote_id);
CREATE INDEX document_lines_order ON document_lines (order_id);
CREATE TABLE payments (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  order_id BIGINT NOT NULL REFERENCES orders(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  owner_id BIGINT NOT NULL REFERENCES users(id),
  amount BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  method TEXT NOT NULL,
  notes TEXT,
  external_id TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX payments_external ON payments (org_id, external_id);
CREATE INDEX payments_order ON payments (order_id, org_id);
CREATE INDEX payments_owner ON payments (org_id, owner_id, received_at);
CREATE TABLE costs (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  spent_on TEXT NOT NULL,
  scope_type TEXT NOT NULL,
  scope_id BIGINT,
  channel TEXT,
  amount BIGINT NOT NULL,
  notes TEXT,
  external_id TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX costs_external ON costs (org_id, external_id);
CREATE INDEX costs_spent ON costs (org_id, spent_on);
)sql";

// Analytics settings: the org's gross margin for CLV and its holiday calendar for working days;
// targets (metric, scope, period, value) for attainment.
const char* kV3 = R"sql(
ALTER TABLE orgs ADD COLUMN gross_margin_bp INTEGER NOT NULL DEFAULT 10000;
CREATE TABLE holidays (
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  day TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (org_id, day)
);
CREATE TABLE targets (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  metric TEXT NOT NULL,
  scope_type TEXT NOT NULL,
  scope_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  start_day TEXT NOT NULL,
  end_day TEXT NOT NULL,
  value BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, metric, scope_type, scope_id, period)
);
)sql";

// Version 4: how a period in progress is compared (to date by calendar or working days); which
// process wrote each audit entry (a server picks up what another process changed); to-dos
// snoozed and reminders sent (催办); a visit's contact and check-in (coordinates in millionths of
// a degree).
const char* kV4 = R"sql(
ALTER TABLE orgs ADD COLUMN compare_basis TEXT NOT NULL DEFAULT 'calendar_days';
ALTER TABLE audit_log ADD COLUMN writer BIGINT NOT NULL DEFAULT 0;
CREATE TABLE todo_snoozes (
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  until_day TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, kind, record_id)
);
CREATE TABLE todo_reminders (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  from_user_id BIGINT NOT NULL REFERENCES users(id),
  to_user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  record_id BIGINT,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX todo_reminders_to ON todo_reminders (org_id, to_user_id, created_at);
ALTER TABLE activities ADD COLUMN contact_id BIGINT REFERENCES contacts(id);
ALTER TABLE activities ADD COLUMN checkin_lat BIGINT;
ALTER TABLE activities ADD COLUMN checkin_lng BIGINT;
ALTER TABLE activities ADD COLUMN checkin_accuracy_m BIGINT;
ALTER TABLE activities ADD COLUMN checkin_at BIGINT;
)sql";

// Goals: who set a target, its value as first set, and every change since with its reason.
constexpr const char* kV6 = R"sql(
ALTER TABLE targets ADD COLUMN original_value BIGINT;
ALTER TABLE targets ADD COLUMN set_by BIGINT;
UPDATE targets SET original_value = value;
CREATE TABLE target_adjustments (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  target_id BIGINT NOT NULL REFERENCES targets(id),
  old_value BIGINT NOT NULL,
  new_value BIGINT NOT NULL,
  reason TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL
);
CREATE INDEX target_adjustments_target ON target_adjustments (org_id, target_id, id);
CREATE INDEX targets_scope ON targets (org_id, scope_type, scope_id, start_day);
)sql";

// Goals: a number committed bottom-up against a target (one per target, its latest), the tasks
// a person adds to a day's plan, and the org's SMART factor and seasonality.
constexpr const char* kV7 = R"sql(
CREATE TABLE target_commits (
  target_id BIGINT PRIMARY KEY REFERENCES targets(id),
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  value BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  user_id BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL
);
CREATE TABLE plan_tasks (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  day TEXT NOT NULL,
  title TEXT NOT NULL,
  important SMALLINT NOT NULL DEFAULT 0,
  urgent SMALLINT NOT NULL DEFAULT 0,
  done_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX plan_tasks_day ON plan_tasks (org_id, user_id, day);
ALTER TABLE orgs ADD COLUMN smart_factor_pct INTEGER NOT NULL DEFAULT 150;
ALTER TABLE orgs ADD COLUMN seasonality TEXT NOT NULL DEFAULT '';
)sql";

// Targets get one key, by scope, first day and metric, in place of the unique (metric, scope,
// period) and the (scope, first day) index: a period is its label and its first day (a week cut
// at a year's edge keeps its label: 2026's part of 2026-W01 starts on 1 January, 2025's on 29
// December), so each year's cut week is a target of its own where the old key refused the
// second; a target set by hand is still one per label (service/goals/target_service). The one
// index serves what the two did, a scope's targets by date, and a decomposition writes one B-tree
// fewer for each of its targets.
// SQLite cannot drop a table's UNIQUE constraint: its step rebuilds the table (below).
constexpr const char* kV8 = R"sql(
DROP INDEX targets_scope;
CREATE UNIQUE INDEX targets_key ON targets (org_id, scope_type, scope_id, start_day, metric, period);
)sql";
constexpr const char* kV8Postgres = R"sql(
ALTER TABLE targets DROP CONSTRAINT targets_org_id_metric_scope_type_scope_id_period_key;
)sql";

// Weekly reports (SPEC §4): templates with every version kept, one report per person, kind and
// period, every submitted version, comments with @mentions and read receipts; the channels
// reminders go out through and the outbox that is their delivery log (a message's key is unique
// per channel, so a run repeated after a restart queues nothing twice); the indexes a
// person's week of opportunities closed and stages entered, and their overdue follow-ups, are read
// by (the data block).
constexpr const char* kV9 = R"sql(
CREATE TABLE report_templates (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  team_id BIGINT REFERENCES teams(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  deadline_offset INTEGER NOT NULL,
  deadline_minute INTEGER NOT NULL,
  sections TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX report_templates_org ON report_templates (org_id, kind);
CREATE TABLE report_template_versions (
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  template_id BIGINT NOT NULL REFERENCES report_templates(id),
  version BIGINT NOT NULL,
  name TEXT NOT NULL,
  deadline_offset INTEGER NOT NULL,
  deadline_minute INTEGER NOT NULL,
  sections TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (template_id, version)
);
CREATE TABLE reports (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  start_day TEXT NOT NULL,
  end_day TEXT NOT NULL,
  template_id BIGINT REFERENCES report_templates(id),
  template_version BIGINT NOT NULL,
  status TEXT NOT NULL,
  content TEXT NOT NULL,
  data_block TEXT NOT NULL DEFAULT '',
  deadline_at BIGINT NOT NULL,
  submitted_at BIGINT,
  late SMALLINT,
  submissions BIGINT NOT NULL DEFAULT 0,
  rating SMALLINT,
  review_comment TEXT NOT NULL DEFAULT '',
  reviewed_by BIGINT REFERENCES users(id),
  reviewed_at BIGINT,
  return_reason TEXT NOT NULL DEFAULT '',
  goals_accepted_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, user_id, kind, period)
);
CREATE INDEX reports_period ON reports (org_id, kind, start_day);
CREATE INDEX opportunities_closed ON opportunities (org_id, owner_id, closed_at);
CREATE INDEX opportunity_stage_history_user ON opportunity_stage_history (org_id, user_id, entered_at);
CREATE INDEX customers_follow_up ON customers (org_id, owner_id, next_follow_up);
CREATE INDEX todo_reminders_note ON todo_reminders (org_id, kind, note);
CREATE TABLE report_versions (
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  report_id BIGINT NOT NULL REFERENCES reports(id),
  seq BIGINT NOT NULL,
  content TEXT NOT NULL,
  data_block TEXT NOT NULL,
  submitted_at BIGINT NOT NULL,
  late SMALLINT NOT NULL,
  PRIMARY KEY (report_id, seq)
);
CREATE TABLE report_comments (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  report_id BIGINT NOT NULL REFERENCES reports(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  mentions TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX report_comments_report ON report_comments (report_id, id);
CREATE TABLE report_reads (
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  report_id BIGINT NOT NULL REFERENCES reports(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  read_at BIGINT NOT NULL,
  PRIMARY KEY (report_id, user_id)
);
CREATE TABLE notification_channels (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL DEFAULT '',
  sender TEXT NOT NULL DEFAULT '',
  team_id BIGINT REFERENCES teams(id),
  active SMALLINT NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE notifications (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  channel_id BIGINT NOT NULL REFERENCES notification_channels(id),
  dedupe_key TEXT NOT NULL,
  recipient TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  mentions TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  UNIQUE (org_id, channel_id, dedupe_key)
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_at);
CREATE INDEX notifications_channel ON notifications (org_id, channel_id, id);
)sql";

// Daily and monthly report templates apply from a first day (docs/reports.md "Kinds").
constexpr const char* kV10 = R"sql(
ALTER TABLE report_templates ADD COLUMN effective_from TEXT;
)sql";

// 复盘: reviews of a scope's period with their participants, cards, cases and action items; the
// org's root causes as the admin changed them (the built-ins are in domain/reviews/root_cause.h).
constexpr const char* kV11 = R"sql(
CREATE TABLE review_root_causes (
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  cause_key TEXT NOT NULL,
  name TEXT NOT NULL,
  active SMALLINT NOT NULL DEFAULT 1,
  position INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, cause_key)
);
CREATE TABLE reviews (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  scope_kind TEXT NOT NULL,
  scope_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  start_day TEXT NOT NULL,
  end_day TEXT NOT NULL,
  title TEXT NOT NULL,
  owner_id BIGINT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL,
  facts TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  started_at BIGINT,
  closed_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX reviews_scope ON reviews (org_id, scope_kind, scope_id, start_day);
CREATE TABLE review_participants (
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (review_id, user_id)
);
CREATE INDEX review_participants_user ON review_participants (user_id);
CREATE TABLE review_cards (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  author_id BIGINT NOT NULL REFERENCES users(id),
  section TEXT NOT NULL,
  tone TEXT NOT NULL,
  body TEXT NOT NULL,
  why TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX review_cards_review ON review_cards (review_id, id);
CREATE TABLE review_cases (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  opportunity_id BIGINT NOT NULL REFERENCES opportunities(id),
  outcome TEXT NOT NULL,
  root_cause TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  opportunity_name TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  industry TEXT NOT NULL DEFAULT '',
  product TEXT NOT NULL DEFAULT '',
  competitor TEXT NOT NULL DEFAULT '',
  lost_reason TEXT NOT NULL DEFAULT '',
  amount BIGINT NOT NULL,
  owner_id BIGINT REFERENCES users(id),
  closed_on TEXT NOT NULL,
  cycle_days INTEGER NOT NULL,
  added_by BIGINT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (review_id, opportunity_id)
);
CREATE INDEX review_cases_org ON review_cases (org_id, outcome, closed_on);
CREATE TABLE action_items (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  owner_id BIGINT NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  due_day TEXT NOT NULL,
  metric TEXT,
  target_id BIGINT REFERENCES targets(id),
  target_value BIGINT,
  status TEXT NOT NULL,
  done_note TEXT NOT NULL DEFAULT '',
  done_at BIGINT,
  created_by BIGINT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX action_items_owner ON action_items (org_id, owner_id, status, due_day);
CREATE INDEX action_items_review ON action_items (review_id);
CREATE INDEX orders_opportunity ON orders (opportunity_id);
CREATE INDEX quotes_opportunity ON quotes (opportunity_id);
)sql";

// 复盘: a root cause's changes are version-checked like every other record's.
constexpr const char* kV12 = R"sql(
ALTER TABLE review_root_causes ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
)sql";

// Commissions (docs/performance.md): the plans in versions by effective dates, the statements a
// director approved with their lines (a statement not approved is computed when asked, never
// stored), and the adjustments made by hand.
constexpr const char* kV13 = R"sql(
CREATE TABLE commission_plans (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  base TEXT NOT NULL,
  tier_mode TEXT NOT NULL,
  bands TEXT NOT NULL,
  target_bonus BIGINT NOT NULL DEFAULT 0,
  cap BIGINT,
  min_margin_bp BIGINT,
  clawback_unpaid_days INTEGER,
  credit_manager SMALLINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX commission_plans_org ON commission_plans (org_id, effective_from);
CREATE TABLE commission_statements (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  period TEXT NOT NULL,
  start_day TEXT NOT NULL,
  plan_id BIGINT NOT NULL REFERENCES commission_plans(id),
  plan_version BIGINT NOT NULL,
  target BIGINT,
  credited BIGINT NOT NULL,
  band INTEGER NOT NULL,
  target_reached SMALLINT NOT NULL,
  total BIGINT NOT NULL,
  approved_by BIGINT NOT NULL REFERENCES users(id),
  approved_at BIGINT NOT NULL,
  UNIQUE (org_id, user_id, period)
);
CREATE INDEX commission_statements_period ON commission_statements (org_id, period);
CREATE TABLE commission_lines (
  statement_id BIGINT NOT NULL REFERENCES commission_statements(id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  record_kind TEXT,
  record_id BIGINT,
  day TEXT,
  base BIGINT NOT NULL,
  band INTEGER,
  rate_bp BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  clawback TEXT,
  reason TEXT NOT NULL DEFAULT '',
  by_user BIGINT,
  PRIMARY KEY (statement_id, position)
);
CREATE INDEX commission_lines_record ON commission_lines (record_kind, record_id);
CREATE TABLE commission_adjustments (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  period TEXT NOT NULL,
  amount BIGINT NOT NULL,
  reason TEXT NOT NULL,
  by_user BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX commission_adjustments_period ON commission_adjustments (org_id, period, user_id);
)sql";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
}

// SQLite gives a new row the largest id + 1, so the id of the newest record, once deleted, went
// to the next one, and its audit rows with it. AUTOINCREMENT never reuses an id: each table made
// before it is rebuilt with it, rows, indexes and references unchanged (the rebuild SQLite's
// ALTER TABLE documentation gives, foreign keys off).
void rebuild_ids_never_reused(Connection& c) {
  constexpr std::string_view kPk = "id INTEGER PRIMARY KEY";
  auto tables = c.query(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
      "AND sql LIKE '%id INTEGER PRIMARY KEY%' AND sql NOT LIKE '%AUTOINCREMENT%' ORDER BY name",
      {});
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const std::string name = tables.str(t, 0);
    std::string create = tables.str(t, 1);
    const std::string rebuilt = "fupan_rebuild_" + name;
    const auto head = create.find(name);
    const auto pk = create.find(kPk);
    if (head == std::string::npos || pk == std::string::npos) continue;
    create.insert(pk + kPk.size(), " AUTOINCREMENT");
    create.replace(head, name.size(), rebuilt);
    auto indexes = c.query(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? "
        "AND sql IS NOT NULL",
        {name});
    c.exec_script(create);
    c.exec_script("INSERT INTO " + rebuilt + " SELECT * FROM " + name);
    c.exec_script("DROP TABLE " + name);
    c.exec_script("ALTER TABLE " + rebuilt + " RENAME TO " + name);
    for (std::size_t i = 0; i < indexes.size(); ++i) c.exec_script(indexes.str(i, 0));
  }
  if (!c.query("PRAGMA foreign_key_check", {}).empty()) {
    throw std::runtime_error("rebuilding the tables broke a foreign key");
  }
}

// Migration 8 on SQLite: the targets table made again without its UNIQUE constraint, every row,
// id, index and reference kept, and the id sequence where it was (a deleted newest id stays used).
void rebuild_targets_without_unique(Connection& c) {
  constexpr const char* kColumns =
      "id, org_id, metric, scope_type, scope_id, period, start_day, end_day, value, version, "
      "created_at, updated_at, original_value, set_by";
  auto seq = c.query("SELECT seq FROM sqlite_sequence WHERE name = 'targets'", {});
  auto indexes = c.query(
      "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'targets' "
      "AND sql IS NOT NULL",
      {});
  c.exec_script(R"sql(
CREATE TABLE fupan_rebuild_targets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  metric TEXT NOT NULL,
  scope_type TEXT NOT NULL,
  scope_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  start_day TEXT NOT NULL,
  end_day TEXT NOT NULL,
  value BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  original_value BIGINT,
  set_by BIGINT
))sql");
  c.exec_script(std::string("INSERT INTO fupan_rebuild_targets (") + kColumns + ") SELECT " +
                kColumns + " FROM targets");
  c.exec_script("DROP TABLE targets");
  c.exec_script("ALTER TABLE fupan_rebuild_targets RENAME TO targets");
  for (std::size_t i = 0; i < indexes.size(); ++i) c.exec_script(indexes.str(i, 0));
  // Set even when no row was copied (every target deleted): SQLite then keeps no sequence row.
  if (!seq.empty()) {
    c.exec_script("DELETE FROM sqlite_sequence WHERE name = 'targets'");
    c.exec("INSERT INTO sqlite_sequence (name, seq) VALUES ('targets', ?)", {seq.i64(0, 0)});
  }
  if (!c.query("PRAGMA foreign_key_check", {}).empty()) {
    throw std::runtime_error("rebuilding the targets table broke a foreign key");
  }
}

}  // namespace

const std::vector<Migration>& all_migrations() {
  static const std::vector<Migration> migrations = {
      {1, "organisation, access control, sessions, audit", kV1},
      {2, "CRM facts: customers to costs", kV2},
      {3, "analytics settings: gross margin, holidays, targets", kV3},
      {4, "compare to date, audit writers, to-do snoozes and reminders", kV4},
      {5, "ids never reused (SQLite)", "", rebuild_ids_never_reused},
      {6, "goals: targets' original values and adjustments", kV6},
      {7, "goals: commits against targets, day plans' tasks, SMART factor and seasonality", kV7},
      {8, "goals: one key for targets, by scope, first day and metric", kV8,
       rebuild_targets_without_unique, kV8Postgres},
      {9, "weekly reports: templates, reports, versions, comments, reads, notifications", kV9},
      {10, "reports: a daily or monthly template's first day", kV10},
      {11, "复盘: reviews, participants, cards, cases, action items, root causes", kV11},
      {12, "复盘: root causes carry a version", kV12},
      {13, "commissions: plans, approved statements and their lines, adjustments", kV13},
  };
  return migrations;
}

std::string render_migration(const std::string& sql, Dialect dialect) {
  std::string out = sql;
  replace_all(out, "{{pk}}",
              dialect == Dialect::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                         : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  return out;
}

int schema_version(Database& db) {
  auto conn = db.acquire();
  conn->exec_script(kCreateMigrationsTable);
  auto rows = conn->query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  return static_cast<int>(rows.i64(0, 0));
}

int migrate(Database& db) {
  const int current = schema_version(db);
  int applied = 0;
  auto conn = db.acquire();
  for (const Migration& m : all_migrations()) {
    if (m.version <= current) continue;
    const bool step = m.sqlite_step && conn->dialect() == Dialect::sqlite;
    // Only outside a transaction does SQLite turn foreign keys off.
    if (step) conn->exec_script("PRAGMA foreign_keys=OFF");
    Transaction tx(*conn, true);
    if (!m.sql.empty()) conn->exec_script(render_migration(m.sql, conn->dialect()));
    if (step) m.sqlite_step(*conn);
    if (!m.postgres_sql.empty() && conn->dialect() == Dialect::postgres)
      conn->exec_script(m.postgres_sql);
    conn->exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
               {std::int64_t{m.version}, m.name, now_ms()});
    tx.commit();
    if (step) conn->exec_script("PRAGMA foreign_keys=ON");
    ++applied;
  }
  return applied;
}

}  // namespace fupan::store
