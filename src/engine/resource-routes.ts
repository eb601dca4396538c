import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type, type TSchema } from '@sinclair/typebox'
import { subscriptionPrefix } from '../../db/keys.js'
import type { OperationStore, StoredOperation } from '../../db/operation-store.js'
import type { Identity, ResourceStore, StoredResource } from '../../db/resource-store.js'
import type { WriteBatcher } from '../../db/write-batcher.js'
import { resolveApiVersion, type ArmQuery, type ApiVersion } from '../arm/api-version.js'
import { normalizeBodyShape } from '../arm/body-shape.js'
import { JSON_CONTENT_TYPE } from '../arm/headers.js'
import { PROVIDER_NAMESPACE, guidFromHex, operationStatusUrl } from '../arm/ids.js'
import { originOf } from '../arm/origin.js'
import { nextLink, skipTokenOf } from '../arm/paging.js'
import {
  PROVISIONING_HEADER, provisioningSettingsFor, provisioningStateAt, retryAfterSeconds, startOperation
} from '../arm/provisioning.js'
import { rejectOtherMethods, syncHook } from '../arm/routing.js'
import {
  type ArmError, invalidResourceName, missingQueryParameter, operationNotFound, resourceInUse, resourceNotFound, validationFailed,
  type PropertyProblem
} from '../errors.js'
import { LocalizedStrings, type ProvisioningState } from '../schemas/common.js'
import { ProvisioningSettingsPatch } from '../schemas/emulator.js'
import type { Runtime } from '../settings.js'
import { collectionPrefix, displayName, keyOf, locationOf, relatedLocation, resourceIdOf, type ResourceLocation } from './location.js'
import { deleteAnswer, putAnswer, type Answer } from './profiles.js'
import { missingParent, missingReference, usersOf } from './references.js'
import { bodyIn, stateSuffixes, storedProperties, withState } from './rendering.js'
import type { ProvisioningSettings } from '../schemas/emulator.js'
import type {
  Action, ActionContext, DeclaredOperation, FoundResource, Json, RenderContext, RenderProperties, ResourceType, VersionShape
} from './resource-type.js'

export const RESOURCE_GROUP_URL = '/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName'
const PROVIDER_URL = `${RESOURCE_GROUP_URL}/providers/${PROVIDER_NAMESPACE}`

/** What the engine serves every resource type with: the registry of types, and storage. */
export interface EngineOptions {
  types: readonly ResourceType[]
  store: ResourceStore
  operations: OperationStore
  writes: WriteBatcher
  runtime: Runtime
}

type Params = Record<string, string>

export function itemUrlOf (type: ResourceType): string {
  return `${type.parent === null ? PROVIDER_URL : itemUrlOf(type.parent)}/${type.segment}/:${type.nameParameter}`
}

export function collectionUrlOf (type: ResourceType): string {
  return `${type.parent === null ? PROVIDER_URL : itemUrlOf(type.parent)}/${type.segment}`
}

/** The id a `Location` header names an operation by: the GUID's 32 hex digits. */
export function locationOperationId (id: string): string {
  return id.replaceAll('-', '')
}


/** The body a PUT of the type takes in a version: `{properties}`, with `location` and `tags` for a tracked type. */
function putBodySchema (type: ResourceType, shape: VersionShape): TSchema {
  if (!type.tracked) return Type.Object({ properties: shape.definition }, { additionalProperties: false })
  return Type.Object({
    location: Type.String(),
    tags: Type.Optional(LocalizedStrings),
    properties: Type.Optional(shape.definition)
  }, { additionalProperties: false })
}

/** A PATCH takes every part of a PUT's body as optional. */
function patchBodySchema (type: ResourceType, shape: VersionShape): TSchema {
  return Type.Partial(putBodySchema(type, shape) as ReturnType<typeof Type.Object>, { additionalProperties: false })
}

/** Fastify's shape of a body that failed validation, which the error handler renders as ARM's ValidationFailed. */
function validationError (errors: unknown): Error {
  return Object.assign(new Error('The body is invalid.'), { validation: errors, validationContext: 'body', statusCode: 400 })
}

/** Serves one resource type: PUT, GET, PATCH, DELETE, list and actions, as its description says. */
export async function resourceTypeRoutes (app: FastifyInstance, options: EngineOptions & { type: ResourceType }): Promise<void> {
  const { type, store, operations, writes, runtime, types } = options
  const itemUrl = itemUrlOf(type)
  const collectionUrl = collectionUrlOf(type)
  const suffixes = type.provisioning === null ? undefined : stateSuffixes(type.provisioning)
  const config = { bodyName: type.bodyName }
  const namePattern = type.nameRule.pattern === undefined ? undefined : new RegExp(type.nameRule.pattern)
  const putBodies = new Map(type.apiVersions.map((version) => [version, putBodySchema(type, type.versions[version] as VersionShape)]))
  const patchBodies = new Map(type.apiVersions.map((version) => [version, patchBodySchema(type, type.versions[version] as VersionShape)]))
  const strict = (): boolean => runtime.references === 'strict'

  const servedVersion = syncHook((request) => {
    request.apiVersion = resolveApiVersion(request.query as ArmQuery, type.apiVersions, type.typePath, runtime.apiVersionCheck)
  })

  // The swagger's required query parameters (a view's `userId`), checked after the api-version, as ARM would.
  const requiredQuery = type.requiredQuery.map((name) => name.toLowerCase())
  const checkQuery = syncHook((request) => {
    const query = request.query as Record<string, unknown>
    for (const [index, name] of requiredQuery.entries()) {
      const value = query[name]
      if (typeof value !== 'string' || value === '') throw missingQueryParameter(type.requiredQuery[index] as string)
    }
  })

  /** The required query parameters a list's next page needs as well: a view list's `userId`. */
  function keptQuery (request: FastifyRequest): Record<string, string | undefined> {
    const query = request.query as Record<string, unknown>
    return Object.fromEntries(type.requiredQuery.map((name) => [name, query[name.toLowerCase()] as string | undefined]))
  }

  // ARM checks the names in the URL before it reads the body.
  const checkName = syncHook((request) => {
    const name = (request.params as Params)[type.nameParameter] as string
    if (name.length > type.nameRule.maxLength || (namePattern !== undefined && !namePattern.test(name))) {
      throw invalidResourceName(type.nameParameter, name, type.nameRule)
    }
  })

  function validateBody (request: FastifyRequest, schemas: Map<ApiVersion, TSchema>): void {
    // Compiled once per route and version, by the app's validator: the schema is the single source of its rules.
    const validate = request.compileValidationSchema(schemas.get(request.apiVersion) as TSchema, 'body')
    if (!validate(request.body)) throw validationError(validate.errors)
  }

  const validatePut = syncHook((request) => {
    if (!type.tracked) {
      const conflicts = normalizeBodyShape(request, type.versions[request.apiVersion]?.translateFlatFields)
      if (conflicts.length > 0) throw validationFailed(type.bodyName, conflicts as [PropertyProblem, ...PropertyProblem[]])
    }
    validateBody(request, putBodies)
  })

  function notFound (location: ResourceLocation): ArmError {
    return resourceNotFound(`${PROVIDER_NAMESPACE}/${type.lineage.map((level, index) => `${level.segment}/${location.names[index] as string}`).join('/')}`,
      location.resourceGroupName)
  }

  /** A stored resource as a read in the request's version shows it now, and its operation as that read leaves it. */
  function shown (stored: StoredResource, version: ApiVersion, now: number, operation = stored.operation): string {
    return shownIn(stored, version, operation === null ? undefined : provisioningStateAt(operation, now))
  }

  /** A stored resource in a version, with its provisioning state (undefined for a type without one). */
  function shownIn (stored: StoredResource, version: ApiVersion, state: ProvisioningState | undefined): string {
    const body = suffixes === undefined || state === undefined ? stored.body : withState(stored.body, suffixes, state)
    return bodyIn(type, body, stored.apiVersion, version)
  }

  function render (location: ResourceLocation, version: ApiVersion, definition: Json, tracked: Json, identity: Identity): string {
    const context: RenderContext = {
      names: location.names,
      name: location.names.at(-1) as string,
      guid: identity.guid,
      previous: () => {
        const previous = identity.previous()
        return previous === undefined ? undefined : storedProperties(type, previous.body, previous.apiVersion)
      },
      newKey: runtime.newKey,
      find: (other, name) => {
        const stored = store.get(keyOf(other, relatedLocation(location, other, name)))
        return stored === undefined ? undefined : foundResource(stored, runtime.now(), other)
      },
      list: (other) => listOf(other, location, runtime.now())
    }
    // Only a type with a PUT renders, and such a type says what it adds (ResourceTypeSpec).
    return renderWith(location, version, (type.properties as RenderProperties)(definition, context), tracked)
  }

  /** The stored body of a resource with these properties (stored shape, without the state), in the version's shape. */
  function renderWith (location: ResourceLocation, version: ApiVersion, properties: Json, tracked: Json): string {
    const inVersion = propertiesIn(version, properties)
    const envelope = { id: resourceIdOf(type, location), name: displayName(location), type: type.type }
    return JSON.stringify(type.tracked ? { ...envelope, ...tracked, properties: inVersion } : { ...envelope, properties: inVersion })
  }

  /** Properties (stored shape, changed in place) as a body in the version holds them. */
  function propertiesIn (version: ApiVersion, properties: Json): Json {
    // The state is written as running and last, so that reads swap in the state of the moment (see withState).
    if (type.provisioning !== null) properties[type.provisioning.field] = type.provisioning.running
    return type.versions[version]?.fromStored?.(properties) ?? properties
  }

  /** The provisioning settings of a PUT: the emulator's, or with what its `x-emulator-provisioning` header says. */
  function settingsOf (request: FastifyRequest): ProvisioningSettings {
    const header = request.headers[PROVISIONING_HEADER]
    // The header's validator is compiled (once per route) only when a PUT brings one.
    return header === undefined
      ? runtime.provisioning
      : provisioningSettingsFor(header, runtime.provisioning, request.compileValidationSchema(ProvisioningSettingsPatch))
  }

  /** The `Location` a client polls under the `service` profile: the resource's own operations, or a hub's operation results. */
  function pollingUrl (request: FastifyRequest, location: ResourceLocation, operationId: string): string {
    const id = resourceIdOf(type, location, encodeURIComponent)
    const path = type.parent === null ? `operationresults/${operationId}` : `operations/${locationOperationId(operationId)}`
    return `${originOf(request)}${id}/${path}?api-version=${request.apiVersion}`
  }

  /** Writes a resource as a PUT defines it (a PATCH, merged into the stored one first), and answers as the profile says. */
  async function write (request: FastifyRequest, reply: FastifyReply, body: Json): Promise<FastifyReply> {
    const location = locationOf(type, request.params as Params)
    const version = request.apiVersion
    const shape = type.versions[version] as VersionShape
    const properties = (body.properties ?? {}) as Json
    const definition = shape.toStored?.(properties) ?? properties
    const tracked = type.tracked ? { location: body.location, tags: body.tags ?? {} } : {}
    const now = runtime.now()
    const provisioning = type.provisioning
    const settings = provisioning === null ? runtime.provisioning : settingsOf(request)
    // Ids are drawn before the write, which may run twice (see WriteBatcher) and must do the same both times.
    const operationId = runtime.newOperationId()
    const guid = runtime.newId()
    let started: StoredOperation | null = null
    const operation = provisioning === null ? () => null : (created: boolean) => {
      started = created || provisioning.onUpdate
        ? startOperation(operationId, location.subscriptionId, resourceIdOf(type, location), now, settings)
        : null
      return started
    }
    const outcome = await writes.run(() => {
      if (strict()) {
        const refusal = missingParent(store, type, location) ?? missingReference(store, type, location, definition, version, request.bodyShape)
        if (refusal !== undefined) return refusal
      }
      return store.put({
        key: keyOf(type, location),
        type: type.type,
        tracked: type.tracked,
        subscriptionId: location.subscriptionId,
        apiVersion: version,
        guid,
        now,
        operation,
        render: (identity) => render(location, version, definition, tracked, identity)
      })
    })
    if (!('created' in outcome)) throw outcome
    const { created, resource } = outcome
    // Only a type with a PUT is written.
    const answer = putAnswer(runtime.profile, type.put as DeclaredOperation, created)
    void reply.code(answer.status).header('content-type', JSON_CONTENT_TYPE)
    const operationStarted = started as StoredOperation | null
    if (operationStarted === null) return await reply.send(shown(resource, version, now))
    trackOperation(request, reply, answer, location, operationStarted, now)
    return await reply.send(resource.body)
  }

  function trackOperation (request: FastifyRequest, reply: FastifyReply, answer: Answer, location: ResourceLocation, operation: StoredOperation, now: number): void {
    if (answer.tracking === 'none') return
    if (answer.tracking === 'azure-async-operation') {
      void reply.header('azure-asyncoperation', operationStatusUrl(originOf(request), location.subscriptionId, operation.id, request.apiVersion))
    } else {
      void reply.header('location', pollingUrl(request, location, operation.id))
    }
    // A poller waits what Retry-After says before its next poll: the time left, in whole seconds.
    void reply.header('retry-after', String(retryAfterSeconds(operation, now)))
  }

  async function createOrUpdate (request: FastifyRequest, reply: FastifyReply) {
    return await write(request, reply, request.body as Json)
  }

  async function update (request: FastifyRequest, reply: FastifyReply) {
    const location = locationOf(type, request.params as Params)
    const stored = store.get(keyOf(type, location))
    if (stored === undefined) throw notFound(location)
    const patch = request.body as Json
    const current = JSON.parse(stored.body) as Json
    const properties = { ...storedProperties(type, stored.body, stored.apiVersion), ...(patch.properties as Json | undefined) }
    const version = type.versions[request.apiVersion]?.fromStored?.(properties) ?? properties
    return await write(request, reply, { location: current.location, tags: current.tags, ...patch, properties: version })
  }

  async function get (request: FastifyRequest, reply: FastifyReply) {
    const location = locationOf(type, request.params as Params)
    if (strict()) {
      const refusal = missingParent(store, type, location)
      if (refusal !== undefined) throw refusal
    }
    if (type.catalogue !== undefined) {
      const name = (location.names.at(-1) as string).toLowerCase()
      const found = type.catalogue(location.names.slice(0, -1)).find((entry) => entry.name.toLowerCase() === name)
      if (found === undefined) throw notFound(location)
      return await reply.header('content-type', JSON_CONTENT_TYPE)
        .send(renderWith(relatedLocation(location, type, found.name), request.apiVersion, { ...found.properties }, {}))
    }
    const stored = store.get(keyOf(type, location))
    if (stored === undefined) throw notFound(location)
    const now = runtime.now()
    const operation = stored.operation === null ? null : operations.read(stored.operation, now)
    const state = operation === null ? undefined : provisioningStateAt(operation, now)
    // A poller that follows the resource itself (an SDK's "body" mode) waits what Retry-After says.
    if (state === 'Provisioning') void reply.header('retry-after', String(retryAfterSeconds(operation as StoredOperation, now)))
    return await reply.header('content-type', JSON_CONTENT_TYPE).send(shownIn(stored, request.apiVersion, state))
  }

  async function remove (request: FastifyRequest, reply: FastifyReply) {
    const location = locationOf(type, request.params as Params)
    const key = keyOf(type, location)
    const version = request.apiVersion
    const now = runtime.now()
    const operationId = runtime.newOperationId()
    const outcome = await writes.run((): ArmError | Answer => {
      if (strict()) {
        const refusal = missingParent(store, type, location)
        if (refusal !== undefined) return refusal
        const users = store.typeAt(key) === undefined ? [] : usersOf(store, types, type, location)
        if (users.length > 0) return resourceInUse(type.kind, location.names.at(-1) as string, users)
      }
      const last = runtime.profile === 'service' ? store.get(key) : undefined
      const existed = store.deleteTree(key) > 0
      // Only a type with a DELETE is deleted.
      const answer = deleteAnswer(runtime.profile, type.delete as DeclaredOperation, existed)
      if (answer.tracking === 'location') {
        // A delete takes effect at once; polling it answers what the resource last was (a hub's: nothing).
        const result = type.parent === null || last === undefined ? null : shown(last, version, now)
        operations.insert({
          id: operationId, kind: 'delete', subscriptionId: location.subscriptionId, resourceId: resourceIdOf(type, location),
          startedAt: now, completesAt: now, readsRemaining: null, outcome: 'Succeeded', error: null
        }, result)
      }
      return answer
    })
    if (!('status' in outcome)) throw outcome
    void reply.code(outcome.status)
    if (outcome.tracking !== 'location') return await reply.send()
    void reply.header('location', pollingUrl(request, location, operationId)).header('retry-after', '0')
    // The service answered a hub's delete with no body, and a hub child's with the JSON `null`.
    if (type.parent === null) return await reply.send()
    return await reply.header('content-type', JSON_CONTENT_TYPE).send('null')
  }

  async function list (request: FastifyRequest, reply: FastifyReply) {
    const location = collectionLocationOf(request)
    const version = request.apiVersion
    if (strict()) {
      const refusal = missingParent(store, type, location)
      if (refusal !== undefined) throw refusal
    }
    if (type.catalogue !== undefined) {
      const value = type.catalogue(location.names.slice(0, -1))
        .map((entry) => renderWith(relatedLocation(location, type, entry.name), version, { ...entry.properties }, {}))
      return await reply.header('content-type', JSON_CONTENT_TYPE).send(`{"value":[${value.join(',')}]}`)
    }
    const prefix = collectionPrefix(type, location)
    const page = store.page(prefix, type.type, skipTokenOf(request), runtime.pageSize + 1)
    return await sendPage(request, reply, page)
  }

  /** A collection's URL names no item of it: its location is an item's without a name, whose parent is the one to find. */
  function collectionLocationOf (request: FastifyRequest): ResourceLocation {
    return relatedLocation(locationOf(type, request.params as Params), type, '')
  }

  async function sendPage (request: FastifyRequest, reply: FastifyReply, items: StoredResource[]) {
    const page = items.slice(0, runtime.pageSize)
    const now = runtime.now()
    const value = page.map((stored) => shown(stored, request.apiVersion, now)).join(',')
    const last = page.at(-1)
    const more = items.length > page.length && last !== undefined
      ? `,"nextLink":${JSON.stringify(nextLink(request, last.key, request.apiVersion, keptQuery(request)))}`
      : ''
    return await reply.header('content-type', JSON_CONTENT_TYPE).send(`{"value":[${value}]${more}}`)
  }

  /** The hubs of a resource group, or of a whole subscription: tracked resources, listed through their own index. */
  async function listTracked (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId = '', resourceGroupName } = request.params as Params
    const prefix = resourceGroupName === undefined
      ? subscriptionPrefix(subscriptionId)
      : collectionPrefix(type, { subscriptionId, resourceGroupName, names: [''] })
    return await sendPage(request, reply, store.trackedPage(prefix, type.type, skipTokenOf(request), runtime.pageSize + 1))
  }

  /** A `Location` of the `service` profile: 202 and the resource while it provisions, 200 once done; a delete's last body. */
  async function pollOperation (request: FastifyRequest, reply: FastifyReply) {
    const params = request.params as Params
    const location = locationOf(type, params)
    const requested = params.operationId as string
    const found = findOperation(location, type.parent === null ? requested : guidFromHex(requested), requested)
    if (found.kind === 'delete') {
      const result = operations.resultOf(found)
      if (result === null) return await reply.send()
      return await reply.header('content-type', JSON_CONTENT_TYPE).send(result)
    }
    const now = runtime.now()
    const operation = operations.read(found, now)
    const stored = store.get(keyOf(type, location))
    if (stored === undefined) throw notFound(location)
    const running = provisioningStateAt(operation, now) === 'Provisioning'
    if (running) {
      void reply.code(202).header('location', `${originOf(request)}${request.url}`)
        .header('retry-after', String(retryAfterSeconds(operation, now)))
    }
    return await reply.header('content-type', JSON_CONTENT_TYPE).send(shown(stored, request.apiVersion, now, operation))
  }

  /** The operation a polling URL names, if it is this resource's. */
  function findOperation (location: ResourceLocation, operationId: string | undefined, requested: string): StoredOperation {
    const operation = operationId === undefined ? undefined : operations.get(location.subscriptionId, operationId)
    if (operation === undefined || operation.resourceId.toLowerCase() !== resourceIdOf(type, location).toLowerCase()) {
      throw operationNotFound(requested)
    }
    return operation
  }

  /** Every resource of a type beside a location (under the same hub, or parent), in name order: catalogued or stored. */
  function listOf (listed: ResourceType, location: ResourceLocation, now: number): FoundResource[] {
    const at = relatedLocation(location, listed, '')
    return listed.catalogue?.(at.names.slice(0, 1)) ??
      store.ofType(collectionPrefix(listed, at), listed.type).map((entry) => foundResource(entry, now, listed))
  }

  async function runAction (action: Action, request: FastifyRequest, reply: FastifyReply) {
    const location = action.on === 'item' ? locationOf(type, request.params as Params) : collectionLocationOf(request)
    const now = runtime.now()
    const key = keyOf(type, location)
    const act = () => {
      if (strict()) {
        const refusal = missingParent(store, type, location)
        if (refusal !== undefined) return refusal
      }
      const stored = action.on === 'item' ? store.get(key) : undefined
      if (action.on === 'item' && stored === undefined) return notFound(location)
      const context: ActionContext = {
        names: action.on === 'item' ? location.names : location.names.slice(0, -1),
        apiVersion: request.apiVersion,
        body: (request.body ?? {}) as Json,
        resource: stored === undefined ? undefined : { ...foundResource(stored, now), guid: stored.guid },
        list: (listed) => listOf(listed, location, now),
        update: (properties) => {
          // An action changes what a resource holds, not what it is called: its envelope stays as its latest PUT wrote it.
          const resource = JSON.parse((stored as StoredResource).body) as Json
          resource.properties = propertiesIn(request.apiVersion, { ...properties })
          store.replaceBody(key, JSON.stringify(resource), request.apiVersion, now)
        },
        hidden: () => {
          const hidden = store.hiddenOf(key)
          return hidden === undefined ? undefined : JSON.parse(hidden) as Json
        },
        setHidden: (hidden) => { store.setHidden(key, JSON.stringify(hidden)) },
        newKey: runtime.newKey,
        origin: originOf(request),
        now
      }
      return { result: action.handle(context) }
    }
    const outcome = action.writes === true ? await writes.run(act) : act()
    if (!('result' in outcome)) throw outcome
    void reply.code(action.status)
    if (outcome.result === undefined) return await reply.send()
    return await reply.header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify(outcome.result))
  }

  function foundResource (stored: StoredResource, now: number, of: ResourceType = type): FoundResource {
    const { name, properties } = JSON.parse(stored.body) as { name: string, properties: Json }
    const inStoredShape = of.versions[stored.apiVersion]?.toStored?.(properties) ?? properties
    if (of.provisioning !== null && stored.operation !== null) {
      const state = provisioningStateAt(stored.operation, now)
      inStoredShape[of.provisioning.field] = state === 'Provisioning' ? of.provisioning.running : state === 'Succeeded' ? of.provisioning.succeeded : of.provisioning.failed
    }
    return { name: name.split('/').at(-1) as string, properties: inStoredShape }
  }

  const versionHooks = [servedVersion]
  // Only a type with required query parameters pays for their check.
  const readHooks = requiredQuery.length === 0 ? versionHooks : [servedVersion, checkQuery]
  const itemMethods: string[] = []
  if (type.get) {
    itemMethods.push('GET')
    app.route({ method: 'GET', url: itemUrl, onRequest: readHooks, handler: get })
  }
  if (type.put !== null) {
    itemMethods.push('PUT')
    app.route({ method: 'PUT', url: itemUrl, config, onRequest: [servedVersion, checkName], preValidation: validatePut, handler: createOrUpdate })
  }
  if (type.patch) {
    itemMethods.push('PATCH')
    app.route({
      method: 'PATCH', url: itemUrl, config, onRequest: versionHooks,
      preValidation: syncHook((request) => { validateBody(request, patchBodies) }),
      handler: update
    })
  }
  if (type.delete !== null) {
    itemMethods.push('DELETE')
    app.route({ method: 'DELETE', url: itemUrl, onRequest: readHooks, handler: remove })
  }
  if (itemMethods.length > 0) rejectOtherMethods(app, itemUrl, itemMethods)
  if (type.list) {
    app.route({ method: 'GET', url: collectionUrl, onRequest: readHooks, handler: type.tracked ? listTracked : list })
    rejectOtherMethods(app, collectionUrl, ['GET'])
  }
  if (type.tracked) {
    // Hubs are also listed across a whole subscription.
    const subscriptionUrl = `/subscriptions/:subscriptionId/providers/${PROVIDER_NAMESPACE}/${type.segment}`
    app.route({ method: 'GET', url: subscriptionUrl, onRequest: versionHooks, handler: listTracked })
    rejectOtherMethods(app, subscriptionUrl, ['GET'])
  }
  const polled = type.put?.longRunning === true || type.delete?.declared.includes(202) === true
  if (polled) {
    const pollUrl = `${itemUrl}/${type.parent === null ? 'operationresults' : 'operations'}/:operationId`
    app.route({ method: 'GET', url: pollUrl, onRequest: versionHooks, handler: pollOperation })
    rejectOtherMethods(app, pollUrl, ['GET'])
  }
  for (const action of type.actions) {
    const url = `${action.on === 'item' ? itemUrl : collectionUrl}/${action.name}`
    const bodies = new Map(Object.entries(action.body ?? {}) as [ApiVersion, TSchema][])
    app.route({
      method: 'POST',
      url,
      config: { bodyName: action.bodyName ?? `${action.name} request` },
      onRequest: versionHooks,
      preValidation: syncHook((request) => { if (bodies.size > 0) validateBody(request, bodies) }),
      handler: async (request, reply) => await runAction(action, request, reply)
    })
    rejectOtherMethods(app, url, ['POST'])
  }
}

/** Every type of the registry, each served by the same engine. */
export async function resourceProviderRoutes (app: FastifyInstance, options: EngineOptions): Promise<void> {
  for (const type of options.types) await resourceTypeRoutes(app, { ...options, type })
}
