import { childKey, providerKey } from '../../db/keys.js'
import { PROVIDER_NAMESPACE } from '../arm/ids.js'
import type { ResourceType } from './resource-type.js'

/** Where a resource of the provider is: its subscription, resource group, and its names from the hub down. */
export interface ResourceLocation {
  subscriptionId: string
  resourceGroupName: string
  /** One name per type of the lineage: [hub], [hub, link], [hub, connector, mapping]. */
  names: readonly string[]
}

/** The location a route's parameters give, for a type or (with `depth`) one of its ancestors. */
export function locationOf (type: ResourceType, params: Record<string, string>): ResourceLocation {
  return {
    subscriptionId: params.subscriptionId as string,
    resourceGroupName: params.resourceGroupName as string,
    names: type.lineage.map((level) => params[level.nameParameter] as string)
  }
}

/** The location of an ancestor (or of another type under the same ancestors): the names down to its depth, then `name`. */
export function relatedLocation (location: ResourceLocation, type: ResourceType, name: string): ResourceLocation {
  return { ...location, names: [...location.names.slice(0, type.lineage.length - 1), name] }
}

/** The location of a type's parent; undefined for a type at the top (hubs). */
export function parentLocation (location: ResourceLocation): ResourceLocation | undefined {
  return location.names.length === 1 ? undefined : { ...location, names: location.names.slice(0, -1) }
}

/**
 * A resource's ARM id, with the client's casing. `encode` turns each name into what a URL or header needs: a header is
 * Latin-1 text, and a name may be any Unicode the client sent.
 */
export function resourceIdOf (type: ResourceType, location: ResourceLocation, encode: (name: string) => string = (name) => name): string {
  let id = `/subscriptions/${encode(location.subscriptionId)}/resourceGroups/${encode(location.resourceGroupName)}/providers/${PROVIDER_NAMESPACE}`
  for (const [index, level] of type.lineage.entries()) id += `/${level.segment}/${encode(location.names[index] as string)}`
  return id
}

export function keyOf (type: ResourceType, location: ResourceLocation): string {
  let key = providerKey(location.subscriptionId, location.resourceGroupName)
  for (const [index, level] of type.lineage.entries()) key = childKey(key, level.segmentKey, location.names[index] as string)
  return key
}

/** The key prefix of a type's collection under its parent: `…/hubs/hub1/links/`. */
export function collectionPrefix (type: ResourceType, location: ResourceLocation): string {
  const parent = type.parent
  const parentKey = parent === null
    ? providerKey(location.subscriptionId, location.resourceGroupName)
    : keyOf(parent, { ...location, names: location.names.slice(0, parent.lineage.length) })
  return `${parentKey}/${type.segmentKey}/`
}

/** The `name` ARM shows: the names from the hub down, joined by '/'. */
export function displayName (location: ResourceLocation): string {
  return location.names.join('/')
}
