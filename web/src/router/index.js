import { createRouter, createWebHistory } from 'vue-router'
import { auth, setSession, hasRole } from '@/stores/auth'
import { me } from '@/api/auth'
import authRoutes from './routes/auth.js'
import homeRoutes from './routes/home.js'
import upcomingRoutes from './routes/upcoming.js'
import goalRoutes from './routes/goals.js'
import reportRoutes from './routes/reports.js'
import reviewRoutes from './routes/reviews.js'
import performanceRoutes from './routes/performance.js'
import teamRoutes from './routes/team.js'
import adminRoutes from './routes/admin.js'
import activityRoutes from './routes/activities.js'
import todoRoutes from './routes/todos.js'
import importerRoutes from './routes/importer.js'
import customerRoutes from './routes/customers.js'
import opportunityRoutes from './routes/opportunities.js'
import productRoutes from './routes/products.js'
import quoteRoutes from './routes/quotes.js'
import orderRoutes from './routes/orders.js'
import paymentRoutes from './routes/payments.js'
import receivableRoutes from './routes/receivables.js'
import costRoutes from './routes/costs.js'
import analyticsRoutes from './routes/analytics.js'
import funnelRoutes from './routes/funnel.js'
import quadrantRoutes from './routes/quadrant.js'
import forecastRoutes from './routes/forecast.js'
import riskRoutes from './routes/risks.js'

/** The pages inside the main layout; those with meta.title and meta.icon make the menu. */
export const layoutRoutes = [...homeRoutes, ...goalRoutes, ...reportRoutes, ...reviewRoutes, ...performanceRoutes, ...upcomingRoutes, ...teamRoutes, ...adminRoutes, ...activityRoutes, ...todoRoutes, ...importerRoutes,
  ...customerRoutes, ...opportunityRoutes, ...productRoutes, ...quoteRoutes, ...orderRoutes,
  ...paymentRoutes, ...receivableRoutes, ...costRoutes, ...analyticsRoutes,
  ...funnelRoutes, ...quadrantRoutes, ...forecastRoutes, ...riskRoutes,
]

const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    ...authRoutes,
    { path: '/', component: () => import('@/layouts/MainLayout.vue'), children: layoutRoutes },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})

/** True when the signed-in user may open a route with these meta fields. */
export function allowed(meta) {
  return !meta.roles || hasRole(...meta.roles)
}

/** A redirect target from the query string, kept to paths inside the app. */
export function safeRedirect(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/'
}

/** Asks GET /api/auth/me for the session the cookie holds, with the org and its today. */
async function restoreSession() {
  try {
    setSession(await me())
  } catch {
    // No session (or the server is away): the login page will say so when used.
  }
  auth.restored = true
}

/** Starts loading the lazy page components of `to` (functions here: `() => import(…)`). */
function preload(to) {
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      if (typeof component === 'function') component().catch(() => {}) // the router reports failures
    }
  }
}

// Restores the session once at start-up (the cookie may still be valid), then guards every page.
// A login answers the org and its today itself (LoginView), so it needs no GET /api/auth/me after.
router.beforeEach(async (to) => {
  if (!auth.restored && to.meta.public) {
    // The login page shows at once; when the cookie still holds a session, it moves on then.
    restoreSession().then(() => {
      const here = router.currentRoute.value
      if (auth.user && here.name === 'login') router.replace(safeRedirect(here.query.redirect))
    })
    return true
  }
  if (!auth.restored) {
    preload(to) // the page's code comes while the session is asked for, not after it
    await restoreSession()
  }
  if (to.meta.public) {
    return to.name === 'login' && auth.user ? safeRedirect(to.query.redirect) : true
  }
  if (!auth.user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (!allowed(to.meta)) return { name: 'home' }
  return true
})

// Once someone types in the login form, the page they are heading to is fetched while they finish,
// so that it shows soon after they sign in (a mere visit of the login page fetches nothing more).
router.afterEach((to) => {
  if (to.name !== 'login') return
  const next = router.resolve(safeRedirect(to.query.redirect))
  document.addEventListener('input', () => preload(next), { once: true, capture: true })
})

export default router
