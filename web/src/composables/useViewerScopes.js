// The scopes the signed-in user may ask metrics about (SPEC §1): a rep their own numbers; a
// manager the teams they lead, the teams under them and their people; a director their region,
// its teams and people; an analyst or admin the whole org. Built from GET /api/auth/me (roles,
// region_id, teams) and the team, region and user lists, which the server already limits to
// what the viewer sees.
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { listAll } from '@/api/request'
import { auth, hasRole } from '@/stores/auth'

/** The ids of the teams the user leads now (from /api/auth/me). */
export const ledTeams = () => (auth.user?.teams ?? []).filter((m) => m.role === 'leader').map((m) => m.team_id)

/** The manager's own scope: the teams they lead, as one scope (a union when several). */
export const ledScope = () => ledTeams().map((id) => `team:${id}`).join(',')

/** The scope a dashboard opens on for this user: org, their region, their teams, or themselves. */
export function homeScope() {
  if (hasRole('analyst', 'admin')) return 'org'
  if (hasRole('director') && auth.user?.region_id) return `region:${auth.user.region_id}`
  if (hasRole('manager') && ledTeams().length) return ledScope()
  return auth.user ? `user:${auth.user.id}` : ''
}

function within(teams, roots) {
  const out = [...roots]
  for (let i = 0; i < out.length; i++) {
    for (const t of teams) if (t.parent_id === out[i] && !out.includes(t.id)) out.push(t.id)
  }
  return out
}

/**
 * Scope options grouped for a select: `groups` [{key, label, options: [{value, label}]}],
 * `labelOf(scope)`, `defaultScope` and `loading`. `people: false` leaves out the people (and
 * does not read the user list) where only regions and teams are named.
 */
export function useViewerScopes({ people: withPeople = true } = {}) {
  const { t } = useI18n()
  const teams = ref([])
  const regions = ref([])
  const users = ref([])
  const loading = ref(true)

  const all = hasRole('analyst', 'admin')
  const regionId = hasRole('director') ? auth.user?.region_id ?? null : null
  const led = hasRole('manager') ? ledTeams() : []
  const seesOthers = all || regionId !== null || led.length > 0

  Promise.all([
    seesOthers ? listAll('/api/teams').catch(() => []) : [],
    all || regionId !== null ? listAll('/api/regions').catch(() => []) : [],
    seesOthers && withPeople ? listAll('/api/users').catch(() => []) : [],
  ]).then(([tl, rl, ul]) => {
    teams.value = tl
    regions.value = rl
    users.value = ul
    loading.value = false
  })

  const groups = computed(() => {
    const out = []
    const me = auth.user
    if (all) out.push({ key: 'org', label: t('metrics.scope.org'), options: [{ value: 'org', label: t('metrics.scope.orgName') }] })
    const regionOptions = regions.value
      .filter((r) => all || r.id === regionId)
      .map((r) => ({ value: `region:${r.id}`, label: r.name }))
    if (regionOptions.length) out.push({ key: 'region', label: t('metrics.scope.regions'), options: regionOptions })

    const visibleTeams = new Set()
    if (all) teams.value.forEach((x) => visibleTeams.add(x.id))
    if (regionId !== null) teams.value.filter((x) => x.region_id === regionId).forEach((x) => visibleTeams.add(x.id))
    within(teams.value, led).forEach((id) => visibleTeams.add(id))
    const teamOptions = teams.value.filter((x) => visibleTeams.has(x.id)).map((x) => ({ value: `team:${x.id}`, label: x.name }))
    if (led.length > 1) teamOptions.unshift({ value: ledScope(), label: t('metrics.scope.myTeams') })
    if (teamOptions.length) out.push({ key: 'team', label: t('metrics.scope.teams'), options: teamOptions })

    const people = seesOthers ? users.value : me ? [me] : []
    const userOptions = people.map((u) => ({ value: `user:${u.id}`, label: u.display_name }))
    if (me && !userOptions.some((o) => o.value === `user:${me.id}`)) userOptions.unshift({ value: `user:${me.id}`, label: me.display_name })
    out.push({ key: 'user', label: t('metrics.scope.people'), options: userOptions })
    return out
  })

  const byValue = computed(() => new Map(groups.value.flatMap((g) => g.options.map((o) => [o.value, o.label]))))
  const labelOf = (scope) => byValue.value.get(scope) ?? scope

  return { groups, labelOf, loading, defaultScope: homeScope() }
}
