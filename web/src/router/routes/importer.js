import { Upload } from '@element-plus/icons-vue'

export default [
  {
    path: 'import',
    name: 'import',
    component: () => import('@/views/io/importer/ImportView.vue'),
    meta: { title: 'importer.title', icon: Upload, order: 95, roles: ['rep', 'manager', 'director', 'admin'] },
  },
]
