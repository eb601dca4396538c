import { providerKey, resourceGroupKey } from '../../db/keys.js'
import type { ResourceStore } from '../../db/resource-store.js'
import { invalidResourceGroup } from '../errors.js'
import type { ResourceGroup } from '../schemas/resource-group.js'
import type { Runtime } from '../settings.js'
import { RESOURCE_GROUP_TYPE, resourceGroupId } from './ids.js'

/** Microsoft.Resources: a resource group's name is at most 90 characters long. */
export const RESOURCE_GROUP_NAME_MAX_LENGTH = 90
/** What is not a letter or digit of any script, '-', '_', '.', '(' or ')' (Microsoft.Resources; the portal allows any letter). */
const NOT_NAME_CHARACTER = /[^-\p{L}\p{N}_.()]/gu

/** Where a group that was never created stands, when nothing in it says: the region the swagger examples use. */
export const IMPLICIT_GROUP_LOCATION = 'westus'

/** ARM checks a resource group's name on every request that names one, before anything else about it. */
export function checkResourceGroupName (name: string): void {
  const invalid = [...new Set(Array.from(name.matchAll(NOT_NAME_CHARACTER), ([character]) => character))]
  if (invalid.length > 0) {
    throw invalidResourceGroup(name,
      `has these invalid characters: '${invalid.join('')}'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'.`)
  }
  if (name.length > RESOURCE_GROUP_NAME_MAX_LENGTH) {
    throw invalidResourceGroup(name, `is longer than ${RESOURCE_GROUP_NAME_MAX_LENGTH} characters.`)
  }
  if (name.endsWith('.')) throw invalidResourceGroup(name, 'ends with a period, which it may not.')
}

/** ARM writes a resource group's location as its short name: `West US` is `westus`. */
export function normalizedLocation (location: string): string {
  return location.toLowerCase().replaceAll(' ', '')
}

export function resourceGroupBody (
  subscriptionId: string, name: string, location: string, extra: { managedBy?: string | undefined, tags?: Record<string, string> | undefined }
): ResourceGroup {
  return {
    id: resourceGroupId(subscriptionId, name),
    name,
    type: RESOURCE_GROUP_TYPE,
    location,
    ...(extra.managedBy !== undefined && { managedBy: extra.managedBy }),
    ...(extra.tags !== undefined && { tags: extra.tags }),
    properties: { provisioningState: 'Succeeded' }
  }
}

/** Finds resource groups: those created, and under `implicit` references those that hold resources. */
export interface ResourceGroups {
  /** The group as ARM shows it, if it exists; `subscriptionId` is shown as given. */
  find: (subscriptionId: string, name: string) => ResourceGroup | undefined
  /** Only a created group: what `strict` references ask for, and what an update keeps of it. */
  stored: (subscriptionId: string, name: string) => ResourceGroup | undefined
}

/**
 * `topLevelTypes` are the provider's types directly in a group (hubs), whose location an implicit group takes. Under
 * `implicit` references, a group named in a provider URL exists while it holds anything: it shows the casing its first
 * resource's id gives it, and the location of its first hub.
 */
export function resourceGroups (store: ResourceStore, runtime: Runtime, topLevelTypes: readonly string[]): ResourceGroups {
  function stored (subscriptionId: string, name: string): ResourceGroup | undefined {
    const found = store.get(resourceGroupKey(subscriptionId, name))
    if (found?.type !== RESOURCE_GROUP_TYPE) return undefined
    const group = JSON.parse(found.body) as ResourceGroup
    return { ...group, id: resourceGroupId(subscriptionId, group.name) }
  }

  function implicit (subscriptionId: string, name: string): ResourceGroup | undefined {
    if (runtime.references === 'strict') return undefined
    const first = store.firstUnder(resourceGroupKey(subscriptionId, name))
    if (first === undefined) return undefined
    const shownName = (JSON.parse(first.body) as { id: string }).id.split('/')[4] as string
    const [hub] = store.trackedPageOf(`${providerKey(subscriptionId, name)}/`, topLevelTypes, '', 1)
    const location = hub === undefined ? IMPLICIT_GROUP_LOCATION : normalizedLocation((JSON.parse(hub.body) as { location: string }).location)
    return resourceGroupBody(subscriptionId, shownName, location, {})
  }

  return {
    find: (subscriptionId, name) => stored(subscriptionId, name) ?? implicit(subscriptionId, name),
    stored
  }
}
