import type { ResourceStore } from '../../db/resource-store.js'
import type { ApiVersion } from '../arm/api-version.js'
import { clientPath, type BodyShape } from '../arm/body-shape.js'
import { resourceGroupKey } from '../../db/keys.js'
import { RESOURCE_GROUP_TYPE } from '../arm/ids.js'
import { type ArmError, parentResourceNotFound, referencedResourceNotFound, resourceGroupNotFound } from '../errors.js'
import { displayName, keyOf, parentLocation, relatedLocation, type ResourceLocation } from './location.js'
import { storedProperties } from './rendering.js'
import type { Json, Reference, ResourceType } from './resource-type.js'

/**
 * The `strict` rules of references, checked inside the write that depends on them, so that no request between the
 * check and the write can make them untrue.
 */

/**
 * 404 ParentResourceNotFound when the resource's parent (its hub, a mapping's connector) is not stored; for a hub,
 * 404 ResourceGroupNotFound when its resource group was not created.
 */
export function missingParent (store: ResourceStore, type: ResourceType, location: ResourceLocation): ArmError | undefined {
  const parent = type.parent
  const at = parentLocation(location)
  if (parent === null || at === undefined) {
    const created = store.typeAt(resourceGroupKey(location.subscriptionId, location.resourceGroupName)) === RESOURCE_GROUP_TYPE
    return created ? undefined : resourceGroupNotFound(location.resourceGroupName)
  }
  return store.typeAt(keyOf(parent, at)) === parent.type ? undefined : parentResourceNotFound(displayName(at))
}

/**
 * 400 ReferencedResourceNotFound for the first name a definition (stored shape) gives of a resource of its hub that is
 * not stored; `target` is the property as the client sent it, in its version and body shape.
 */
export function missingReference (
  store: ResourceStore, type: ResourceType, location: ResourceLocation, definition: Json, apiVersion: ApiVersion, shape: BodyShape | null
): ArmError | undefined {
  for (const reference of type.references?.(definition) ?? []) {
    if (exists(store, reference, location)) continue
    const property = type.versions[apiVersion]?.renamed?.[reference.property] ?? reference.property
    const hub = location.names[0] as string
    return referencedResourceNotFound(clientPath(`properties.${property}`, shape), reference.type.kind, reference.name, `hub '${hub}'`)
  }
  return undefined
}

/** Whether what a reference names is there: stored in the hub, or in the catalogue of a read-only type (widget types). */
function exists (store: ResourceStore, reference: Reference, location: ResourceLocation): boolean {
  const name = reference.name.toLowerCase()
  const catalogue = reference.type.catalogue?.(location.names.slice(0, 1))
  if (catalogue !== undefined) return catalogue.some((entry) => entry.name.toLowerCase() === name)
  return store.typeAt(keyOf(reference.type, relatedLocation(location, reference.type, reference.name))) === reference.type.type
}

/** The resources of the same hub whose definitions name this one: "link 'WebToContact'". */
export function usersOf (store: ResourceStore, types: readonly ResourceType[], type: ResourceType, location: ResourceLocation): string[] {
  const name = (location.names.at(-1) as string).toLowerCase()
  const hub = keyOf(type.lineage[0] as ResourceType, { ...location, names: location.names.slice(0, 1) })
  const users: string[] = []
  for (const user of types) {
    if (user.references === undefined) continue
    // A hub's child is looked for in its collection; anything deeper (a connector's mappings) anywhere in the hub.
    const scope = user.lineage.length === 2 ? `${hub}/${user.segmentKey}/` : `${hub}/`
    for (const stored of store.ofType(scope, user.type)) {
      const definition = storedProperties(user, stored.body, stored.apiVersion)
      const names = user.references(definition)
        .some((reference) => reference.type === type && reference.name.toLowerCase() === name)
      if (names) users.push(`${user.kind} '${String((JSON.parse(stored.body) as { name: string }).name.split('/').at(-1))}'`)
    }
  }
  return users
}
