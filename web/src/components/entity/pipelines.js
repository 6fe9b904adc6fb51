// The org's pipelines and their stages (GET /api/pipelines), read once per page load: which stage
// is won or lost, the stage path of an opportunity.
import { reactive } from 'vue'
import { get } from '@/api/request'

/** Pipelines by id, and stages by id ({id, name, position, probability, kind, pipeline_id}). */
export const pipelines = reactive({ byId: {}, stages: {}, loaded: false })
let loading = null

/** Reads the pipelines once (again after a failure); resolves to `pipelines`. */
export function loadPipelines() {
  loading ??= get('/api/pipelines', undefined, { quiet: true })
    .then((res) => {
      for (const p of res?.items ?? res ?? []) {
        pipelines.byId[p.id] = p
        for (const s of p.stages ?? []) pipelines.stages[s.id] = { ...s, pipeline_id: p.id }
      }
      pipelines.loaded = true
      return pipelines
    })
    .catch((err) => {
      loading = null
      throw err
    })
  return loading
}

/** The kind of a stage ('open', 'won', 'lost'), or '' until known. */
export const stageKind = (id) => pipelines.stages[id]?.kind ?? ''
