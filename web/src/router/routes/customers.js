// 客户: the customer list and a customer's page (contacts, opportunities, activities, orders).
import { User } from '@element-plus/icons-vue'
import { entityRoutes } from '../entityRoutes.js'

export default entityRoutes('customer', {
  title: 'nav.customers',
  icon: User,
  order: 10,
  list: () => import('@/views/crm/customers/CustomersView.vue'),
  detail: () => import('@/views/crm/customers/CustomerDetailView.vue'),
})
