// Weekly reports (SPEC §4, docs/reports.md): a rep writes theirs; the team's week, its reviews and
// the on-time statistics for those who lead or read teams (the admin also edits the templates,
// a tab of 周报统计). The server limits each to what the caller may see. A report and a team's week
// have print pages (A4, opened from 打印), outside the menu.
import { Document, Notebook, DataLine } from '@element-plus/icons-vue'

const readers = ['manager', 'director', 'analyst', 'admin']

export default [
  {
    path: 'reports/mine',
    name: 'reports-mine',
    component: () => import('@/views/reports/MyReportView.vue'),
    meta: { title: 'nav.reportsMine', icon: Document, order: 50, roles: ['rep'] },
  },
  {
    path: 'reports/team',
    name: 'reports-team',
    component: () => import('@/views/reports/TeamReportsView.vue'),
    meta: { title: 'nav.reportsTeam', icon: Notebook, order: 51, roles: readers },
  },
  {
    path: 'reports/team/print',
    name: 'reports-team-print',
    component: () => import('@/views/reports/print/TeamPrintView.vue'),
    meta: { title: 'reportPrint.teamPage', roles: readers, menu: '/reports/team' },
  },
  {
    path: 'reports/:id(\\d+)/print',
    name: 'reports-print',
    component: () => import('@/views/reports/print/ReportPrintView.vue'),
    meta: { title: 'reportPrint.page' },
  },
  {
    path: 'reports/stats',
    name: 'reports-stats',
    component: () => import('@/views/reports/ReportStatsView.vue'),
    meta: { title: 'nav.reportsStats', icon: DataLine, order: 52, roles: readers },
  },
]
