// The UI's language: Chinese (the default) is in the entry; the English messages (en.js) are
// fetched when English is chosen (Element Plus's own English is its fallback, in the entry anyway).
// A page's own messages (a "part", e.g. the review pages' reviews.zh-CN.js / reviews.en.js) come
// with its page (loadMessages, awaited by its route's component loader), in each language in use.
// The choice is kept in localStorage; a returning English user's app is mounted once English has
// come (main.js), so no text is ever drawn half in one language and half in the other.
import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'
import zhCN from './zh-CN.js'

export const LOCALES = ['zh-CN', 'en']
const STORAGE_KEY = 'fupan.locale'
const elementLocales = { 'zh-CN': elZhCn, en: elEn }

function savedLocale() {
  const saved = localStorage.getItem(STORAGE_KEY)
  return LOCALES.includes(saved) ? saved : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN },
})

let english = null
/** Fetches the English messages once (a rejected fetch may be tried again). */
function loadEnglish() {
  english ??= import('./en.js').then(
    ({ default: messages }) => i18n.global.setLocaleMessage('en', messages),
    (err) => {
      english = null
      throw err
    },
  )
  return english
}

// The parts by name, each by locale; `needed` those asked for so far, fetched too on a switch.
const PARTS = {
  reviews: { 'zh-CN': () => import('./reviews.zh-CN.js'), en: () => import('./reviews.en.js') },
  performance: { 'zh-CN': () => import('./performance.zh-CN.js'), en: () => import('./performance.en.js') },
}
const needed = new Set()
const parts = new Map() // `${part}:${locale}` → promise of its messages merged in

/** Fetches a part of `locale`'s messages once (after English's own, which would replace it). */
function loadPart(part, locale) {
  const key = `${part}:${locale}`
  if (!parts.has(key)) {
    const base = locale === 'en' ? loadEnglish() : Promise.resolve()
    parts.set(
      key,
      base
        .then(() => PARTS[part][locale]())
        .then(
          ({ default: messages }) => i18n.global.mergeLocaleMessage(locale, messages),
          (err) => {
            parts.delete(key)
            throw err
          },
        ),
    )
  }
  return parts.get(key)
}

/**
 * A page's own messages (`part`, a key of PARTS) in the current language, and in the remembered
 * one when that is still coming (a returning English user's start-up: restoreLocale); resolves
 * when they are in place (the remembered one's failure left to restoreLocale, which stays Chinese).
 */
export function loadMessages(part) {
  needed.add(part)
  const current = currentLocale()
  const saved = savedLocale()
  return Promise.all([
    loadPart(part, current),
    saved !== current && loadPart(part, saved).catch(() => {}),
  ]).then(() => {})
}

/** The current locale, 'zh-CN' or 'en'. */
export function currentLocale() {
  return i18n.global.locale.value
}

function apply(locale) {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}

/**
 * Switches the UI (and Element Plus) to `locale` once its messages are here, and remembers the
 * choice; resolves when switched (stays as it was when they cannot be fetched).
 */
export async function setLocale(locale) {
  if (!LOCALES.includes(locale)) return
  if (locale === 'en') await loadEnglish()
  await Promise.all([...needed].map((part) => loadPart(part, locale)))
  apply(locale)
  localStorage.setItem(STORAGE_KEY, locale)
}

/**
 * The remembered language: null when it is Chinese (nothing to wait for), else a promise settled
 * when its messages are in place (or could not be fetched: Chinese then).
 */
export function restoreLocale() {
  if (savedLocale() === 'zh-CN') return null
  return loadEnglish().then(
    () => apply('en'),
    () => {},
  )
}

/** Element Plus's own strings (pagination, date picker, …) for the current locale. */
export const elementLocale = computed(() => elementLocales[i18n.global.locale.value])
