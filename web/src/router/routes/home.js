import { HomeFilled } from '@element-plus/icons-vue'

export default [
  {
    path: '',
    name: 'home',
    component: () => import('@/views/HomeView.vue'),
    meta: { title: 'nav.home', icon: HomeFilled, order: 0 },
  },
]
