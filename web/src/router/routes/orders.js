// 订单: orders with their lines, and an order's page with its payments.
import { List } from '@element-plus/icons-vue'
import { entityRoutes } from '../entityRoutes.js'

export default entityRoutes('order', {
  title: 'crm.nav.orders',
  icon: List,
  order: 33,
  group: 'sales',
  list: () => import('@/views/sales/orders/OrdersView.vue'),
  detail: () => import('@/views/sales/orders/OrderDetailView.vue'),
})
