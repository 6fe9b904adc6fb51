// How the commission pages read a plan and a statement: percentages from basis points, a band as
// "60%–100% · 3%", the base and the mode in words, attainment, a line in words, who may do what,
// and a server's refusal of a plan's field as the sentence to show beside that field.
import { i18n } from '@/locales'
import { detailMessage } from '@/api/request'
import { hasRole, auth } from '@/stores/auth'
import { bpToPercent, formatYuan } from '@/utils/money'
import { periodKind, defaultPeriod } from '@/utils/period'

const t = (key, args) => i18n.global.t(key, args)

/** "60%" for 6000 bp; "3.25%" for 325. */
export const pct = (bp) => `${bpToPercent(bp)}%`

/** A band's range of attainment: "0–60%", "60%–100%", "≥100%". */
export function bandRange(band) {
  if (!band) return ''
  if (band.to_bp === null || band.to_bp === undefined) return `≥${pct(band.from_bp)}`
  const from = band.from_bp === 0 ? '0' : pct(band.from_bp)
  return `${from}–${pct(band.to_bp)}`
}

/** A band with its rate: "60%–100% · 3%" ('' when the plan has no such band). */
export function bandText(plan, index) {
  const band = plan?.bands?.[index]
  return band ? `${bandRange(band)} · ${pct(band.rate_bp)}` : ''
}

/** Attainment (a ratio: 1.2 = 120 %) as "120%" with at most one decimal; '—' without a target. */
export function attainmentText(ratio) {
  if (ratio === null || ratio === undefined || !Number.isFinite(Number(ratio))) return '—'
  const tenths = Math.round(Number(ratio) * 1000) / 10
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)}%`
}

/** The plan's base in words: 按订单 / 按回款. */
export const baseName = (base) => t(`commissions.base.${base === 'payments' ? 'payments' : 'orders'}`)

/** The plan's mode in words: 超额累进 (marginal) / 全额累进 (retroactive). */
export const modeName = (mode) => t(`commissions.mode.${mode === 'retroactive' ? 'retroactive' : 'marginal'}`)

/** The days a plan applies: "2026-01-01 至 2026-12-31" or "2026-01-01 起". */
export const planDates = (plan) =>
  plan.effective_to ? t('commissions.plan.between', { from: plan.effective_from, to: plan.effective_to }) : t('commissions.plan.since', { from: plan.effective_from })

/** The periods the pages take: a month (2026-11) or a quarter (2026-Q4). */
export const isPeriod = (label) => ['month', 'quarter'].includes(periodKind(label))

/** The period a commission page opens on: the last whole month, the one a statement is paid for. */
export const lastWholeMonth = () => defaultPeriod('month', { whole: true })

/** A statement line's kind as people say it (提成, 达标奖, 封顶扣减, 追回, 手工调整). */
export const kindName = (kind) => t(`commissions.kinds.${kind}`)

/** The tag colour of a line's kind. */
export const KIND_TAG = { commission: 'primary', bonus: 'success', cap: 'warning', clawback: 'danger', adjustment: 'info' }

/** The route of a line's record (an order's or a payment's page); null when it has none. */
export const recordRoute = (line) =>
  line.record_id ? { name: line.record_kind === 'payment' ? 'payments-detail' : 'orders-detail', params: { id: line.record_id } } : null

/** "订单 #1008" / "回款 #1315". */
export const recordName = (line) => (line.record_id ? t(`commissions.record.${line.record_kind === 'payment' ? 'payment' : 'order'}`, { id: line.record_id }) : '')

/** What a line says beyond its figures, in words: the note, the clawback's cause, the reason and who. */
export function lineExplain(line, plan) {
  switch (line.kind) {
    case 'commission':
      return line.note ? t(`commissions.notes.${line.note}`) : ''
    case 'bonus':
      return t('commissions.explain.bonus')
    case 'cap':
      return plan?.cap !== null && plan?.cap !== undefined ? t('commissions.explain.cap', { cap: capText(plan.cap) }) : t('commissions.explain.capPlain')
    case 'clawback':
      return line.clawback === 'unpaid'
        ? t('commissions.clawback.unpaid', { days: plan?.clawback_unpaid_days ?? '' })
        : t('commissions.clawback.cancelled')
    case 'adjustment':
      return line.reason
    default:
      return line.reason ?? ''
  }
}

const capText = (fen) => formatYuan(fen)

/** True when the signed-in user may adjust this person's period (a manager, director or admin; not their own; not approved). */
export const canAdjust = (row) =>
  hasRole('manager', 'director', 'admin') && !!row && row.user_id !== auth.user?.id && !row.approved

/** True when the signed-in user may approve a period (a director their region, the admin all). */
export const canApprove = () => hasRole('director', 'admin')

/** True when the signed-in user keeps the plans. */
export const canKeepPlans = () => hasRole('admin')

/** The name of a plan's field as the form labels it ("第 2 档 · 起点"), for the server's `field`. */
export function fieldLabel(field) {
  const band = /^bands\[(\d+)\]\.(from_bp|to_bp|rate_bp)$/.exec(field ?? '')
  if (band) return t('commissions.plan.bandField', { n: Number(band[1]) + 1, part: t(`commissions.plan.bandParts.${band[2]}`) })
  const key = `commissions.plan.fields.${field}`
  return i18n.global.te(key) ? t(key) : field
}

/**
 * The sentence to show beside the field the server refused: its detail in words (a range of basis
 * points said in %, an overlap of dates said as one), else the server's message with the field's
 * path named as the form names it.
 */
export function fieldError(err) {
  const field = err.field ?? ''
  const code = err.detailCode
  if (code === 'integer_range' && /_bp$/.test(field)) {
    return t('commissions.plan.errors.percentRange', { min: bpToPercent(err.params?.min ?? 0), max: bpToPercent(err.params?.max ?? 10000) })
  }
  if (code === 'plan_dates_overlap') return t('commissions.plan.errors.overlap')
  const detail = detailMessage(code, err.params)
  if (detail) return detail
  return field ? String(err.message ?? '').replaceAll(field, fieldLabel(field)) : err.message
}
