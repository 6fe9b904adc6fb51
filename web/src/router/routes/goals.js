import { Aim, Calendar } from '@element-plus/icons-vue'

export default [
  {
    path: 'goals',
    name: 'goals',
    component: () => import('@/views/goals/GoalsView.vue'),
    meta: { title: 'nav.goals', icon: Aim, order: 40 },
  },
  {
    // 今日计划: a rep's day (a manager's own too) — quotas, to-dos by quadrant, the reverse funnel.
    path: 'plan',
    name: 'plan',
    component: () => import('@/views/goals/PlanView.vue'),
    meta: { title: 'plan.title', icon: Calendar, order: 4, roles: ['rep', 'manager'] },
  },
]
