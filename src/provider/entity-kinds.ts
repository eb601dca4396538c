import type { Reference } from '../engine/resource-type.js'
import { interactions } from '../../routes/interactions.js'
import { profiles } from '../../routes/profiles.js'
import { relationships } from '../../routes/relationships.js'

/**
 * The reference an entity kind and type name make (a link's source, a KPI's entity): Interaction names an interaction
 * type, Profile a profile type, Relationship a relationship; None names nothing.
 */
export function entityTypeOf (kind: unknown, name: unknown, property: string): Reference[] {
  const type = kind === 'Interaction' ? interactions : kind === 'Profile' ? profiles : kind === 'Relationship' ? relationships : undefined
  return type === undefined ? [] : [{ property, type, name: String(name) }]
}
