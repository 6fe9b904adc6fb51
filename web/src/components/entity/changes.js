// Changes to a record as people read them, for the record's history and the audit log: a changed
// member's label (the schema's, else the UI's own) and its values in the UI's language — money in
// 元, choices by their labels, references by their names (the history's before_name / after_name,
// else looked up by refNames.js for the audit log), times without seconds.
import { i18n } from '@/locales'
import { choiceLabel, label } from '@/utils/entityFields'
import { formatInstant } from '@/utils/format'
import { formatMoney, formatYuan, bpToPercent } from '@/utils/money'
import { refName } from './refNames.js'

const t = (key, args) => i18n.global.t(key, args)
const te = (key) => i18n.global.te(key)

/** Members every write touches: not news to a reader. */
const BOOKKEEPING = new Set(['id', 'version', 'org_id', 'created_at', 'updated_at'])

export const isEmpty = (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)

/** The label of member `name`: the field's, else history.keys / audit.fields, else the name. */
export function memberLabel(name, field) {
  if (field) return label(field)
  if (te(`history.keys.${name}`)) return t(`history.keys.${name}`)
  if (te(`audit.fields.${name}`)) return t(`audit.fields.${name}`)
  return name
}

/**
 * A value of member `name` (described by `field` when it is a schema field) as text. `refLabel`,
 * when given, is the name the server gave a reference's value (null: it could not name it).
 */
export function valueText(name, v, field, { exact = false, refLabel } = {}) {
  if (isEmpty(v)) return t('history.empty')
  if (name === 'lines' && Array.isArray(v)) return t('history.lines', { n: v.length })
  if (name === 'discount_bp') return `${bpToPercent(v)}%`
  if (!field) {
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no')
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? x.team_name ?? x.name ?? JSON.stringify(x) : String(x))).join('、')
    if (typeof v === 'object') return JSON.stringify(v)
    return String(v)
  }
  switch (field.type) {
    case 'money':
      return exact ? formatMoney(v) : formatYuan(v)
    case 'choice':
      return choiceLabel(field, v)
    case 'ref':
      if (refLabel !== undefined) return refLabel ?? `#${v}`
      return refName(field.ref, v)
    case 'instant':
      return formatInstant(v, { seconds: false })
    case 'boolean':
      return v ? t('common.yes') : t('common.no')
    case 'tags':
      return Array.isArray(v) ? v.join('、') : String(v)
    case 'coordinate':
      return String(Number(Number(v).toFixed(6)))
    default:
      return String(v)
  }
}

/**
 * The readable changes of `changes` ([{field, before, after}], a reference's with before_name and
 * after_name as a record's history gives them; a member with nothing on either side is left out):
 * [{field, label, before, after, long}].
 */
/** The name the server gave side `side` of a change (null when it could not), undefined if it gave none. */
const named = (c, side) => (`${side}_name` in c ? c[`${side}_name`] : undefined)

export function readableChanges(changes, fields = {}, { exact = false } = {}) {
  return (changes ?? [])
    .filter((c) => !(isEmpty(c.before) && isEmpty(c.after)) && !BOOKKEEPING.has(c.field))
    .map((c) => {
      const f = fields[c.field]
      return {
        field: c.field,
        label: memberLabel(c.field, f),
        before: valueText(c.field, c.before, f, { exact, refLabel: named(c, 'before') }),
        after: valueText(c.field, c.after, f, { exact, refLabel: named(c, 'after') }),
        long: String(c.after ?? '').length > 40 || String(c.before ?? '').length > 40,
      }
    })
}

/** The changes between two JSON snapshots of a record (an audit entry's before and after). */
export function diff(before, after) {
  const b = before && typeof before === 'object' ? before : {}
  const a = after && typeof after === 'object' ? after : {}
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return keys
    .filter((k) => !BOOKKEEPING.has(k) && JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: k, before: b[k] ?? null, after: a[k] ?? null }))
}
