// 应收账款: receivables aged into buckets, by customer or by owner.
import { Wallet } from '@element-plus/icons-vue'

export default [
  {
    path: 'receivables',
    name: 'receivables',
    component: () => import('@/views/sales/receivables/ReceivablesView.vue'),
    meta: { title: 'crm.nav.receivables', icon: Wallet, order: 35, group: 'sales' },
  },
]
