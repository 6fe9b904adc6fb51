import { resource } from './resource.js'

export const teams = resource('/api/teams')
