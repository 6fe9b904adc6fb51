// 绩效与激励 (SPEC §5, docs/performance.md). 提成: the people's commission statements of a month
// or a quarter under the plan in effect (the server limits them to whom the caller may see), a
// person's statement line by line, the plans (kept by the admin), adjustments and a director's
// approval. A rep, who sees only their own, lands on their statement.
import { Coin } from '@element-plus/icons-vue'
import { loadMessages } from '@/locales'
import { auth, hasRole } from '@/stores/auth'

// A commission page comes with its messages (src/locales/performance.*.js, not in the entry),
// fetched beside its code and both awaited before it is drawn, so no key ever shows raw.
const page = (load) => () => Promise.all([load(), loadMessages('performance')]).then(([module]) => module)

/** True for someone who sees no one's statement but their own (a rep and nothing more). */
const ownOnly = () => !hasRole('manager', 'director', 'analyst', 'admin')

export default [
  {
    path: 'commissions',
    name: 'commissions',
    component: page(() => import('@/views/performance/CommissionsView.vue')),
    meta: { title: 'nav.commissions', icon: Coin, order: 79 },
    beforeEnter: (to) =>
      ownOnly() && auth.user ? { name: 'commissions-statement', params: { userId: auth.user.id }, query: to.query, replace: true } : true,
  },
  {
    path: 'commissions/:userId(\\d+)',
    name: 'commissions-statement',
    component: page(() => import('@/views/performance/StatementView.vue')),
    meta: { title: 'nav.commissions', menu: '/commissions' },
  },
]
