import { get, post, patch, del, listAll } from './request.js'

/**
 * The standard calls of one REST resource (see docs/api.md): list, all, get, create,
 * update (PATCH with the version read) and remove (DELETE ?version=N).
 */
export function resource(base) {
  return {
    list: (query, opts) => get(base, query, opts),
    all: (query, limit) => listAll(base, query, limit),
    get: (id, opts) => get(`${base}/${id}`, undefined, opts),
    create: (body, opts) => post(base, body, opts),
    update: (id, version, changes, opts) => patch(`${base}/${id}`, { ...changes, version }, opts),
    remove: (id, version, opts) => del(`${base}/${id}`, version, opts),
  }
}
