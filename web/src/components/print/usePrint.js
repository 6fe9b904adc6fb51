// What the print pages share: opening one in a new tab from a button (with ?auto=1, the page asks
// the browser to print once it has drawn its data), and that request itself.
import { nextTick } from 'vue'

/** Opens the print page `to` (a route location) in a new tab that prints itself once drawn. */
export function openPrint(router, to) {
  const { href } = router.resolve({ ...to, query: { ...(to.query ?? {}), auto: '1' } })
  window.open(href, '_blank', 'noopener')
}

/** Asks the browser to print when the page was opened to print (?auto=1), after it has drawn. */
export async function printWhenAsked(route) {
  if (route.query.auto !== '1') return
  await nextTick()
  await document.fonts?.ready
  setTimeout(() => window.print(), 100)
}
