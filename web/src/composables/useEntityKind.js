import { ref, toValue, watchEffect } from 'vue'
import { getKind, schema, kindName } from '@/api/entities'

/**
 * The schema of a CRM kind (a name, a ref or a getter): `kind` is null until /api/schema answers.
 * `error` is set when the schema could not be loaded.
 */
export function useEntityKind(name) {
  const kind = ref(null)
  const error = ref(null)
  watchEffect(() => {
    const n = kindName(toValue(name))
    if (schema.kinds[n]) {
      kind.value = schema.kinds[n]
      return
    }
    getKind(n).then((k) => (kind.value = k ?? null)).catch((e) => (error.value = e))
  })
  return { kind, error }
}
