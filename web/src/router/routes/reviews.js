// 复盘 (SPEC §5, docs/reviews.md): the reviews the user runs, takes part in or reads, each through
// its three steps (准备 / 复盘会 / 总结), and the library of won and lost cases (with the org's root
// causes, which its admin keeps), and a review's print page (A4, a page per section). The server
// limits each list to what the caller may see.
import { ChatLineSquare, Collection } from '@element-plus/icons-vue'
import { loadMessages } from '@/locales'

// A review page comes with its messages (src/locales/reviews.*.js, not in the entry), fetched
// beside its code and both awaited before it is drawn, so no key ever shows raw.
const page = (load) => () => Promise.all([load(), loadMessages('reviews')]).then(([module]) => module)

export default [
  {
    path: 'reviews',
    name: 'reviews',
    component: page(() => import('@/views/reviews/ReviewListView.vue')),
    meta: { title: 'nav.reviews', icon: ChatLineSquare, order: 70 },
  },
  {
    path: 'reviews/:id(\\d+)',
    name: 'reviews-detail',
    component: page(() => import('@/views/reviews/ReviewView.vue')),
    meta: { title: 'nav.reviews', menu: '/reviews' },
  },
  {
    path: 'reviews/:id(\\d+)/print',
    name: 'reviews-print',
    component: page(() => import('@/views/reviews/print/ReviewPrintView.vue')),
    meta: { title: 'nav.reviews', menu: '/reviews' },
  },
  {
    path: 'reviews/cases',
    name: 'reviews-cases',
    component: page(() => import('@/views/reviews/CaseLibraryView.vue')),
    meta: { title: 'nav.reviewCases', icon: Collection, order: 71 },
  },
]
