#include "service/performance/commission_export.h"

#include "core/xlsx_writer.h"
#include "service/performance/commission_statements.h"

namespace fupan::service {
namespace {

using performance::LineKind;

std::string_view kind_zh(LineKind k) {
  switch (k) {
    case LineKind::commission:
      return "提成";
    case LineKind::bonus:
      return "达标奖";
    case LineKind::cap:
      return "封顶";
    case LineKind::clawback:
      return "追回";
    case LineKind::adjustment:
      return "调整";
  }
  return "";
}

std::string name_of(const OrgSnapshot& org, UserId id) {
  const UserRecord* u = org.user(id);
  return u ? u->display_name : "";
}

// "60%–100% · 3%" for band `i` of `bands`.
std::string band_text(const std::vector<performance::CommissionBand>& bands, std::size_t i) {
  if (i >= bands.size()) return "";
  auto pct = [](std::int64_t bp) {
    std::string s = std::to_string(bp / 100);
    if (bp % 100)
      s += "." + std::to_string(bp % 100 / 10) + (bp % 10 ? std::to_string(bp % 10) : "");
    return s + "%";
  };
  const auto& b = bands[i];
  return pct(b.from_bp) + "–" + (b.to_bp ? pct(*b.to_bp) : std::string("以上")) + " · " +
         pct(b.rate_bp);
}

std::string note_zh(const performance::StatementLine& l) {
  if (l.note == performance::LineNote::below_min_margin) return "毛利低于方案下限，不计提成";
  if (l.note == performance::LineNote::no_target) return "无目标，按第一档计";
  if (l.clawback == performance::ClawbackReason::cancelled) return "订单已取消";
  if (l.clawback == performance::ClawbackReason::unpaid) return "超期未回款";
  return l.reason;
}

}  // namespace

Result<CommissionWorkbook> export_statements(const Context& ctx, const Actor& actor,
                                             const std::string& period) {
  FUPAN_ASSIGN_OR_RETURN(auto list, list_statements(ctx, actor, period, true));
  const OrgSnapshot& org = *actor.snapshot;
  CommissionWorkbook out;
  XlsxWriter w("提成汇总 " + list.period.label);
  w.header({"工号", "姓名", "期间", "目标（元）", "业绩（元）", "达成率", "档位", "提成合计（元）",
            "状态", "审批人"});
  for (const StatementView& s : list.items) {
    const auto& st = s.statement;
    const UserRecord* u = org.user(s.user);
    w.text(u ? u->username : "");
    w.text(name_of(org, s.user));
    w.text(list.period.label);
    st.target ? w.money_fen(st.target->value()) : w.empty();
    w.money_fen(st.credited.value());
    if (st.target && *st.target > Fen{0}) {
      w.number(static_cast<double>(st.credited.value()) / static_cast<double>(st.target->value()));
    } else {
      w.empty();
    }
    w.text(band_text(s.plan.bands, st.band));
    w.money_fen(st.total.value());
    w.text(s.approved ? "已审批" : "待审批");
    w.text(s.approved_by ? name_of(org, *s.approved_by) : "");
    w.end_row();
    ++out.statements;
    if (s.approved) ++out.approved;
  }
  w.add_sheet("明细 " + list.period.label);
  w.header({"姓名", "类型", "单据", "单据编号", "日期", "计提基数（元）", "档位", "费率",
            "金额（元）", "说明", "调整人"});
  for (const StatementView& s : list.items) {
    for (const auto& l : s.statement.lines) {
      w.text(name_of(org, s.user));
      w.text(kind_zh(l.kind));
      if (l.record_kind) {
        w.text(*l.record_kind == performance::CreditKind::order ? "订单" : "回款");
        w.integer(l.record_id);
        l.day != LocalDate{} ? w.date(format_date(l.day)) : w.empty();  // a deleted order's: none
      } else {
        w.empty();
        w.empty();
        w.empty();
      }
      w.money_fen(l.base.value());
      l.band ? w.text(band_text(s.plan.bands, *l.band)) : w.empty();
      l.kind == LineKind::commission ? w.number(static_cast<double>(l.rate_bp) / 10000) : w.empty();
      w.money_fen(l.amount.value());
      w.text(note_zh(l));
      w.text(l.by ? name_of(org, *l.by) : "");
      w.end_row();
    }
  }
  out.book = {"提成-" + list.period.label + ".xlsx", w.finish()};
  if (out.book.bytes.empty()) return Error::of(ErrorCode::internal, detail::export_not_written);
  return out;
}

}  // namespace fupan::service
