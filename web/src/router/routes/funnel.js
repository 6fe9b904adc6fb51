// 数据分析 · 漏斗: stages reached, conversion against the org's benchmark, time in stage, the bottleneck.
import { Filter } from '@element-plus/icons-vue'

export default [
  {
    path: 'analytics/funnel',
    name: 'analytics-funnel',
    component: () => import('@/views/analytics/FunnelView.vue'),
    meta: { group: 'analytics', title: 'analysis.nav.funnel', icon: Filter, order: 63 },
  },
]
