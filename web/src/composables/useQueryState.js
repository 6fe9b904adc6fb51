import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

/**
 * Page state kept in the URL's query string, so a view can be bookmarked, shared and reloaded:
 * `state.<key>` reads the query (or the default; a default may be a function) and writes it back;
 * `set({key: value, …})` changes several at once.
 */
export function useQueryState(defaults) {
  const route = useRoute()
  const router = useRouter()
  const read = (key) => {
    const v = route.query[key]
    if (typeof v === 'string' && v !== '') return v
    const d = defaults[key]
    return typeof d === 'function' ? d() : d
  }
  const set = (changes) => {
    const query = { ...route.query }
    for (const [k, v] of Object.entries(changes)) query[k] = v === null || v === undefined || v === '' ? undefined : String(v)
    return router.replace({ query })
  }
  const state = {}
  for (const key of Object.keys(defaults)) {
    state[key] = computed({ get: () => read(key), set: (v) => set({ [key]: v }) })
  }
  return { state, set }
}
