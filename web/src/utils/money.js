// Money is an integer number of 分 everywhere in the API. People read and type 元. The conversions
// here work on the decimal text, never multiplying floats, so 0.29 元 is 29 分 and not 28.999….

// How money reads, one formatter per place (tell the lead before adding another):
//   formatMoney(fen)       ¥1,234.56  exact to the 分: order, payment and statement detail, forms
//   formatYuan(fen)        ¥1,235     whole 元: lists, cards, timelines, history
//   formatMoneyShort(fen)  ¥12.3万    KPI cards and chart labels: 万 / 亿 from ¥100,000 on, whole 元 below
//   axisMoney(fen)         ¥5万       chart axes: 万 / 亿 from ¥10,000 on (ticks of one axis read alike)
// English uses k / M where Chinese uses 万 / 亿. A chart of amounts that cannot be negative keeps
// its value axis at min 0 (ECharts would otherwise draw ¥−3.2万 below an all-zero series).

/** "¥1,234.56" for 123456 分 ('' for null/undefined). */
export function formatMoney(fen) {
  if (fen === null || fen === undefined || fen === '') return ''
  const n = Number(fen)
  if (!Number.isFinite(n)) return String(fen)
  const sign = n < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(n))
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`
}

const group = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** "¥1,235" for 123456 分: whole 元, half a 元 rounded away from zero ('' for null/undefined). */
export function formatYuan(fen) {
  if (fen === null || fen === undefined || fen === '') return ''
  const n = Number(fen)
  if (!Number.isFinite(n)) return String(fen)
  const yuan = Math.floor((Math.abs(Math.trunc(n)) + 50) / 100)
  return `${n < 0 && yuan ? '-' : ''}¥${group(String(yuan))}`
}

const isEnglish = () => typeof document !== 'undefined' && document.documentElement.lang === 'en'

/**
 * Money in 万 / 亿 (English: k / M) from `from` 分 on, whole 元 below: 123456700 → "¥123.5万",
 * 8650000 → "¥86,500". `from` defaults to ¥100,000; one decimal, a trailing .0 dropped.
 */
export function formatMoneyShort(fen, { from = 10_000_000, english = isEnglish() } = {}) {
  if (fen === null || fen === undefined || fen === '') return ''
  const n = Number(fen)
  if (!Number.isFinite(n)) return String(fen)
  const yuan = n / 100
  const abs = Math.abs(yuan)
  const sign = yuan < 0 ? '-' : ''
  const one = (x) => {
    const [whole, frac] = (Math.round(x * 10) / 10).toFixed(1).split('.')
    return frac === '0' ? group(whole) : `${group(whole)}.${frac}`
  }
  if (Math.abs(n) < from) return formatYuan(n)
  if (english) {
    if (abs >= 1e6) return `${sign}¥${one(abs / 1e6)}M`
    return `${sign}¥${one(abs / 1e3)}k`
  }
  if (abs >= 1e8) return `${sign}¥${one(abs / 1e8)}亿`
  return `${sign}¥${one(abs / 1e4)}万`
}

/** A value axis label: 万 / 亿 from ¥10,000 on ("¥0", "¥5,000", "¥5万", "¥1.2亿"). */
export const axisMoney = (fen) => formatMoneyShort(fen, { from: 1_000_000 })

/** The 元 text for editing: 123456 → "1234.56", 100 → "1", null → "". */
export function fenToYuan(fen) {
  if (fen === null || fen === undefined || fen === '') return ''
  const n = Math.trunc(Number(fen))
  const sign = n < 0 ? '-' : ''
  const abs = Math.abs(n)
  const cents = abs % 100
  const whole = String(Math.floor(abs / 100))
  return cents ? `${sign}${whole}.${String(cents).padStart(2, '0')}` : `${sign}${whole}`
}

/**
 * The 分 of a 元 text such as "1,234.5", "¥12" or "-3.07"; null when the text is empty or not an
 * amount with at most two decimals (or too large to be exact).
 */
export function yuanToFen(text) {
  if (text === null || text === undefined) return null
  const s = String(text)
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，¥￥]/g, '')
    .replace('．', '.')
  const m = /^([-+]?)(\d+)(?:\.(\d{0,2}))?$/.exec(s) ?? /^([-+]?)()\.(\d{1,2})$/.exec(s)
  if (!m) return null
  const fen = BigInt(m[2] || '0') * 100n + BigInt((m[3] ?? '').padEnd(2, '0'))
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return null
  const n = Number(fen)
  return m[1] === '-' && n !== 0 ? -n : n
}

/**
 * A line's amount in 分: quantity × unit price × (10000 − discount_bp) / 10000, rounded half away
 * from zero, exactly as the server computes it (domain/order_math.h).
 */
export function lineTotal(quantity, unitPriceFen, discountBp = 0) {
  const q = BigInt(Math.trunc(Number(quantity) || 0))
  const p = BigInt(Math.trunc(Number(unitPriceFen) || 0))
  const bp = BigInt(Math.min(10000, Math.max(0, Math.trunc(Number(discountBp) || 0))))
  const num = q * p * (10000n - bp)
  const neg = num < 0n
  const abs = neg ? -num : num
  const r = (abs + 5000n) / 10000n
  return Number(neg ? -r : r)
}

/** Basis points of a percent text: "12.5" → 1250; null when not a number with ≤ 2 decimals. */
export function percentToBp(text) {
  const fen = yuanToFen(text) // the same decimal rule: 2 places
  return fen === null ? null : fen
}

/** The percent text of basis points: 1250 → "12.5". */
export function bpToPercent(bp) {
  return fenToYuan(bp ?? 0).replace(/(\.\d)0$/, '$1')
}
