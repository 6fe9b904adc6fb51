import { ref } from 'vue'
import { metricCatalog, metricLabel } from '@/api/metrics'
import { unitOf } from '@/utils/metricFormat'

/**
 * The metric catalog (GET /api/metrics/catalog, read once per page load) with helpers:
 * `label(name)` in the UI's language and `unit(name)`. `catalog` is [] until it answers.
 */
export function useMetricCatalog() {
  const catalog = ref([])
  metricCatalog()
    .then((items) => (catalog.value = items))
    .catch(() => {})
  return {
    catalog,
    label: (name) => metricLabel(name, catalog.value),
    unit: (name) => unitOf(name, catalog.value),
  }
}
