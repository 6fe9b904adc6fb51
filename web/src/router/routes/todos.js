import { Bell } from '@element-plus/icons-vue'

export default [
  {
    path: 'todos',
    name: 'todos',
    component: () => import('@/views/crm/todos/TodosView.vue'),
    meta: { title: 'todo.title', icon: Bell, order: 5 },
  },
]
