// ECharts behind one composable, so a chart component only supplies its element and options.
import { onBeforeUnmount, onMounted, shallowRef, watch } from 'vue'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart, FunnelChart, ScatterChart } from 'echarts/charts'
import {
  GridComponent, TooltipComponent, LegendComponent, TitleComponent, DatasetComponent,
  MarkLineComponent, MarkAreaComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { i18n } from '@/locales'

echarts.use([
  BarChart, LineChart, PieChart, FunnelChart, ScatterChart,
  GridComponent, TooltipComponent, LegendComponent, TitleComponent, DatasetComponent,
  MarkLineComponent, MarkAreaComponent, CanvasRenderer,
])

// The app's chart theme: Element Plus's colours, so charts match the tags and buttons around them.
echarts.registerTheme('fupan', {
  color: ['#409eff', '#67c23a', '#e6a23c', '#f56c6c', '#909399', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'],
  backgroundColor: 'transparent',
})

/**
 * Binds a chart to the element in `elRef`: created on mount, resized with its element,
 * disposed on unmount. Options: `theme` ('fupan' for the app's colours), `onClick(params)` for a
 * click on a data item, or with `clickAxis` 'x' / 'y' for a click anywhere over a category of that
 * axis (params: {dataIndex}), so a thin bar or a small point is as easy to hit as its whole row;
 * `canClick()` says whether clicks are wanted now (the pointer cursor follows it).
 * Returns setOption(option) (safe before mount) and the instance ref.
 */
export function useEcharts(elRef, { theme = null, onClick = null, clickAxis = null, canClick = () => true } = {}) {
  const chart = shallowRef(null)
  let pending = null
  let observer = null

  function setOption(option, notMerge = true) {
    pending = option
    chart.value?.setOption(option, notMerge)
  }

  function init() {
    if (!elRef.value || chart.value) return
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

  onMounted(init)
  onBeforeUnmount(dispose)
  // Re-create on a language switch so axis and tooltip texts follow it.
  watch(i18n.global.locale, () => {
    dispose()
    init()
  })

  return { chart, setOption }
}
