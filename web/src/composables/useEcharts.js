// ECharts behind one composable, so a chart component only supplies its element and options.
import { onBeforeUnmount, onMounted, shallowRef, watch } from 'vue'
import { i18n } from '@/locales'

// ECharts (echartsSetup.js) is fetched with the first chart a page shows, not with the app.
let loading = null
function loadEcharts() {
  loading ??= import('./echartsSetup.js').catch((err) => {
    loading = null // a failed download is tried again by the next chart
    throw err
  })
  return loading
}

/**
 * Binds a chart to the element in `elRef`: created on mount, resized with its element,
 * disposed on unmount. Options: `theme` ('fupan' for the app's colours), `onClick(params)` for a
 * click on a data item, or with `clickAxis` 'x' / 'y' for a click anywhere over a category of that
 * axis (params: {dataIndex}), so a thin bar or a small point is as easy to hit as its whole row;
 * `canClick()` says whether clicks are wanted now (the pointer cursor follows it).
 * Returns setOption(option) (safe before mount and before ECharts has arrived) and the instance
 * ref (null until then).
 */
export function useEcharts(elRef, { theme = null, onClick = null, clickAxis = null, canClick = () => true } = {}) {
  const chart = shallowRef(null)
  let pending = null
  let observer = null
  let mounted = false

  function setOption(option, notMerge = true) {
    pending = option
    chart.value?.setOption(option, notMerge)
  }

  async function init() {
    let echarts
    try {
      echarts = await loadEcharts()
    } catch (err) {
      console.error('ECharts could not be loaded', err)
      return
    }
    if (!mounted || !elRef.value || chart.value) return
    chart.value = echarts.init(elRef.value, theme, {
      locale: i18n.global.locale.value === 'en' ? 'EN' : 'ZH',
    })
    if (onClick && !clickAxis) chart.value.on('click', onClick)
    if (onClick && clickAxis) bindAxisClick(chart.value)
    if (pending) chart.value.setOption(pending, true)
    observer = new ResizeObserver(() => chart.value?.resize())
    observer.observe(elRef.value)
  }

  // The category under the pointer, from the first grid's axis `clickAxis`; null outside the grid.
  function categoryAt(c, e) {
    const point = [e.offsetX, e.offsetY]
    if (!c.containPixel({ gridIndex: 0 }, point)) return null
    const [x, y] = c.convertFromPixel({ gridIndex: 0 }, point)
    const index = Math.round(clickAxis === 'x' ? x : y)
    return Number.isFinite(index) && index >= 0 ? index : null
  }

  function bindAxisClick(c) {
    const zr = c.getZr()
    zr.on('click', (e) => {
      const index = canClick() ? categoryAt(c, e) : null
      if (index !== null) onClick({ dataIndex: index })
    })
    zr.on('mousemove', (e) => {
      if (canClick() && categoryAt(c, e) !== null) zr.setCursorStyle('pointer')
    })
  }

  function dispose() {
    observer?.disconnect()
    observer = null
    chart.value?.dispose()
    chart.value = null
  }

  onMounted(() => {
    mounted = true
    init()
  })
  onBeforeUnmount(() => {
    mounted = false
    dispose()
  })
  // Re-create on a language switch so axis and tooltip texts follow it.
  watch(i18n.global.locale, () => {
    dispose()
    init()
  })

  return { chart, setOption }
}
