import { resource } from './resource.js'

export const regions = resource('/api/regions')
