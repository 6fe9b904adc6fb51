// Pages outside the main layout, open without a session. The login page is part of the entry
// (not a lazy chunk) so that a first visit shows it without another round trip.
import LoginView from '@/views/LoginView.vue'

export default [
  {
    path: '/login',
    name: 'login',
    component: LoginView,
    meta: { public: true, title: 'login.title' },
  },
]
