// 产品: the product list and price list (admins write, everyone reads).
import { Goods } from '@element-plus/icons-vue'
import { entityRoutes } from '../entityRoutes.js'

export default entityRoutes('product', {
  title: 'crm.nav.products', icon: Goods, order: 31, group: 'sales', createRoles: ['admin'],
})
