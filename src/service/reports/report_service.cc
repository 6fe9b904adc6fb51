#include "service/reports/report_service.h"

#include <set>

#include "domain/metric.h"
#include "domain/metric_scope.h"
#include "domain/org_validation.h"
#include "service/goals/target_service.h"
#include "service/platform/write.h"
#include "service/reports/data_block.h"
#include "service/reports/report_templates.h"
#include "store/metric_settings_store.h"
#include "store/todo_store.h"

namespace fupan::service {
namespace {

using reports::Report;
using reports::ReportStatus;

constexpr std::size_t kMaxCommentChars = 2000, kMaxReasonChars = 500, kMaxMentions = 20;

Status check_text(const std::string& text, std::string_view field, std::size_t max, bool required) {
  const std::size_t n = utf8_length(text);
  if (required && text.empty()) return Error::missing(std::string(field));
  if (required && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::invalid(std::string(field), detail::blank);
  }
  if (n == std::string::npos || n > max) {
    return Error::invalid(std::string(field), detail::at_most_chars(max));
  }
  return {};
}

// Whether the actor oversees the author for the report's period: sees them now, or sees the
// numbers of a team they were in then (a manager reads a former member's past reports).
bool oversees(const Actor& actor, const Report& r) {
  if (actor.scope().sees_user(r.user)) return true;
  const OrgSnapshot& org = *actor.snapshot;
  for (const MembershipRecord& m : org.memberships()) {
    if (m.user_id != r.user) continue;
    if (!(m.valid_from < r.end && (!m.valid_to || r.start < *m.valid_to))) continue;
    if (check_may_view({{ScopeRef::Kind::team, m.team_id.value}}, org, actor.scope(), actor.id,
                       actor.today)
            .ok()) {
      return true;
    }
  }
  return false;
}

bool sees(const Actor& actor, const Report& r) {
  if (r.user == actor.id) return true;
  return r.status != ReportStatus::draft && oversees(actor, r);
}

bool may_review(const Actor& actor, const Report& r) {
  return r.user != actor.id && actor.scope().can_write && oversees(actor, r);
}

// The audit's picture of a report: what was written and decided, not the data block. A draft's
// text is its author's alone (admins read the audit): only how long each section is.
std::string audit_json_of(const Report& r) {
  JsonWriter w;
  w.begin_object();
  w.field("user_id", r.user.value);
  w.field("kind", reports::report_kind_name(r.kind));
  w.field("period", r.period);
  w.field("status", reports::report_status_name(r.status));
  if (r.status == ReportStatus::draft) {
    w.key("content_chars").begin_object();
    for (const auto& [key, text] : r.content.texts) {
      w.field(key, static_cast<std::int64_t>(utf8_length(text)));
    }
    w.end_object();
  } else {
    w.key("content").raw(reports::content_json(r.content));
  }
  w.key("rating");
  r.rating ? w.value(*r.rating) : w.null();
  w.field("review_comment", r.review_comment);
  w.field("return_reason", r.return_reason);
  w.field("version", r.version);
  w.end_object();
  return std::move(w).str();
}

// Ok when `content` fits `form`: texts only for its text sections, goals of additive metrics.
Status check_fits(const reports::ReportContent& content, const reports::ReportTemplate& form) {
  FUPAN_TRY(reports::check_content(content));
  for (const auto& [key, text] : content.texts) {
    bool known = false;
    for (const auto& s : form.sections) {
      known = known || (s.key == key && s.type == reports::SectionType::text);
    }
    if (!known) return Error::invalid("content." + key, detail::section_key);
  }
  for (std::size_t i = 0; i < content.next_goals.size(); ++i) {
    auto m = parse_metric(content.next_goals[i].metric);
    if (!m.ok() || m->transform != MetricTransform::none || !info(m->base).additive) {
      return Error::invalid("next_goals[" + std::to_string(i) + "].metric",
                            detail::not_a_target_metric);
    }
  }
  return {};
}

Result<Period> period_of(const Report& r) {
  return reports::parse_report_period(r.kind, r.period);
}

ReportView view_of(const Context& ctx, const Actor& actor, Report r) {
  ReportView v;
  {
    auto c = ctx.db.acquire();
    v.form = template_of(*c, actor.org, r.kind, r.template_id, r.template_version);
    v.comments = store::list_report_comments(*c, actor.org, r.id);
    v.reads = store::list_report_reads(*c, actor.org, r.id);
  }
  const ScopeRef scope{ScopeRef::Kind::user, r.user.value};
  const Period period = period_of(r).value();
  v.frozen = r.status != ReportStatus::draft && !r.data_json.empty();
  if (v.frozen) {
    v.data_json = r.data_json;
    const LocalDate as_of = data_block_as_of(r.data_json).value_or(actor.today);
    std::string live = data_block_json(assemble_data_block(ctx, actor, scope, period, as_of));
    v.changed = facts_differ(v.data_json, live);
    if (v.changed) v.live_json = std::move(live);
  } else {
    v.data_json = data_block_json(assemble_data_block(ctx, actor, scope, period, actor.today));
  }
  const bool author = r.user == actor.id && actor.scope().can_write;
  v.can_edit = author && reports::is_editable(r.status);
  v.can_submit = v.can_edit;
  v.can_review = may_review(actor, r) &&
                 (r.status == ReportStatus::submitted || r.status == ReportStatus::reviewed);
  v.can_accept_goals = v.can_review && !r.content.next_goals.empty() && !r.goals_accepted_at;
  v.can_comment = r.status != ReportStatus::draft && (author || may_review(actor, r));
  v.report = std::move(r);
  return v;
}

// The report `id` if the actor sees it (else not_found).
Result<Report> visible_report(store::Connection& c, const Actor& actor, std::int64_t id) {
  auto r = store::find_report(c, actor.org, id);
  if (!r || !sees(actor, *r)) return Error::not_found();
  return std::move(*r);
}

// Report `id` for its author's change: not_found unless seen, forbidden unless theirs.
Result<Report> own_report(store::Connection& c, const Actor& actor, std::int64_t id,
                          std::int64_t version) {
  FUPAN_ASSIGN_OR_RETURN(auto r, visible_report(c, actor, id));
  if (!actor.scope().can_write) return Error::forbidden();
  if (r.user != actor.id) return Error::of(ErrorCode::forbidden, detail::own_report_only);
  if (r.version != version) return Error::conflict(r.version);
  return r;
}

// Report `id` for its reviewer's decision.
Result<Report> reviewed_report(store::Connection& c, const Actor& actor, std::int64_t id,
                               std::int64_t version) {
  FUPAN_ASSIGN_OR_RETURN(auto r, visible_report(c, actor, id));
  if (!actor.scope().can_write) return Error::forbidden();
  if (r.user == actor.id) return Error::of(ErrorCode::forbidden, detail::own_report_review);
  if (!may_review(actor, r)) return Error::forbidden();
  if (r.version != version) return Error::conflict(r.version);
  return r;
}

// Writes `after` over `before` (checked against `before`'s version) with its audit row.
Status save(store::Connection& c, const Actor& actor, const Report& before, Report& after,
            std::string_view action, Instant now) {
  after.version = before.version + 1;
  after.updated_at = now;
  FUPAN_TRY(outcome_status(store::update_report(c, actor.org, after, before.version)));
  audit_json(c, actor, action, "report", after.id, audit_json_of(before), audit_json_of(after),
             now);
  return {};
}

void remind(store::Connection& c, const Actor& actor, UserId to, std::int64_t report,
            const std::string& note, Instant now) {
  store::ReminderRecord rec;
  rec.from = actor.id;
  rec.to = to;
  rec.kind = "report";
  rec.record = report;
  rec.note = note;
  rec.created_at = now;
  store::insert_reminder(c, actor.org, rec);
}

std::string excerpt(const std::string& text) {
  constexpr std::size_t kChars = 60;
  std::size_t bytes = 0, chars = 0;
  while (bytes < text.size() && chars < kChars) {
    const unsigned char b = static_cast<unsigned char>(text[bytes]);
    bytes += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    ++chars;
  }
  return text.substr(0, std::min(bytes, text.size()));
}

}  // namespace

Result<MyReport> my_report(const Context& ctx, const Actor& actor, const std::string& kind_text,
                           const std::string& period_text) {
  auto kind = reports::parse_report_kind(kind_text.empty() ? "week" : kind_text);
  if (!kind) return Error::invalid("kind", detail::report_kind);
  MyReport out;
  if (period_text.empty()) {
    out.period = reports::report_period_of(*kind, actor.today);
  } else {
    FUPAN_ASSIGN_OR_RETURN(out.period, reports::parse_report_period(*kind, period_text));
  }
  std::optional<Report> existing;
  {
    auto c = ctx.db.acquire();
    existing = store::find_report_of(*c, actor.org, actor.id, *kind, out.period.label);
    const TemplateBook book(*c, *actor.snapshot);
    const LocalDate last_day = out.period.end - std::chrono::days{1};
    out.form = book.for_user(actor.id, *kind, last_day);
    for (auto k :
         {reports::ReportKind::day, reports::ReportKind::week, reports::ReportKind::month}) {
      if (book.expects(actor.id, k, actor.today)) out.kinds.push_back(k);
    }
    out.expected =
        book.expects(actor.id, *kind, last_day) &&
        reports::has_report(*kind, out.period, store::read_metric_settings(*c, actor.org).holidays);
  }
  const auto* zone = zone_of(actor.snapshot->org().timezone);
  out.deadline = reports::deadline_instant(out.period, out.form.deadline, zone);
  if (existing) {
    out.deadline = existing->deadline;
    out.report = view_of(ctx, actor, std::move(*existing));
    out.form = out.report->form;
    out.data_json = out.report->data_json;
  } else {
    out.data_json = data_block_json(assemble_data_block(
        ctx, actor, {ScopeRef::Kind::user, actor.id.value}, out.period, actor.today));
  }
  return out;
}

Result<ReportView> create_report(const Context& ctx, const Actor& actor, const ReportInput& in) {
  if (!actor.scope().can_write) return Error::forbidden();
  auto kind = reports::parse_report_kind(in.kind);
  if (!kind) return Error::invalid("kind", detail::report_kind);
  FUPAN_ASSIGN_OR_RETURN(auto period, reports::parse_report_period(*kind, in.period));
  const Instant now = ctx.clock.now();
  Report r;
  r.user = actor.id;
  r.kind = *kind;
  r.period = period.label;
  r.start = period.start;
  r.end = period.end;
  r.content = in.content;
  r.created_at = r.updated_at = now;
  auto saved = write_facts<Report>(ctx, "period", [&](store::Connection& c) -> Result<Report> {
    const auto form =
        effective_template(c, *actor.snapshot, actor.id, *kind, period.end - std::chrono::days{1});
    FUPAN_TRY(check_fits(r.content, form));
    r.template_id = form.id;
    r.template_version = form.version;
    r.deadline =
        reports::deadline_instant(period, form.deadline, zone_of(actor.snapshot->org().timezone));
    if (store::find_report_of(c, actor.org, actor.id, *kind, period.label)) {
      return Error::exists("period");
    }
    r.id = store::insert_report(c, actor.org, r);
    audit_json(c, actor, "create", "report", r.id, std::nullopt, audit_json_of(r), now);
    return r;
  });
  if (!saved.ok()) return saved.error();
  return view_of(ctx, actor, std::move(saved).value());
}

Result<ReportView> open_report(const Context& ctx, const Actor& actor, std::int64_t id) {
  Report r;
  {
    auto c = ctx.db.acquire();
    FUPAN_ASSIGN_OR_RETURN(r, visible_report(*c, actor, id));
  }
  ReportView v = view_of(ctx, actor, std::move(r));
  const Report& rep = v.report;
  const bool read_before = std::any_of(v.reads.begin(), v.reads.end(),
                                       [&](const auto& x) { return x.user == actor.id; });
  if (rep.user != actor.id && rep.status != ReportStatus::draft && !read_before) {
    const Instant now = ctx.clock.now();
    auto c = ctx.db.acquire();
    store::Transaction tx(*c, true);
    store::record_report_read(*c, actor.org, rep.id, actor.id, now);
    tx.commit();
    v.reads.push_back({actor.id, now});
  }
  return v;
}

Result<ReportView> save_report(const Context& ctx, const Actor& actor, std::int64_t id,
                               const ContentChange& in) {
  const Instant now = ctx.clock.now();
  auto saved = write_facts<Report>(ctx, "", [&](store::Connection& c) -> Result<Report> {
    FUPAN_ASSIGN_OR_RETURN(auto before, own_report(c, actor, id, in.version));
    if (!reports::is_editable(before.status)) {
      return Error::of(ErrorCode::forbidden, detail::report_not_editable);
    }
    Report after = before;
    if (in.texts) {
      for (const auto& [key, text] : *in.texts) after.content.texts[key] = text;
    }
    if (in.next_goals) after.content.next_goals = *in.next_goals;
    FUPAN_TRY(check_fits(after.content, template_of(c, actor.org, after.kind, after.template_id,
                                                    after.template_version)));
    FUPAN_TRY(save(c, actor, before, after, "update", now));
    return after;
  });
  if (!saved.ok()) return saved.error();
  return view_of(ctx, actor, std::move(saved).value());
}

Result<ReportView> submit_report(const Context& ctx, const Actor& actor, std::int64_t id,
                                 std::int64_t version) {
  Report current;
  {
    auto c = ctx.db.acquire();
    FUPAN_ASSIGN_OR_RETURN(current, own_report(*c, actor, id, version));
  }
  if (!reports::is_editable(current.status)) {
    return Error::of(ErrorCode::forbidden, detail::report_not_editable);
  }
  // The data block is assembled before the write: what the facts said at the moment of submitting.
  FUPAN_ASSIGN_OR_RETURN(auto period, period_of(current));
  const std::string data = data_block_json(
      assemble_data_block(ctx, actor, {ScopeRef::Kind::user, actor.id.value}, period, actor.today));
  const Instant now = ctx.clock.now();
  auto saved = write_facts<Report>(ctx, "", [&](store::Connection& c) -> Result<Report> {
    FUPAN_ASSIGN_OR_RETURN(auto before, own_report(c, actor, id, version));
    if (!reports::is_editable(before.status)) {
      return Error::of(ErrorCode::forbidden, detail::report_not_editable);
    }
    const auto form =
        template_of(c, actor.org, before.kind, before.template_id, before.template_version);
    if (const reports::Section* s = reports::first_missing(form.sections, before.content)) {
      return Error::invalid("content." + s->key, detail::section_required(s->title));
    }
    Report after = before;
    reports::mark_submitted(after, now, data);
    FUPAN_TRY(save(c, actor, before, after, "submit", now));
    store::insert_report_version(c, actor.org, after.id,
                                 {after.submissions, after.content, after.data_json, now,
                                  reports::is_late(now, after.deadline)});
    return after;
  });
  if (!saved.ok()) return saved.error();
  return view_of(ctx, actor, std::move(saved).value());
}

Result<ReportView> review_report(const Context& ctx, const Actor& actor, std::int64_t id,
                                 int rating, const std::string& comment, std::int64_t version) {
  if (rating < 1 || rating > 5) return Error::invalid("rating", detail::integer_range(1, 5));
  FUPAN_TRY(check_text(comment, "comment", kMaxCommentChars, false));
  const Instant now = ctx.clock.now();
  auto saved = write_facts<Report>(ctx, "", [&](store::Connection& c) -> Result<Report> {
    FUPAN_ASSIGN_OR_RETURN(auto before, reviewed_report(c, actor, id, version));
    if (before.status != ReportStatus::submitted && before.status != ReportStatus::reviewed) {
      return Error::of(ErrorCode::forbidden, detail::report_not_submitted);
    }
    Report after = before;
    after.status = ReportStatus::reviewed;
    after.rating = rating;
    after.review_comment = comment;
    after.reviewed_by = actor.id;
    after.reviewed_at = now;
    FUPAN_TRY(save(c, actor, before, after, "review", now));
    remind(c, actor, after.user, after.id, excerpt(comment), now);
    return after;
  });
  if (!saved.ok()) return saved.error();
  return view_of(ctx, actor, std::move(saved).value());
}

Result<ReportView> return_report(const Context& ctx, const Actor& actor, std::int64_t id,
                                 const std::string& reason, std::int64_t version) {
  FUPAN_TRY(check_text(reason, "reason", kMaxReasonChars, true));
  const Instant now = ctx.clock.now();
  auto saved = write_facts<Report>(ctx, "", [&](store::Connection& c) -> Result<Report> {
    FUPAN_ASSIGN_OR_RETURN(auto before, reviewed_report(c, actor, id, version));
    if (before.status != ReportStatus::submitted) {
      return Error::of(ErrorCode::forbidden, detail::report_not_returnable);
    }
    Report after = before;
    after.status = ReportStatus::returned;
    after.return_reason = reason;
    FUPAN_TRY(save(c, actor, before, after, "return", now));
    remind(c, actor, after.user, after.id, excerpt(reason), now);
    return after;
  });
  if (!saved.ok()) return saved.error();
  return view_of(ctx, actor, std::move(saved).value());
}

Result<AcceptedGoals> accept_goals(const Context& ctx, const Actor& actor, std::int64_t id,
                                   std::int64_t version) {
  Report r;
  {
    auto c = ctx.db.acquire();
    FUPAN_ASSIGN_OR_RETURN(r, reviewed_report(*c, actor, id, version));
  }
  if (r.status == ReportStatus::draft || r.status == ReportStatus::returned) {
    return Error::of(ErrorCode::forbidden, detail::report_not_submitted);
  }
  if (r.content.next_goals.empty()) return Error::of(ErrorCode::forbidden, detail::report_no_goals);
  if (r.goals_accepted_at) return Error::exists("goals");  // accepted once: targets are set
  FUPAN_ASSIGN_OR_RETURN(auto period, period_of(r));
  const Period next = reports::next_report_period(r.kind, period);
  AcceptedGoals out;
  // Each goal is set as a target by hand would be (the goals capability's rules and audit); one
  // the author has already is left as it is.
  for (const reports::NextGoal& g : r.content.next_goals) {
    AcceptedGoal a{g, next.label, std::nullopt, false};
    TargetInput t{g.metric, "user:" + std::to_string(r.user.value), next.label, g.value};
    auto saved = set_target(ctx, actor, t);
    if (saved.ok()) {
      a.target_id = saved->target.id;
      a.created = true;
    } else if (saved.error().code != ErrorCode::already_exists) {
      return saved.error();
    }
    out.goals.push_back(std::move(a));
  }
  const Instant now = ctx.clock.now();
  auto saved = write_facts<Report>(ctx, "", [&](store::Connection& c) -> Result<Report> {
    FUPAN_ASSIGN_OR_RETURN(auto before, reviewed_report(c, actor, id, version));
    Report after = before;
    after.goals_accepted_at = now;
    FUPAN_TRY(save(c, actor, before, after, "accept_goals", now));
    return after;
  });
  if (!saved.ok()) return saved.error();
  out.report = view_of(ctx, actor, std::move(saved).value());
  return out;
}

Result<std::vector<store::ReportVersion>> report_versions(const Context& ctx, const Actor& actor,
                                                          std::int64_t id) {
  auto c = ctx.db.acquire();
  FUPAN_ASSIGN_OR_RETURN(auto r, visible_report(*c, actor, id));
  return store::list_report_versions(*c, actor.org, r.id);
}

Result<store::ReportComment> comment_on_report(const Context& ctx, const Actor& actor,
                                               std::int64_t id, const std::string& body,
                                               const std::vector<std::int64_t>& mentions) {
  FUPAN_TRY(check_text(body, "body", kMaxCommentChars, true));
  if (mentions.size() > kMaxMentions) {
    return Error::invalid("mentions", detail::at_most(static_cast<std::int64_t>(kMaxMentions)));
  }
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const UserRecord* u = actor.snapshot->user(UserId{mentions[i]});
    if (!u || !u->active) {
      return Error::invalid("mentions[" + std::to_string(i) + "]", detail::no_such_active_user);
    }
  }
  const Instant now = ctx.clock.now();
  return write_facts<store::ReportComment>(
      ctx, "", [&](store::Connection& c) -> Result<store::ReportComment> {
        FUPAN_ASSIGN_OR_RETURN(auto r, visible_report(c, actor, id));
        const bool author = r.user == actor.id;
        if (!actor.scope().can_write || r.status == ReportStatus::draft ||
            (!author && !may_review(actor, r))) {
          return Error::forbidden();
        }
        // Only someone who may read the report can be called into it.
        for (std::size_t i = 0; i < mentions.size(); ++i) {
          const Actor them = make_actor(ctx, actor.snapshot, UserId{mentions[i]}, actor.ip);
          if (!sees(them, r)) {
            return Error::invalid("mentions[" + std::to_string(i) + "]", detail::no_such_record);
          }
        }
        store::ReportComment comment{0, r.id, actor.id, body, {}, now};
        const std::set<std::int64_t> unique(mentions.begin(), mentions.end());
        comment.mentions.assign(unique.begin(), unique.end());
        comment.id = store::insert_report_comment(c, actor.org, comment);
        JsonWriter w;
        w.begin_object();
        w.field("report_id", r.id);
        w.field("body", body);
        w.end_object();
        audit_json(c, actor, "create", "report_comment", comment.id, std::nullopt,
                   std::move(w).str(), now);
        // The author hears of every comment but their own; a mentioned person of theirs.
        std::set<std::int64_t> told;
        if (!author) told.insert(r.user.value);
        for (auto m : comment.mentions) {
          if (m != actor.id.value) told.insert(m);
        }
        for (auto to : told) remind(c, actor, UserId{to}, r.id, excerpt(body), now);
        return comment;
      });
}

Result<std::vector<Report>> list_reports(const Context& ctx, const Actor& actor,
                                         const ReportFilter& f) {
  auto kind = reports::parse_report_kind(f.kind.empty() ? "week" : f.kind);
  if (!kind) return Error::invalid("kind", detail::report_kind);
  LocalDate from, to;
  if (!f.period.empty()) {
    FUPAN_ASSIGN_OR_RETURN(auto p, reports::parse_report_period(*kind, f.period));
    from = p.start;
    to = p.end;
  } else {
    Period p = reports::report_period_of(*kind, actor.today);
    to = p.end;
    for (int i = 0; i < 11; ++i)
      p = reports::report_period_of(*kind, p.start - std::chrono::days{1});
    from = p.start;
  }
  std::optional<UserId> user;
  if (f.user) user = UserId{*f.user};
  auto rows = store::list_reports(*ctx.db.acquire(), actor.org, *kind, from, to, user);
  std::vector<Report> out;
  for (auto& r : rows) {
    if (!sees(actor, r)) continue;
    if (f.status && r.status != *f.status) continue;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace fupan::service
