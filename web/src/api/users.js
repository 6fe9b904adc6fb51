import { post } from './request.js'
import { resource } from './resource.js'

export const users = {
  ...resource('/api/users'),
  /** Admin sets a new password for user `id`. */
  resetPassword: (id, password) => post(`/api/users/${id}/password`, { password }),
}
