// What a record's card shows on a phone, per kind: the title, a tag (its status), the amount, the
// two or three facts that matter for that list, and a text worth reading in full (an activity's
// outcome). Fields fixed by the page (a customer's own tabs) are left out; the first title
// candidate not fixed is the title ('#id' names the record by kind and number); dateOnly shows
// times as their day.

export const CARD_LAYOUTS = {
  customer: { title: ['name'], tag: 'status', meta: ['owner_id', 'next_follow_up', 'phone'] },
  contact: { title: ['name'], meta: ['title', 'phone', 'customer_id'], flag: 'is_primary' },
  opportunity: { title: ['name'], tag: 'stage_id', amount: 'amount', meta: ['customer_id', 'expected_close', 'owner_id'] },
  activity: { title: ['customer_id', 'type'], tag: 'type', meta: ['started_at', 'contact_id', 'user_id', 'opportunity_id'], body: 'outcome' },
  order: { title: ['customer_id', '#id'], tag: 'status', amount: 'total', meta: ['ordered_at', 'paid', 'owner_id'], dateOnly: true },
  quote: { title: ['customer_id', '#id'], tag: 'status', amount: 'total', meta: ['valid_until', 'owner_id'], dateOnly: true },
  payment: { title: ['customer_id', '#id'], tag: 'method', amount: 'amount', meta: ['received_at', 'order_id', 'owner_id'], dateOnly: true },
  product: { title: ['name'], amount: 'list_price', meta: ['code', 'category', 'unit'] },
  cost: { title: ['channel', 'scope_type'], amount: 'amount', meta: ['spent_on', 'scope_type', 'scope_id'], body: 'notes' },
}

/**
 * The card of `kindName` with the fields in `fixed` left out: {title, tag, amount, meta, body,
 * flag}, each a field name (title may be '#id'); null parts are not shown.
 */
export function cardLayout(kindName, fixed = new Set(), override = null) {
  const base = { ...(CARD_LAYOUTS[kindName] ?? { title: ['#id'], meta: [] }), ...(override ?? {}) }
  const title = base.title.find((n) => n === '#id' || !fixed.has(n)) ?? '#id'
  const keep = (n) => (n && n !== title && !fixed.has(n) ? n : null)
  return {
    title,
    tag: keep(base.tag),
    amount: keep(base.amount),
    meta: base.meta.filter((n) => keep(n)),
    body: keep(base.body),
    flag: keep(base.flag),
    dateOnly: !!base.dateOnly,
  }
}
