// 数据分析 · 预测: the open pipeline by close month, and the sales forecast with its backtest.
import { DataLine } from '@element-plus/icons-vue'

export default [
  {
    path: 'analytics/forecast',
    name: 'analytics-forecast',
    component: () => import('@/views/analytics/ForecastView.vue'),
    meta: { group: 'analytics', title: 'analysis.nav.forecast', icon: DataLine, order: 65 },
  },
]
