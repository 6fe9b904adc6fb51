import { ref, watch } from 'vue'
import { breakdown } from '@/api/metrics'

/** Loads the breakdown that `query()` describes whenever it changes: {rows, loading, failed}. */
export function useBreakdown(query) {
  const rows = ref([])
  const loading = ref(false)
  const failed = ref(false)
  let seq = 0
  watch(
    () => JSON.stringify(query()),
    async () => {
      const q = query()
      if (!q) return
      const mine = ++seq
      loading.value = true
      failed.value = false
      try {
        const res = await breakdown(q)
        if (mine === seq) rows.value = res
      } catch {
        if (mine === seq) {
          rows.value = []
          failed.value = true
        }
      } finally {
        if (mine === seq) loading.value = false
      }
    },
    { immediate: true },
  )
  return { rows, loading, failed }
}
