import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'
import zhCN from './zh-CN.js'
import en from './en.js'

export const LOCALES = ['zh-CN', 'en']
const STORAGE_KEY = 'fupan.locale'
const elementLocales = { 'zh-CN': elZhCn, en: elEn }

function savedLocale() {
  const saved = localStorage.getItem(STORAGE_KEY)
  return LOCALES.includes(saved) ? saved : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

/** The current locale, 'zh-CN' or 'en'. */
export function currentLocale() {
  return i18n.global.locale.value
}

/** Switches the UI (and Element Plus) to `locale` and remembers the choice. */
export function setLocale(locale) {
  if (!LOCALES.includes(locale)) return
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

/** Element Plus's own strings (pagination, date picker, …) for the current locale. */
export const elementLocale = computed(() => elementLocales[i18n.global.locale.value])
