// The UI's language: Chinese (the default) is in the entry; the English messages (en.js) are
// fetched when English is chosen (Element Plus's own English is its fallback, in the entry anyway).
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
