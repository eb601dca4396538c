import type { ResourceStore } from '../../db/resource-store.js'
import { provisioningStateAt } from '../arm/provisioning.js'
import { stateSuffixes, withState } from './rendering.js'
import type { ResourceType } from './resource-type.js'

/** What is stored, of every type, as ARM shows it now (each in the version it was written in): for the control endpoints. */
export type StoredResourceLister = (subscriptionId: string | undefined, now: number) => unknown[]

export function storedResourceLister (types: readonly ResourceType[], store: ResourceStore): StoredResourceLister {
  const suffixes = new Map(types.flatMap((type) => type.provisioning === null ? [] : [[type.type, stateSuffixes(type.provisioning)] as const]))
  return (subscriptionId, now) => store.listAll(subscriptionId).map((stored) => {
    const typeSuffixes = suffixes.get(stored.type)
    const body = typeSuffixes === undefined || stored.operation === null
      ? stored.body
      : withState(stored.body, typeSuffixes, provisioningStateAt(stored.operation, now))
    return JSON.parse(body) as unknown
  })
}
