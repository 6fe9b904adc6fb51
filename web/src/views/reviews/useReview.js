// One review as its page holds it: loaded from GET /api/reviews/{id}, replaced whole by what a
// lifecycle step or a change of the review answers, and its cards, cases and action items kept in
// step with each one's own answer (each has its own version), so nothing waits for a reload.
import { computed, inject, provide, ref, watch } from 'vue'
import { getReview, listRootCauses } from '@/api/reviews'
import { auth } from '@/stores/auth'

const KEY = Symbol('review')

/** The review of the page (ReviewView provides it to its steps). */
export const useReviewContext = () => inject(KEY)

/** Loads review `id` (a ref) and provides it to the page's components. */
export function useReview(id) {
  const review = ref(null)
  const loading = ref(false)
  const failed = ref('')
  const causes = ref([])
  let seq = 0

  async function load({ quietly = false } = {}) {
    if (!id.value) return
    const mine = ++seq
    if (!quietly) loading.value = true
    try {
      const r = await getReview(id.value, { quiet: true })
      if (mine !== seq) return
      review.value = r
      failed.value = ''
    } catch (err) {
      if (mine === seq) failed.value = err.message
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  watch(id, () => load(), { immediate: true })
  listRootCauses({ quiet: true })
    .then((items) => (causes.value = items))
    .catch(() => {})

  const me = computed(() => auth.user?.id ?? 0)
  const closed = computed(() => review.value?.status === 'closed')
  const canManage = computed(() => !!review.value?.can?.manage)
  const canAdd = computed(() => !!review.value?.can?.add)
  /** The owner and the participants: who may own an action item. */
  const people = computed(() => {
    const r = review.value
    if (!r) return []
    return [{ id: r.owner_id, name: r.owner }, ...r.participants.filter((p) => p.id !== r.owner_id)]
  })

  /** Puts `item` in the review's list `key` in place of the one with its id, else at the end. */
  function put(key, item) {
    const list = review.value[key]
    const at = list.findIndex((x) => x.id === item.id)
    review.value[key] = at < 0 ? [...list, item] : list.map((x, i) => (i === at ? item : x))
  }
  const drop = (key, itemId) => (review.value[key] = review.value[key].filter((x) => x.id !== itemId))

  const ctx = { review, loading, failed, causes, load, me, closed, canManage, canAdd, people, put, drop }
  provide(KEY, ctx)
  return ctx
}
