// 回款: payments received against orders.
import { Money } from '@element-plus/icons-vue'
import { entityRoutes } from '../entityRoutes.js'

export default entityRoutes('payment', {
  title: 'crm.nav.payments',
  icon: Money,
  order: 34,
  group: 'sales',
  columns: ['received_at', 'amount', 'customer_id', 'order_id', 'method', 'owner_id', 'notes'],
})
