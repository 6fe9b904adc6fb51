import { Calendar } from '@element-plus/icons-vue'

export default [
  {
    path: 'activities',
    name: 'activities',
    component: () => import('@/views/crm/activities/ActivitiesView.vue'),
    meta: { title: 'nav.activities', icon: Calendar, order: 30 },
  },
  {
    path: 'activities/new',
    name: 'activity-new',
    component: () => import('@/views/crm/activities/ActivityLogView.vue'),
    meta: { title: 'activity.logTitle', roles: ['rep', 'manager', 'director', 'admin'] },
  },
]
