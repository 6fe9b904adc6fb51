// Administration: shown and reachable only for the admin role (the server enforces it too).
import { Avatar, Bell, OfficeBuilding, Location, Tickets, SetUp } from '@element-plus/icons-vue'

const admin = { group: 'admin', roles: ['admin'] }

export default [
  {
    path: 'admin/users',
    name: 'admin-users',
    component: () => import('@/views/org/UsersView.vue'),
    meta: { ...admin, title: 'nav.users', icon: Avatar, order: 100 },
  },
  {
    path: 'admin/teams',
    name: 'admin-teams',
    component: () => import('@/views/org/TeamsView.vue'),
    meta: { ...admin, title: 'nav.teams', icon: OfficeBuilding, order: 110 },
  },
  {
    path: 'admin/regions',
    name: 'admin-regions',
    component: () => import('@/views/org/RegionsView.vue'),
    meta: { ...admin, title: 'nav.regions', icon: Location, order: 120 },
  },
  {
    path: 'admin/audit',
    name: 'admin-audit',
    component: () => import('@/views/platform/AuditView.vue'),
    meta: { ...admin, title: 'nav.audit', icon: Tickets, order: 130 },
  },
  {
    path: 'admin/org',
    name: 'admin-org',
    component: () => import('@/views/org/OrgSettingsView.vue'),
    meta: { ...admin, title: 'nav.orgSettings', icon: SetUp, order: 140 },
  },
  {
    // Where the weekly-report reminders go (docs/reports.md "Reminders and notifications").
    path: 'admin/notifications',
    name: 'admin-notifications',
    component: () => import('@/views/notifications/NotificationChannelsView.vue'),
    meta: { ...admin, title: 'nav.notificationChannels', icon: Bell, order: 150 },
  },
]
