// 成本: sales and marketing cost entries.
import { Coin } from '@element-plus/icons-vue'
import { entityRoutes } from '../entityRoutes.js'

export default entityRoutes('cost', {
  title: 'crm.nav.costs',
  icon: Coin,
  order: 36,
  group: 'sales',
  columns: ['spent_on', 'amount', 'scope_type', 'scope_id', 'channel', 'notes'],
})
