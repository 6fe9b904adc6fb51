import { ref, onMounted, onBeforeUnmount } from 'vue'

/** A ref that follows a CSS media query, e.g. useMediaQuery('(max-width: 767px)'). */
export function useMediaQuery(query) {
  const list = window.matchMedia(query)
  const matches = ref(list.matches)
  const update = (e) => (matches.value = e.matches)
  onMounted(() => list.addEventListener('change', update))
  onBeforeUnmount(() => list.removeEventListener('change', update))
  return matches
}

/** True on a phone-sized screen (below 768 px), where the layout switches to one column. */
export const useNarrow = () => useMediaQuery('(max-width: 767px)')
