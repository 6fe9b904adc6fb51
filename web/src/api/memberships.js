import { resource } from './resource.js'

// list/all take team_id, user_id and current=true.
export const memberships = resource('/api/memberships')
