import type { TSchema } from '@sinclair/typebox'
import { API_VERSIONS, type ApiVersion } from '../arm/api-version.js'
import type { FlatFieldTranslation } from '../arm/body-shape.js'
import { PROVIDER_NAMESPACE } from '../arm/ids.js'

/** A JSON object as a body holds it. */
export type Json = Record<string, unknown>

/** The swagger's rule for the name a PUT gives in its URL. */
export interface NameRule {
  pattern?: string
  maxLength: number
}

/**
 * How one api-version writes and reads a type. The stored shape is the newest version's, plus what only older versions
 * have (a 2017-01-01 link mapping's `isProfileTypeId`); a version that differs maps its properties to and from it.
 */
export interface VersionShape {
  /** What a PUT's `properties` may hold in this version: read-only and unknown fields are not listed, so they are dropped. */
  definition: TSchema
  /** This version's properties in the stored shape; every other property is kept as it is. */
  toStored?: (properties: Json) => Json
  /** The stored shape's properties in this version's; every other property is kept as it is. */
  fromStored?: (properties: Json) => Json
  /** Properties whose name differs from the stored shape's, for error targets: stored name → this version's. */
  renamed?: Readonly<Record<string, string>>
  /** Older field names the flat body shape may use, translated to this version's. */
  translateFlatFields?: FlatFieldTranslation
}

/** How a type's provisioning shows in its body: a state field, always the last of `properties`, and its values. */
export interface ProvisioningField {
  field: string
  running: string
  succeeded: string
  failed: string
  /** Whether a PUT of an existing resource provisions it again, or leaves its state as it is (a hub's update). */
  onUpdate: boolean
}

export const PROVISIONING_STATE: ProvisioningField = {
  field: 'provisioningState', running: 'Provisioning', succeeded: 'Succeeded', failed: 'Failed', onUpdate: true
}

/** The success codes an operation's swagger declares, which the `swagger` profile keeps to, and whether it is long-running. */
export interface DeclaredOperation {
  declared: readonly number[]
  longRunning: boolean
}

/** What a PUT's properties are rendered with, besides the definition. */
export interface RenderContext {
  /** Every name from the top of the provider down, as this PUT spells them: [hub], [hub, link], [hub, connector, mapping]. */
  names: readonly string[]
  /** The resource's own name. */
  name: string
  /** Minted when the resource is created and kept across updates. */
  guid: string
  /** The resource's properties before this PUT, in the stored shape; undefined on create. */
  previous: () => Json | undefined
  /** A new secret key: 32 random bytes, base64 (44 characters), as the service's keys are. */
  newKey: () => string
  /** Another resource of the same hub, as stored now (stored shape); undefined when there is none. */
  find: (type: ResourceType, name: string) => FoundResource | undefined
  /** Every resource of a type in the same hub (or under the same parent), in name order, stored shape. */
  list: (type: ResourceType) => FoundResource[]
}

/** A name one resource gives of another in its hub; `property` is its path in the stored shape (`targetEntityTypeName`). */
export interface Reference {
  property: string
  type: ResourceType
  name: string
}

/** One resource a query found, as the engine hands it to the code of a type: its name and properties, stored shape. */
export interface FoundResource {
  name: string
  properties: Json
}

/** What an action may look at and change: its hub's resources, and (for item actions) its own. */
export interface ActionContext {
  /** The names of the URL, from the hub down; an item action's last one is its resource's. */
  names: readonly string[]
  apiVersion: ApiVersion
  /** The validated body, in this version's shape; an empty object for actions without one. */
  body: Json
  /** The resource the action is on (item actions): its properties in the stored shape, with its provisioning state. */
  resource: (FoundResource & { guid: string }) | undefined
  /** Every resource of a type in the same hub, in name order, stored shape. */
  list: (type: ResourceType) => FoundResource[]
  /** Replaces the resource's properties (stored shape, without the state field), keeping its provisioning. */
  update: (properties: Json) => void
  /** What the service keeps of the resource beside its body and never shows in it (a prediction's model status). */
  hidden: () => Json | undefined
  setHidden: (hidden: Json) => void
  newKey: () => string
  /** The request's origin, for URLs the action answers with. */
  origin: string
  now: number
}

/** A POST on an item (`…/kpi/{name}/reprocess`) or on the collection (`…/hubs/{hub}/images/getDataImageUploadUrl`). */
export interface Action {
  name: string
  on: 'item' | 'collection'
  /** The success code the swagger declares. */
  status: number
  /** The body's schema per version; without, any body is ignored. */
  body?: Partial<Record<ApiVersion, TSchema>>
  bodyName?: string
  /** Whether it changes state: it then runs in a write transaction. */
  writes?: boolean
  /** The answer's body, JSON-serializable (`undefined` for none). Runs synchronously, inside the transaction when it writes. */
  handle: (context: ActionContext) => unknown
}

/** The properties a PUT shows: the definition (stored shape) with what the server adds, without the provisioning state. */
export type RenderProperties = (definition: Json, context: RenderContext) => Json

interface ResourceTypeBase {
  /** For messages: "link", "profile type". */
  kind: string
  /** The URL segment of the collection: `links`. */
  segment: string
  /** The URL parameter naming one resource: `linkName`. */
  nameParameter: string
  /** The type it lives under; null for a resource group's (hubs). */
  parent: ResourceType | null
  nameRule: NameRule
  /** Every api-version that serves the type, with its shape there. */
  versions: Partial<Record<ApiVersion, VersionShape>>
  /** Tracked resources have a location and tags beside their properties. */
  tracked?: boolean
  provisioning?: ProvisioningField | null
  delete?: DeclaredOperation | null
  /** PATCH merges a partial body into the resource (hubs). */
  patch?: boolean
  /** Whether its collection lists (GET …/{segment}). */
  list?: boolean
  /** Whether an item answers GET: by default when the type is written or catalogued (roles are only listed). */
  get?: boolean
  /** Query parameters its GET, DELETE and list require (not its PUT): a view's `userId`. */
  requiredQuery?: readonly string[]
  references?: (definition: Json) => Reference[]
  actions?: readonly Action[]
  /**
   * A read-only type's resources under a parent (its names: [hub]), the same in every hub: what its GET and list answer
   * (properties, stored shape). Such a type has no PUT and nothing stored.
   */
  catalogue?: (names: readonly string[]) => FoundResource[]
  /** How the provider's operations list names the type (DCIOperations_List: "App View"); by default its kind, capitalised. */
  display?: TypeDisplay
}

/** A type clients write: its PUT, and what the server adds to what they write. */
interface WrittenType {
  put: DeclaredOperation
  properties: RenderProperties
}

/** A type no client writes (a catalogue, images), so nothing to render. */
interface UnwrittenType {
  put?: null
  properties?: undefined
}

export type ResourceTypeSpec = ResourceTypeBase & (WrittenType | UnwrittenType)

export interface TypeDisplay {
  singular: string
  plural: string
}

/** A resource type as the engine serves it: the description, with what is derived from it once. */
export interface ResourceType extends Required<Omit<ResourceTypeBase, 'references' | 'actions' | 'catalogue'>> {
  put: DeclaredOperation | null
  properties: RenderProperties | undefined
  references: ((definition: Json) => Reference[]) | undefined
  actions: readonly Action[]
  catalogue: ((names: readonly string[]) => FoundResource[]) | undefined
  /** `Microsoft.CustomerInsights/hubs/links` */
  type: string
  /** As ARM's messages name it: `hubs/links`. */
  typePath: string
  /** The URL segment as stored keys hold it, lower-cased: `relationshiplinks`. */
  segmentKey: string
  /** This type and its ancestors, from the top down: [hubs], [hubs, links]. */
  lineage: readonly ResourceType[]
  /** The versions that serve it, newest first. */
  apiVersions: readonly ApiVersion[]
  /** Whether any version's shape differs from the stored one, so that a body written in one must be converted for another. */
  versionsDiffer: boolean
  /** For validation messages: "link definition". */
  bodyName: string
}

export function defineResourceType (spec: ResourceTypeSpec): ResourceType {
  const lineage: ResourceType[] = []
  const apiVersions = API_VERSIONS.filter((version) => spec.versions[version] !== undefined)
  if (apiVersions.length === 0) throw new Error(`The ${spec.kind} type has no api-version.`)
  const typePath = spec.parent === null ? spec.segment : `${spec.parent.typePath}/${spec.segment}`
  const singular = spec.kind.replace(/\b[a-z]/g, (letter) => letter.toUpperCase())
  const type: ResourceType = {
    tracked: false,
    provisioning: null,
    put: null,
    delete: null,
    patch: false,
    list: true,
    get: (spec.put ?? null) !== null || spec.catalogue !== undefined,
    requiredQuery: [],
    display: { singular, plural: `${singular}s` },
    ...spec,
    properties: spec.properties,
    references: spec.references,
    actions: spec.actions ?? [],
    catalogue: spec.catalogue,
    type: `${PROVIDER_NAMESPACE}/${typePath}`,
    typePath,
    segmentKey: spec.segment.toLowerCase(),
    lineage,
    apiVersions,
    versionsDiffer: apiVersions.some((version) => spec.versions[version]?.toStored !== undefined),
    bodyName: `${spec.kind} definition`
  }
  lineage.push(...(spec.parent?.lineage ?? []), type)
  return type
}
