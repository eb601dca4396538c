import t, { type Test } from 'tap'
import { API_VERSIONS, type ApiVersion } from '../src/arm/api-version.js'
import { keyOf } from '../src/engine/location.js'
import { collectionUrlOf, itemUrlOf } from '../src/engine/resource-routes.js'
import type { Json, ResourceType } from '../src/engine/resource-type.js'
import type { Profile, ReferenceMode } from '../src/settings.js'
import { RESOURCE_TYPES } from '../routes/registry.js'
import { PROVIDER_OPERATIONS_URL } from '../routes/provider-operations.js'
import { HUB, RESOURCE_GROUP, SUBSCRIPTION, buildTestApp, type TestApp } from './helpers/app.js'
import { swaggerDocument, swaggerExample, swaggerExampleNames, type SwaggerExample } from './helpers/published.js'
import { storageWithResourceGroup } from './helpers/strict.js'

interface SwaggerParameter {
  name: string
  in: 'path' | 'query' | 'body'
  $ref?: string
}

/** One operation of a published swagger, with the examples it names that are kept here. */
interface Operation {
  version: ApiVersion
  operationId: string
  method: string
  path: string
  parameters: SwaggerParameter[]
  declared: number[]
  examples: string[]
  /** The resource type the operation is on, and whether on an item (with its action) or the collection. */
  type: ResourceType | undefined
  on: 'item' | 'collection' | 'provider'
  action: string | undefined
}

/** Every example's names are moved to one subscription, resource group and hub, so that what one creates, others find. */
const REWRITTEN: Readonly<Record<string, string>> = { subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP, hubName: HUB }

/** A URL template with its parameters made alike: Fastify's `:name` and the swagger's `{name}`. */
function shapeOf (template: string): string {
  return template.replace(/\{[^}]+\}|:[^/]+/g, '{}').toLowerCase()
}

function operationsOf (version: ApiVersion): Operation[] {
  const document = swaggerDocument(version) as {
    paths: Record<string, Record<string, {
      operationId: string, parameters?: SwaggerParameter[], responses: Record<string, unknown>, 'x-ms-examples'?: Record<string, { $ref: string }>
    }>>
    parameters: Record<string, SwaggerParameter>
  }
  const kept = new Set(swaggerExampleNames(version))
  const typed = RESOURCE_TYPES.flatMap((type) => [
    { shape: shapeOf(itemUrlOf(type)), type, on: 'item' as const },
    { shape: shapeOf(collectionUrlOf(type)), type, on: 'collection' as const }
  ])
  return Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => {
    const shape = shapeOf(path)
    const exact = typed.find((candidate) => candidate.shape === shape)
    // An action's path is its item's or its collection's and one segment more: the longest that matches is its own.
    const action = exact === undefined
      ? typed.filter((candidate) => shape.startsWith(`${candidate.shape}/`)).sort((a, b) => b.shape.length - a.shape.length)[0]
      : undefined
    const where = exact ?? action
    return {
      version,
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      parameters: (operation.parameters ?? []).map((parameter) => parameter.$ref === undefined
        ? parameter
        : document.parameters[parameter.$ref.split('/').at(-1) as string] as SwaggerParameter),
      declared: Object.keys(operation.responses).map(Number),
      examples: Object.values(operation['x-ms-examples'] ?? {}).map(({ $ref }) => ($ref.split('/').at(-1) as string).replace(/\.json$/, ''))
        .filter((name) => kept.has(name)),
      type: where?.type,
      on: where?.on ?? 'provider',
      action: action === undefined ? undefined : path.split('/').at(-1)
    }
  }))
}

const OPERATIONS = API_VERSIONS.flatMap(operationsOf)

/** The request an example makes: its method and path, its query and body, with the names rewritten. */
function requestOf (operation: Operation, example: SwaggerExample) {
  const parameters = { ...example.parameters, ...REWRITTEN }
  const value = (name: string) => String(parameters[name])
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(value(name)))
  const query = new URLSearchParams()
  let body: unknown
  for (const parameter of operation.parameters) {
    if (parameter.name === 'api-version') query.set('api-version', operation.version)
    else if (parameter.in === 'query' && parameters[parameter.name] !== undefined) query.set(parameter.name, value(parameter.name))
    else if (parameter.in === 'body') body = parameters[parameter.name]
  }
  return { method: operation.method as 'GET', url: `${path}?${query.toString()}`, payload: body as Json | undefined, names: parameters }
}

/** The names of the resource an operation on an item is about, from the hub down. */
function namesOf (type: ResourceType, parameters: Record<string, unknown>): string[] {
  return type.lineage.map((level) => String(parameters[level.nameParameter]))
}

/** The published example that creates a resource of the type, in the version asked for if there is one. */
function creationOf (type: ResourceType, version: ApiVersion): { operation: Operation, example: SwaggerExample } {
  const creations = OPERATIONS.filter((operation) => operation.type === type && operation.on === 'item' && operation.action === undefined &&
    operation.method === 'PUT' && operation.examples.length > 0)
  const operation = (creations.find((candidate) => candidate.version === version) ?? creations[0]) as Operation
  return { operation, example: swaggerExample(operation.examples[0] as string, operation.version) }
}

/** What the published operations that create resources must be answered with, as the profile says. */
function acceptable (operation: Operation, profile: Profile): number[] {
  // The documented exceptions: the default profile's 201 on create and 204 on deleting nothing.
  if (profile !== 'default') return operation.declared
  return [...operation.declared, ...(operation.method === 'PUT' ? [201] : []), ...(operation.method === 'DELETE' ? [204] : [])]
}

/** Replays every published example, making first what it needs: its hub, the resource it is about, the types it names. */
async function replay (t: Test, profile: Profile, references: ReferenceMode): Promise<void> {
  const { app, request }: TestApp = await buildTestApp(t, {
    profile,
    references,
    ...(references === 'strict' ? { storage: storageWithResourceGroup(t) } : {})
  })
  const location = (names: string[]) => ({ subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP, names })
  const exists = (type: ResourceType, names: string[]) => app.stores.resources.typeAt(keyOf(type, location(names))) === type.type

  /** Creates a resource from its type's published creation, with what it needs before it. */
  async function ensure (type: ResourceType, names: string[], version: ApiVersion): Promise<void> {
    if (type.catalogue !== undefined || exists(type, names)) return
    if (type.parent !== null) await ensure(type.parent, names.slice(0, -1), version)
    const { operation, example } = creationOf(type, version)
    const names2 = Object.fromEntries(type.lineage.map((level, index) => [level.nameParameter, names[index]]))
    const made = requestOf(operation, { ...example, parameters: { ...example.parameters, ...names2 } })
    await ensureReferences(operation, made.payload, names[0] as string)
    const response = await request(made)
    t.ok(response.statusCode < 300, `${operation.operationId} makes ${type.kind} '${names.join('/')}' for what needs it: ${response.body}`)
  }

  /** Under strict references, the types a definition names are made first. */
  async function ensureReferences (operation: Operation, body: Json | undefined, hub: string): Promise<void> {
    const type = operation.type as ResourceType
    if (references !== 'strict' || type.references === undefined) return
    const properties = (body?.properties ?? {}) as Json
    const definition = type.versions[operation.version]?.toStored?.(properties) ?? properties
    for (const reference of type.references(definition)) await ensure(reference.type, [hub, reference.name], operation.version)
  }

  const phase = (operation: Operation) => operation.method === 'PUT' ? 0 : operation.method === 'DELETE' ? 2 : 1
  const rank = (operation: Operation) => {
    const index = RESOURCE_TYPES.indexOf(operation.type as ResourceType)
    // Deletes go children and users first, hubs last.
    return phase(operation) === 2 ? -index : index
  }
  const ordered = OPERATIONS.filter((operation) => operation.examples.length > 0)
    .sort((a, b) => phase(a) - phase(b) || rank(a) - rank(b))
  let replayed = 0
  for (const operation of ordered) {
    for (const name of operation.examples) {
      const made = requestOf(operation, swaggerExample(name, operation.version))
      const type = operation.type
      if (type !== undefined && operation.on === 'item') {
        if (operation.method === 'PUT') {
          if (type.parent !== null) await ensure(type.parent, namesOf(type.parent, made.names), operation.version)
          await ensureReferences(operation, made.payload, HUB)
        } else {
          await ensure(type, namesOf(type, made.names), operation.version)
        }
      } else if (type?.parent != null) {
        await ensure(type.parent, namesOf(type.parent, made.names), operation.version)
      }
      const response = await request(made)
      t.ok(acceptable(operation, profile).includes(response.statusCode),
        `${operation.version} ${name} (${operation.operationId}): ${response.statusCode} is a status it declares ${response.body.slice(0, 300)}`)
      replayed++
    }
  }
  t.equal(replayed, swaggerExampleNames('2017-04-26').length + swaggerExampleNames('2017-01-01').length, 'every published example kept here')
}

t.test('every operation of both swaggers is served: each is routed, to a resource type of the registry or the provider', async (t) => {
  t.equal(OPERATIONS.filter((operation) => operation.version === '2017-04-26').length, 66)
  t.equal(OPERATIONS.filter((operation) => operation.version === '2017-01-01').length, 59)
  for (const operation of OPERATIONS) {
    if (operation.on === 'provider') {
      t.ok([PROVIDER_OPERATIONS_URL, '/subscriptions/{subscriptionId}/providers/Microsoft.CustomerInsights/hubs'].includes(operation.path), operation.operationId)
    } else {
      t.ok(operation.type?.apiVersions.includes(operation.version), `${operation.version} ${operation.operationId} is on ${String(operation.type?.typePath)}`)
    }
  }
})

for (const [profile, references] of [['default', 'implicit'], ['swagger', 'strict'], ['service', 'strict']] as const) {
  t.test(`every published example, replayed under the ${profile} profile with ${references} references, answers a status its operation declares`, async (t) => {
    await replay(t, profile, references)
  })
}
