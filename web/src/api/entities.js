// The CRM kinds (docs/crm.md): their schema from GET /api/schema, loaded once, and the same calls
// for every kind: list, all, get, create, update, remove, exportXlsx.
import { reactive } from 'vue'
import { get, download } from './request.js'
import { resource } from './resource.js'
import { currentLocale } from '@/locales'

/** The loaded schema: kinds by singular name ('customer'); empty until loadSchema() resolves. */
export const schema = reactive({ kinds: {}, loaded: false })

const PLURALS = {
  customer: 'customers', contact: 'contacts', opportunity: 'opportunities', activity: 'activities',
  product: 'products', quote: 'quotes', order: 'orders', payment: 'payments', cost: 'costs',
}
const SINGULARS = Object.fromEntries(Object.entries(PLURALS).map(([s, p]) => [p, s]))

/** The singular name of a kind given either form ('customers' → 'customer'). */
export const kindName = (kind) => SINGULARS[kind] ?? kind
/** The plural (URL) name of a kind given either form. */
export const kindPlural = (kind) => PLURALS[kind] ?? kind

let loading = null

/** Loads GET /api/schema once (again after a failure); resolves to schema.kinds. */
export function loadSchema() {
  loading ??= get('/api/schema')
    .then((res) => {
      for (const k of res.kinds) schema.kinds[k.name] = k
      schema.loaded = true
      return schema.kinds
    })
    .catch((err) => {
      loading = null
      throw err
    })
  return loading
}

/** The schema of one kind (singular or plural name); resolves to undefined for an unknown kind. */
export async function getKind(kind) {
  const kinds = await loadSchema()
  return kinds[kindName(kind)]
}

/** The REST calls of one kind (singular or plural name). */
export function entityApi(kind) {
  const base = `/api/${kindPlural(kind)}`
  return {
    ...resource(base),
    /** Downloads the list with these filters (no paging) as .xlsx in the UI's language. */
    exportXlsx: (query = {}) => {
      const { page, page_size: pageSize, ...filters } = query
      return download(`${base}/export`, { ...filters, lang: currentLocale() }, `${kindPlural(kind)}.xlsx`)
    },
  }
}
