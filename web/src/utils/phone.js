// Phone numbers as the server checks them (src/domain/phone.h), so a form refuses exactly what the
// API would: an optional leading '+', then 7–15 digits grouped by spaces, '-', '.' or one pair of
// parentheses; an 11-digit number starting with 1 (a mobile, with or without +86) must start
// 13–19; an extension of 1–6 digits may follow after 转, ext., ext, EXT, x, X or # (the first of
// these marks found, in that order). Pure: no imports, so node can test it as it is.

const EXTENSION_MARKS = ['转', 'ext.', 'ext', 'EXT', 'x', 'X', '#']

const trimSpaces = (s) => s.replace(/^ +| +$/g, '')

/** True iff `text` is a phone number the server accepts (the text as sent: not trimmed here). */
export function isPhoneNumber(text) {
  if (typeof text !== 'string') return false
  const whole = trimSpaces(text)
  let main = whole
  let extension = ''
  for (const mark of EXTENSION_MARKS) {
    const at = whole.indexOf(mark)
    if (at < 0) continue
    main = whole.slice(0, at)
    extension = whole.slice(at + mark.length)
    break
  }
  main = trimSpaces(main)
  extension = trimSpaces(extension)
  // Anything around the number (a mark, spaces at either end) needs a real extension.
  if (extension !== '' || text.length !== main.length) {
    if (!/^\d{1,6}$/.test(extension)) return false
  }
  if (main === '') return false
  const plus = main.startsWith('+')
  if (plus) main = main.slice(1)
  let digits = ''
  let open = 0
  for (const c of main) {
    if (c >= '0' && c <= '9') digits += c
    else if (c === '(') {
      if (open++ > 0) return false
    } else if (c === ')') {
      if (open-- !== 1) return false
    } else if (c !== ' ' && c !== '-' && c !== '.') return false
  }
  if (open !== 0 || digits.length < 7 || digits.length > 15) return false
  const national = plus && digits.startsWith('86') ? digits.slice(2) : digits
  if (national.length === 11 && national[0] === '1' && (national[1] < '3' || national[1] > '9')) return false
  return true
}

/** The digits to dial for a `tel:` link: '+86 138-0013-8000 转 12' → 'tel:+8613800138000,12'. */
export function telHref(text) {
  if (!text) return ''
  const s = String(text)
  let main = s
  let extension = ''
  for (const mark of EXTENSION_MARKS) {
    const at = s.indexOf(mark)
    if (at < 0) continue
    main = s.slice(0, at)
    extension = s.slice(at + mark.length).replace(/\D/g, '')
    break
  }
  const number = (main.trim().startsWith('+') ? '+' : '') + main.replace(/\D/g, '')
  return `tel:${number}${extension ? `,${extension}` : ''}`
}
