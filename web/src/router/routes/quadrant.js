// 数据分析 · 象限: regions, teams or people by sales against growth, with the suggested actions.
// Only for those who see more than themselves.
import { Grid } from '@element-plus/icons-vue'

export default [
  {
    path: 'analytics/quadrant',
    name: 'analytics-quadrant',
    component: () => import('@/views/analytics/QuadrantView.vue'),
    meta: { group: 'analytics', title: 'analysis.nav.quadrant', icon: Grid, order: 64, roles: ['manager', 'director', 'analyst', 'admin'] },
  },
]
