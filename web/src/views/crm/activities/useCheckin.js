// A visit's check-in: where the browser says the phone is (navigator.geolocation), as the
// activity's fields checkin_lat / checkin_lng (degrees, 6 decimals), checkin_accuracy_m (whole
// metres) and checkin_at (RFC 3339). A refusal, a missing location or no geolocation at all is a
// state with a reason to show, never an error that stops the visit from being saved.
import { computed, ref } from 'vue'
import { i18n } from '@/locales'

const OPTIONS = { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 }
const round6 = (x) => Math.round(x * 1e6) / 1e6

export function useCheckin() {
  const state = ref('idle') // idle | locating | ok | failed
  const why = ref('') // denied | unavailable | timeout | unsupported
  const place = ref(null) // the activity fields once located
  let pending = null

  /** Asks the browser where the phone is; resolves to the fields, or null when it cannot say. */
  function locate() {
    if (!navigator.geolocation) {
      state.value = 'failed'
      why.value = 'unsupported'
      pending = Promise.resolve(null)
      return pending
    }
    state.value = 'locating'
    pending = new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          place.value = {
            checkin_lat: round6(pos.coords.latitude),
            checkin_lng: round6(pos.coords.longitude),
            checkin_accuracy_m: Math.max(0, Math.round(pos.coords.accuracy ?? 0)),
            checkin_at: new Date(pos.timestamp || Date.now()).toISOString(),
          }
          state.value = 'ok'
          resolve(place.value)
        },
        (err) => {
          place.value = null
          state.value = 'failed'
          why.value = { 1: 'denied', 2: 'unavailable', 3: 'timeout' }[err?.code] ?? 'unavailable'
          resolve(null)
        },
        OPTIONS,
      )
    })
    return pending
  }

  /** The check-in fields for a save: waits for a location being found; null without one. */
  async function fields() {
    if (state.value === 'idle') return locate()
    return pending ?? null
  }

  const reason = computed(() => (why.value ? i18n.global.t(`checkin.why.${why.value}`) : ''))
  /** The fields as a record, for showing them before the save. */
  const preview = computed(() => place.value ?? {})

  return { state, reason, preview, locate, fields }
}
