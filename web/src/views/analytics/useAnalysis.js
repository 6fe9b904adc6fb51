import { ref, watch } from 'vue'
import { currentLocale } from '@/locales'

/**
 * Calls `load(q)` with the query that `query()` describes whenever it (or the UI's language, which
 * some answers are written in) changes; a null query loads nothing. Returns {data, loading, failed};
 * an answer that arrives after a newer question is dropped.
 */
export function useAnalysis(query, load) {
  const data = ref(null)
  const loading = ref(false)
  const failed = ref(false)
  let seq = 0
  watch(
    () => JSON.stringify([query(), currentLocale()]),
    async () => {
      const q = query()
      if (!q) return
      const mine = ++seq
      loading.value = true
      failed.value = false
      try {
        const res = await load(q)
        if (mine === seq) data.value = res
      } catch {
        if (mine === seq) {
          data.value = null
          failed.value = true
        }
      } finally {
        if (mine === seq) loading.value = false
      }
    },
    { immediate: true },
  )
  return { data, loading, failed }
}
