// ECharts as the app uses it: echarts/core with only the charts and components our options use
// (an option with a title or a dataset needs TitleComponent or DatasetComponent added here), the
// canvas renderer and the app's theme. useEcharts loads it with a page's first chart, so a page
// without charts never downloads it.
import { init, registerTheme, use } from 'echarts/core'
import { BarChart, LineChart, PieChart, FunnelChart, ScatterChart } from 'echarts/charts'
import {
  GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([
  BarChart, LineChart, PieChart, FunnelChart, ScatterChart,
  GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent,
  CanvasRenderer,
])

// The app's chart theme: Element Plus's colours, so charts match the tags and buttons around them.
registerTheme('fupan', {
  color: ['#409eff', '#67c23a', '#e6a23c', '#f56c6c', '#909399', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'],
  backgroundColor: 'transparent',
})

// Only init is exported: a whole `echarts` namespace would keep all of echarts/core in the file.
export { init }
