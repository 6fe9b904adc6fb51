// Schema-driven helpers shared by the entity components: labels, display text, and the
// conversion of a field's value between the API's JSON and what a form input holds.
import { reactive } from 'vue'
import { i18n } from '@/locales'
import { listAll } from '@/api/request'
import { formatMoney, formatYuan, fenToYuan, yuanToFen } from './money.js'
import { formatInstant } from './format.js'

const en = () => i18n.global.locale.value === 'en'

/** A field's or kind's label in the UI's language. */
export const label = (x) => (x ? (en() ? x.en : x.zh) : '')

/** The label of `value` among a choice field's choices (the value itself if unknown). */
export function choiceLabel(field, value) {
  const c = field.choices?.find((x) => x.value === value)
  return c ? label(c) : value ?? ''
}

/** The member holding a reference's display name: owner_id → owner_name. */
export const refNameKey = (field) => `${field.name.replace(/_id$/, '')}_name`

const POLY_KINDS = ['region', 'team', 'user']

/**
 * The kind an integer `<x>_id` field refers to when its record names it in `<x>_type` (a cost's
 * scope_type region/team/user + scope_id); null otherwise.
 */
export function polyRefKind(field, values) {
  if (field.type !== 'integer' || !field.name.endsWith('_id')) return null
  const kind = values?.[`${field.name.slice(0, -3)}_type`]
  return POLY_KINDS.includes(kind) ? kind : null
}

// Names of regions, teams and users, each list read once when first needed.
const names = reactive({})
const loaded = new Set()
function nameOf(kind, id) {
  if (!loaded.has(kind)) {
    loaded.add(kind)
    listAll(`/api/${kind}s`)
      .then((items) => items.forEach((x) => (names[`${kind}:${x.id}`] = x.display_name ?? x.name)))
      .catch(() => loaded.delete(kind))
  }
  return names[`${kind}:${id}`]
}

/** An activity's check-in, taken by the phone (never typed) and shown as one line. */
export const CHECKIN_FIELDS = ['checkin_lat', 'checkin_lng', 'checkin_accuracy_m', 'checkin_at']

/**
 * Fields a record of `kindName` neither shows nor asks for in its present state (`values`: the
 * record, or a form's values with the record's status): an opportunity's lost reason unless it is
 * lost (or moved to a lost stage), its closing time while open; an activity's check-in fields.
 * `stageKind(id)` says whether a stage is open, won or lost ('' when unknown).
 */
export function stateHidden(kindName, values, stageKind = () => '') {
  if (kindName === 'activity') return CHECKIN_FIELDS
  if (kindName !== 'opportunity') return []
  const kind = stageKind(values?.stage_id)
  const status = kind && kind !== 'open' ? kind : kind === 'open' ? 'open' : values?.status ?? 'open'
  const out = []
  if (status !== 'lost') out.push('lost_reason')
  if (status === 'open') out.push('closed_at')
  return out
}

/** Columns every record has besides its fields, described like fields. */
export const COMMON_FIELDS = {
  id: { name: 'id', type: 'integer', zh: '编号', en: 'ID', sortable: true },
  created_at: { name: 'created_at', type: 'instant', zh: '创建时间', en: 'Created', sortable: true },
  updated_at: { name: 'updated_at', type: 'instant', zh: '更新时间', en: 'Updated', sortable: true },
}

/** True for a text field holding a phone number (the schema's format "phone"): shown as a tel: link. */
export const isPhoneField = (field) => field?.format === 'phone'

/** Kinds whose detail page shows money to the 分 (elsewhere money reads in whole 元). */
export const EXACT_MONEY_KINDS = ['order', 'quote', 'payment']

/**
 * The text that shows `record`'s value of `field` (tags joined; money as whole 元 ¥1,235, or
 * ¥1,234.56 with `exact`; a coordinate in degrees).
 */
export function displayValue(field, record, { exact = false } = {}) {
  const v = record?.[field.name]
  switch (field.type) {
    case 'money':
      return exact ? formatMoney(v) : formatYuan(v)
    case 'coordinate':
      return v === null || v === undefined ? '' : String(Number(Number(v).toFixed(6)))
    case 'instant':
      return formatInstant(v)
    case 'boolean':
      return v === true ? i18n.global.t('common.yes') : v === false ? i18n.global.t('common.no') : ''
    case 'choice':
      return v === null || v === undefined ? '' : choiceLabel(field, v)
    case 'ref':
      return v === null || v === undefined ? '' : record[refNameKey(field)] || `#${v}`
    case 'tags':
      return (v ?? []).join(', ')
    default: {
      if (v === null || v === undefined) return ''
      const poly = polyRefKind(field, record)
      return (poly && nameOf(poly, v)) || String(v)
    }
  }
}

/** What a form input holds for an API value: 元 text for money, a Date for an instant. */
export function toInput(field, value) {
  switch (field.type) {
    case 'money':
      return fenToYuan(value)
    case 'instant':
      return value ? new Date(value) : null
    case 'tags':
      return [...(value ?? [])]
    case 'boolean':
      return value === null || value === undefined ? false : !!value
    case 'text':
      return value ?? ''
    default:
      return value ?? null
  }
}

/** A field's default for a new record, as an input value. */
export function defaultInput(field) {
  const d = field.default
  if (field.type === 'boolean') return d === 'true'
  if (d === undefined || d === null || d === '') return toInput(field, null)
  if (field.type === 'integer') return Number(d)
  if (field.type === 'money') return fenToYuan(Number(d))
  return d
}

/** The API value of an input value (null for empty); money text that is not an amount → NaN. */
export function fromInput(field, input) {
  switch (field.type) {
    case 'money': {
      if (input === null || String(input).trim() === '') return null
      return yuanToFen(input) ?? NaN
    }
    case 'instant':
      return input ? new Date(input).toISOString() : null
    case 'tags':
      return (input ?? []).map((s) => String(s).trim()).filter(Boolean)
    case 'text': {
      const s = (input ?? '').trim()
      return s === '' ? null : s
    }
    case 'boolean':
      return !!input
    default:
      return input === '' || input === undefined ? null : input
  }
}
