// 数据分析 · 风险: stalled and slipped opportunities, customers at risk of churn, overdue receivables.
import { Warning } from '@element-plus/icons-vue'

export default [
  {
    path: 'analytics/risks',
    name: 'analytics-risks',
    component: () => import('@/views/analytics/RisksView.vue'),
    meta: { group: 'analytics', title: 'analysis.nav.risks', icon: Warning, order: 66 },
  },
]
