// Names of referenced records for texts that only carry ids (the audit log's entries): users,
// regions and teams from their lists, stages and pipelines from the pipelines, CRM records read one
// by one. Each is asked for once per page load; what the viewer may not read stays "#id".
import { reactive } from 'vue'
import { get, listAll } from '@/api/request'
import { getKind, kindPlural } from '@/api/entities'
import { loadPipelines, pipelines } from './pipelines.js'

const names = reactive({})
const asked = new Set()
const LISTED = { user: '/api/users', region: '/api/regions', team: '/api/teams' }

function ask(kind, id) {
  const key = `${kind}:${id}`
  if (asked.has(key)) return
  asked.add(key)
  if (kind === 'stage' || kind === 'pipeline') {
    loadPipelines()
      .then(() => {
        const x = kind === 'stage' ? pipelines.stages[id] : pipelines.byId[id]
        if (x) names[key] = x.name
      })
      .catch(() => asked.delete(key))
    return
  }
  if (LISTED[kind]) {
    if (asked.has(kind)) return
    asked.add(kind)
    listAll(LISTED[kind])
      .then((items) => items.forEach((x) => (names[`${kind}:${x.id}`] = x.display_name ?? x.name)))
      .catch(() => {})
    return
  }
  Promise.all([getKind(kind), get(`/api/${kindPlural(kind)}/${id}`, undefined, { quiet: true })])
    .then(([k, x]) => {
      const name = k?.label_field ? x[k.label_field] : ''
      names[key] = name || [`#${x.id}`, x.customer_name].filter(Boolean).join(' · ')
    })
    .catch(() => {})
}

/** The name of record `id` of `kind` ('user', 'stage', 'customer', …), or "#id" until known. */
export function refName(kind, id) {
  if (id === null || id === undefined) return ''
  ask(kind, id)
  return names[`${kind}:${id}`] ?? `#${id}`
}
