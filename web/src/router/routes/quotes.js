// 报价: quotes with their lines; an accepted quote becomes an order.
import { Memo } from '@element-plus/icons-vue'
import { entityRoutes } from '../entityRoutes.js'

export default entityRoutes('quote', {
  title: 'crm.nav.quotes',
  icon: Memo,
  order: 32,
  group: 'sales',
  list: () => import('@/views/sales/orders/OrdersView.vue'),
  detail: () => import('@/views/sales/orders/OrderDetailView.vue'),
})
