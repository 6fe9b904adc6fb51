// ECharts behind one composable, so a chart component only supplies its element and options.
import { onBeforeUnmount, onMounted, shallowRef, watch } from 'vue'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart, FunnelChart, ScatterChart } from 'echarts/charts'
import {
  GridComponent, TooltipComponent, LegendComponent, TitleComponent, DatasetComponent,
  MarkLineComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { i18n } from '@/locales'

echarts.use([
  BarChart, LineChart, PieChart, FunnelChart, ScatterChart,
  GridComponent, TooltipComponent, LegendComponent, TitleComponent, DatasetComponent,
  MarkLineComponent, CanvasRenderer,
])

/**
 * Binds a chart to the element in `elRef`: created on mount, resized with its element,
 * disposed on unmount. Returns setOption(option) (safe before mount) and the instance ref.
 */
export function useEcharts(elRef) {
  const chart = shallowRef(null)
  let pending = null
  let observer = null

  function setOption(option, notMerge = true) {
    pending = option
    chart.value?.setOption(option, notMerge)
  }

  function init() {
    if (!elRef.value || chart.value) return
    chart.value = echarts.init(elRef.value, null, {
      locale: i18n.global.locale.value === 'en' ? 'EN' : 'ZH',
    })
    if (pending) chart.value.setOption(pending, true)
    observer = new ResizeObserver(() => chart.value?.resize())
    observer.observe(elRef.value)
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
