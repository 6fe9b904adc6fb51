// 数据分析: trend, comparison and segmentation of any metric for any scope the viewer may see.
import { TrendCharts, Histogram, PieChart } from '@element-plus/icons-vue'

const analytics = { group: 'analytics' }

export default [
  {
    path: 'analytics/trend',
    name: 'analytics-trend',
    component: () => import('@/views/analytics/TrendView.vue'),
    meta: { ...analytics, title: 'nav.analyticsTrend', icon: TrendCharts, order: 60 },
  },
  {
    path: 'analytics/compare',
    name: 'analytics-compare',
    component: () => import('@/views/analytics/CompareView.vue'),
    meta: { ...analytics, title: 'nav.analyticsCompare', icon: Histogram, order: 61 },
  },
  {
    path: 'analytics/segments',
    name: 'analytics-segments',
    component: () => import('@/views/analytics/SegmentView.vue'),
    meta: { ...analytics, title: 'nav.analyticsSegments', icon: PieChart, order: 62 },
  },
]
