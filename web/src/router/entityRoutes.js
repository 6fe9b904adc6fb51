// The two routes of a CRM kind: its list `/<plural>` (in the menu) and a record's page
// `/<plural>/:id` (named `<plural>-detail`). Pages default to the generic list and detail views.
import { kindName, kindPlural } from '@/api/entities'

const genericList = () => import('@/views/crm/EntityListView.vue')
const genericDetail = () => import('@/views/crm/EntityDetailView.vue')

/**
 * Options: title (i18n key), icon and order (menu), group ('sales' → the 交易 sub-menu), list and
 * detail (page components), createRoles (who sees 新建), columns (the list's columns).
 */
export function entityRoutes(kind, { title, icon, order, group, list = genericList, detail = genericDetail, createRoles, columns }) {
  const plural = kindPlural(kind)
  const meta = { kind: kindName(kind), title, createRoles, columns }
  return [
    { path: plural, name: plural, component: list, meta: { ...meta, icon, order, group } },
    { path: `${plural}/:id(\\d+)`, name: `${plural}-detail`, component: detail, meta: { ...meta, menu: `/${plural}` } },
  ]
}
