import type { ApiVersion } from '../arm/api-version.js'
import type { ProvisioningState } from '../schemas/common.js'
import type { Json, ProvisioningField, ResourceType } from './resource-type.js'

/** The end of a stored body of a type that provisions, per state of the moment: `"provisioningState":"Succeeded"}}`. */
export type StateSuffixes = Readonly<Record<ProvisioningState, string>>

export function stateSuffixes (field: ProvisioningField): StateSuffixes {
  const suffix = (value: string) => `${JSON.stringify(field.field)}:${JSON.stringify(value)}}}`
  return { Provisioning: suffix(field.running), Succeeded: suffix(field.succeeded), Failed: suffix(field.failed) }
}

/**
 * A stored body as ARM shows it now: its state, written as running and last in `properties` (so last in the body), is
 * swapped for the state of the moment without parsing the rest.
 */
export function withState (body: string, suffixes: StateSuffixes, state: ProvisioningState): string {
  return state === 'Provisioning' ? body : `${body.slice(0, -suffixes.Provisioning.length)}${suffixes[state]}`
}

/** A resource's properties written in one version, as another shows them: through the stored shape. */
export function convertProperties (type: ResourceType, properties: Json, from: ApiVersion, to: ApiVersion): Json {
  const stored = type.versions[from]?.toStored?.(properties) ?? properties
  return type.versions[to]?.fromStored?.(stored) ?? stored
}

/** A body written in one api-version as a read in another shows it; the same text when they need no conversion. */
export function bodyIn (type: ResourceType, body: string, writtenIn: ApiVersion, readIn: ApiVersion): string {
  if (writtenIn === readIn || !type.versionsDiffer) return body
  const resource = JSON.parse(body) as Json & { properties: Json }
  resource.properties = convertProperties(type, resource.properties, writtenIn, readIn)
  return JSON.stringify(resource)
}

/** A body's properties in the stored shape, with the state it was stored with. */
export function storedProperties (type: ResourceType, body: string, writtenIn: ApiVersion): Json {
  const { properties } = JSON.parse(body) as { properties: Json }
  return type.versions[writtenIn]?.toStored?.(properties) ?? properties
}

/**
 * A new object with some keys renamed, in the same order: a version's mapping keeps the provisioning state last.
 * `renamed` maps old names to new ones.
 */
export function renameKeys (object: Json, renamed: Readonly<Record<string, string>>): Json {
  const result: Json = {}
  for (const [key, value] of Object.entries(object)) result[renamed[key] ?? key] = value
  return result
}

/** A new array of objects, each mapped; items that are not objects are kept as they are. */
export function mapObjects (items: unknown, map: (item: Json) => Json): unknown {
  if (!Array.isArray(items)) return items
  return items.map((item: unknown) => typeof item === 'object' && item !== null && !Array.isArray(item) ? map(item as Json) : item)
}
