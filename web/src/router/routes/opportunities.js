// 商机: the opportunity list (and board) and an opportunity's page (stage path, linked records, history).
import { Opportunity } from '@element-plus/icons-vue'
import { entityRoutes } from '../entityRoutes.js'

export default entityRoutes('opportunity', {
  title: 'nav.opportunities',
  icon: Opportunity,
  order: 20,
  list: () => import('@/views/crm/opportunities/OpportunitiesView.vue'),
  detail: () => import('@/views/crm/opportunities/OpportunityDetailView.vue'),
})
