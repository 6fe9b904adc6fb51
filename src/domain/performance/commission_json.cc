#include "domain/performance/commission_json.h"

namespace fupan::performance {

void write_plan(JsonWriter& w, const CommissionPlan& p) {
  w.begin_object();
  w.field("id", p.id);
  w.field("name", p.name);
  w.field("effective_from", format_date(p.effective_from));
  w.key("effective_to");
  p.effective_to ? w.value(format_date(*p.effective_to)) : w.null();
  w.field("base", commission_base_name(p.base));
  w.field("mode", tier_mode_name(p.mode));
  w.key("bands").begin_array();
  for (const auto& b : p.bands) {
    w.begin_object();
    w.field("from_bp", b.from_bp);
    w.key("to_bp");
    b.to_bp ? w.value(*b.to_bp) : w.null();
    w.field("rate_bp", b.rate_bp);
    w.end_object();
  }
  w.end_array();
  w.field("target_bonus", p.target_bonus);
  w.key("cap");
  p.cap ? w.value(*p.cap) : w.null();
  w.key("min_margin_bp");
  p.min_margin_bp ? w.value(*p.min_margin_bp) : w.null();
  w.key("clawback_unpaid_days");
  p.clawback_unpaid_days ? w.value(*p.clawback_unpaid_days) : w.null();
  w.field("credit_manager", p.credit_manager);
  w.field("version", p.version);
  w.field("created_at", format_rfc3339(p.created_at));
  w.field("updated_at", format_rfc3339(p.updated_at));
  w.end_object();
}

std::string plan_json(const CommissionPlan& p) {
  JsonWriter w;
  write_plan(w, p);
  return std::move(w).str();
}

void write_line_members(JsonWriter& w, const StatementLine& l) {
  w.field("kind", line_kind_name(l.kind));
  w.key("record_kind");
  l.record_kind ? w.value(credit_kind_name(*l.record_kind)) : w.null();
  w.key("record_id");
  l.record_kind ? w.value(l.record_id) : w.null();
  w.key("day");
  l.record_kind&& l.day != LocalDate{} ? w.value(format_date(l.day)) : w.null();
  w.field("base", l.base);
  w.key("band");
  l.band ? w.value(static_cast<std::int64_t>(*l.band)) : w.null();
  w.field("rate_bp", l.rate_bp);
  w.field("amount", l.amount);
  w.key("note");
  l.note != LineNote::none ? w.value(line_note_name(l.note)) : w.null();
  w.key("clawback");
  l.clawback ? w.value(clawback_reason_name(*l.clawback)) : w.null();
  w.field("reason", l.reason);
  w.key("by");
  l.by ? w.value(l.by->value) : w.null();
}

}  // namespace fupan::performance
