// Capabilities that are planned but not built yet: each shows an honest "coming" page.
// When a capability lands, remove its line here and give it its own route file.
import { Trophy } from '@element-plus/icons-vue'

const upcoming = [
  ['performance', Trophy, 80], // 绩效: scorecards and evaluations (提成 has its pages: performance.js)
]

export default upcoming.map(([name, icon, order]) => ({
  path: name,
  name,
  component: () => import('@/views/ComingSoonView.vue'),
  meta: { title: `nav.${name}`, icon, order },
}))
