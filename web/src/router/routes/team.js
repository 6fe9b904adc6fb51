import { UserFilled } from '@element-plus/icons-vue'

export default [
  {
    path: 'team',
    name: 'team',
    component: () => import('@/views/TeamView.vue'),
    meta: { title: 'nav.team', icon: UserFilled, order: 90 },
  },
]
