// One's own report of a period being written: loaded with its template and live data, every
// keystroke kept in localStorage at once, saved to the server 1.5 s after typing stops (the first
// save creates the draft, the next ones PATCH it with the version read). Nothing typed is dropped:
// - offline (or a server error), the copy stays on the device, marked unsaved, and is saved again
//   every few seconds and when the connection returns;
// - on load, a copy on the device the server does not have is offered back (the editor waits
//   for the answer);
// - a save refused as stale (another window saved first: 409 version_conflict) stops saving; the
//   user reloads the server's copy, their own text staying beside it (and on the device), or
//   writes theirs over it.
import { computed, onBeforeUnmount, reactive, ref, watch } from 'vue'
import { createReport, getReport, myReport, saveReport, submitReport } from '@/api/reports'
import { clearDraft, draftKey, goalRows, goalsOf, readDraft, sameText, sectionsOf, writeDraft } from './reportFormat'

const SAVE_AFTER_MS = 1500
const RETRY_MS = 5000

/**
 * `kind` and `period` are refs; `unit(metric)` gives a goal metric's unit. States: idle (nothing
 * typed), dirty (typed, waiting), saving, saved, offline (not saved: kept on the device), conflict,
 * error (refused: `error` says why).
 */
export function useReportDraft({ kind, period, unit }) {
  const mine = ref(null) // GET /api/reports/mine
  const report = ref(null)
  const content = reactive({})
  const rows = ref([])
  const state = ref('idle')
  const error = ref('')
  const savedAt = ref(null)
  const loading = ref(false)
  const loadError = ref('')
  const conflict = ref(null) // {version}: the server's copy moved on under this window
  const kept = ref(null) // {content, rows, at}: this window's text the server's copy replaced
  const offer = ref(null) // {content, rows, at}: a newer copy found on the device, not yet answered

  const template = computed(() => report.value?.template ?? mine.value?.template ?? null)
  const textSections = computed(() => sectionsOf(template.value, 'text'))
  const hasGoals = computed(() => sectionsOf(template.value, 'goals').length > 0)
  const editable = computed(
    () => !!mine.value && !offer.value && (!report.value || !!report.value.can?.edit),
  )
  // The report being written: the kind and period last loaded. A save, the device's copy and a
  // conflict's answer stay with it while the page moves on (the text waiting is saved to the
  // period it was written for, never to the next one).
  const at = ref({ kind: kind.value, period: period.value })
  const key = computed(() => draftKey(at.value.kind, at.value.period))
  const keptKey = computed(() => `${key.value}.kept`)

  let timer = 0
  let retry = 0
  let saving = null // the save in flight (a promise)
  let again = false // typed while a save was in flight
  let seq = 0

  const snapshot = () => ({ content: { ...content }, rows: rows.value.map((r) => ({ ...r })) })
  const bodyOf = (snap) => ({ content: snap.content, next_goals: goalsOf(snap.rows, unit).goals })
  const stop = () => {
    clearTimeout(timer)
    clearTimeout(retry)
    timer = retry = 0
  }

  function fill(r) {
    for (const k of Object.keys(content)) delete content[k]
    for (const s of sectionsOf(r?.template ?? mine.value?.template, 'text')) content[s.key] = r?.content?.[s.key] ?? ''
    rows.value = goalRows(r?.next_goals, unit)
  }

  async function load() {
    const mineSeq = ++seq
    stop()
    at.value = { kind: kind.value, period: period.value }
    loading.value = true
    loadError.value = ''
    conflict.value = null
    offer.value = null
    error.value = ''
    try {
      const res = await myReport(at.value, { quiet: true })
      if (mineSeq !== seq) return
      mine.value = res
      report.value = res.report
      fill(res.report)
      state.value = res.report ? 'saved' : 'idle'
      savedAt.value = res.report?.updated_at ?? null
      checkDevice()
    } catch (err) {
      if (mineSeq !== seq) return
      mine.value = null
      report.value = null
      loadError.value = err.message
    } finally {
      if (mineSeq === seq) loading.value = false
    }
  }

  /**
   * Offers back a copy on the device the server does not have. A copy is dropped only once the
   * server holds it (a save clears it), so a dirty copy that differs is unsaved text: newer than
   * the server's when it was typed over the version the server still has (`version`), else typed
   * over an older one while another window saved (`stale`: offered all the same, never dropped).
   * Versions, not clocks: the browser's and the server's clocks need not agree.
   */
  function checkDevice() {
    const d = readDraft(key.value)
    kept.value = readDraft(keptKey.value)
    if (!d) return
    const r = report.value
    const differs = !sameText(d.content, content) || JSON.stringify(d.rows ?? []) !== JSON.stringify(rows.value)
    if (!(d.dirty && differs) || (r && d.reportId && d.reportId !== r.id)) clearDraft(key.value)
    else if (!r || r.can?.edit) offer.value = { ...d, stale: !!r && d.version !== r.version }
    else {
      // Handed in from elsewhere meanwhile: the text cannot go in any more, but stays to be seen.
      kept.value = d
      writeDraft(keptKey.value, d)
      clearDraft(key.value)
    }
  }

  /** Called on every change the user makes: kept on the device at once, saved when typing stops. */
  function edited() {
    if (!editable.value) return
    writeDraft(key.value, { ...snapshot(), dirty: true, version: report.value?.version ?? null, reportId: report.value?.id ?? null })
    if (conflict.value) return
    state.value = 'dirty'
    clearTimeout(timer)
    timer = setTimeout(() => save(), SAVE_AFTER_MS)
  }

  function save() {
    clearTimeout(timer)
    timer = 0
    if (conflict.value || !mine.value) return Promise.resolve()
    if (saving) {
      again = true
      return saving
    }
    saving = doSave().finally(() => {
      saving = null
      if (again) {
        again = false
        if (state.value === 'dirty') return save()
      }
    })
    return saving
  }

  async function doSave() {
    const snap = snapshot()
    const sentKey = key.value
    state.value = 'saving'
    try {
      const r = report.value
        ? await saveReport(report.value.id, { ...bodyOf(snap), version: report.value.version }, { quiet: true })
        : await createReport({ ...at.value, ...bodyOf(snap) }, { quiet: true })
      if (sentKey !== key.value) return // the page moved to another period meanwhile
      report.value = r
      savedAt.value = r.updated_at ?? new Date().toISOString()
      error.value = ''
      const now = snapshot()
      if (sameText(now.content, snap.content) && JSON.stringify(now.rows) === JSON.stringify(snap.rows)) {
        state.value = 'saved'
        clearDraft(sentKey)
      } else {
        state.value = 'dirty'
        again = true
      }
    } catch (err) {
      if (sentKey !== key.value) return
      await failed(err, snap)
    }
  }

  async function failed(err, snap) {
    if (err.code === 'version_conflict') {
      conflict.value = { version: err.detail?.current_version ?? null }
      state.value = 'conflict'
    } else if (err.code === 'already_exists') {
      // Another window (or a lost answer) created the draft: the same text is ours, else a conflict.
      const res = await myReport(at.value, { quiet: true }).catch(() => null)
      if (res?.report && sameText(res.report.content, snap.content)) {
        report.value = res.report
        state.value = 'saved'
      } else {
        conflict.value = { version: res?.report?.version ?? null }
        state.value = 'conflict'
      }
    } else if (err.status === 0 || err.status >= 500) {
      state.value = 'offline'
      clearTimeout(retry)
      retry = setTimeout(() => save(), RETRY_MS)
    } else {
      state.value = 'error'
      error.value = err.message
    }
  }

  /** Saves what is waiting now (before a submit or leaving the period); resolves when done. */
  async function flush() {
    clearTimeout(timer)
    if (saving) await saving
    if (['dirty', 'offline'].includes(state.value) || (!report.value && state.value !== 'conflict')) await save()
    return ['saved', 'idle'].includes(state.value) || (!!report.value && state.value === 'saved')
  }

  /** Submits the report (saved first); returns it, or throws the server's refusal. */
  async function submit() {
    if (!(await flush()) || !report.value) throw Object.assign(new Error(error.value || 'not saved'), { code: 'not_saved' })
    const r = await submitReport(report.value.id, { version: report.value.version }, { quiet: true })
    report.value = r
    fill(r)
    state.value = 'saved'
    clearDraft(key.value)
    return r
  }

  /** Puts a submitted / reviewed / returned answer of the server in place (after an action). */
  function replace(r) {
    report.value = r
    fill(r)
  }

  // ---- the copy on the device
  function restore() {
    const d = offer.value
    offer.value = null
    if (!d) return
    for (const s of textSections.value) content[s.key] = d.content?.[s.key] ?? content[s.key] ?? ''
    rows.value = (d.rows ?? []).map((r) => ({ ...r }))
    edited()
  }
  function dismissOffer() {
    offer.value = null
    clearDraft(key.value)
  }

  // ---- a conflict
  /** Loads the server's copy; this window's text stays beside it (and on the device) as `kept`. */
  async function reloadServer() {
    const mineText = { ...snapshot(), at: Date.now() }
    try {
      const r = report.value ? await getReport(report.value.id, { quiet: true }) : (await myReport(at.value, { quiet: true })).report
      kept.value = mineText
      writeDraft(keptKey.value, mineText)
      clearDraft(key.value)
      conflict.value = null
      error.value = ''
      report.value = r
      fill(r)
      state.value = 'saved'
      savedAt.value = r?.updated_at ?? null
    } catch (err) {
      error.value = err.message
    }
  }
  /** Writes this window's text over the server's copy (its current version read first). */
  async function overwrite() {
    try {
      const current = report.value ? await getReport(report.value.id, { quiet: true }) : (await myReport(at.value, { quiet: true })).report
      if (!current?.can?.edit) {
        // Submitted from the other window meanwhile: nothing to write over; show the server's.
        await reloadServer()
        return
      }
      report.value = current
      conflict.value = null
      state.value = 'dirty'
      await save()
    } catch (err) {
      error.value = err.message
    }
  }
  /** Takes one section (or every section, `key` null) of the kept text into the editor. */
  function useKept(sectionKey = null) {
    if (!kept.value) return
    for (const s of textSections.value) {
      if (sectionKey === null || s.key === sectionKey) content[s.key] = kept.value.content?.[s.key] ?? ''
    }
    if (sectionKey === null) rows.value = (kept.value.rows ?? []).map((r) => ({ ...r }))
    edited()
  }
  function dropKept() {
    kept.value = null
    clearDraft(keptKey.value)
  }

  // A period change saves what waits for the old one, then loads the new one.
  watch([kind, period], async (now, before) => {
    if (before && mine.value && ['dirty', 'offline'].includes(state.value)) await flush().catch(() => {})
    load()
  }, { immediate: true })

  const online = () => state.value === 'offline' && save()
  window.addEventListener('online', online)
  onBeforeUnmount(() => {
    window.removeEventListener('online', online)
    if (['dirty', 'offline'].includes(state.value)) save() // best effort; the device keeps the copy
    stop()
  })

  return {
    mine, report, template, textSections, hasGoals, content, rows, state, error, savedAt, loading, loadError,
    conflict, kept, offer, editable,
    load, edited, save, flush, submit, replace, restore, dismissOffer, reloadServer, overwrite, useKept, dropKept,
  }
}
