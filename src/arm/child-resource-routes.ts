import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TSchema } from '@sinclair/typebox'
import type { OperationStore } from '../../db/operation-store.js'
import type { ResourceStore } from '../../db/resource-store.js'
import type { WriteBatcher } from '../../db/write-batcher.js'
import { invalidResourceName, resourceNotFound, validationFailed, type PropertyProblem } from '../errors.js'
import { CHILD_NAME_MAX_LENGTH, CHILD_NAME_PATTERN, type ProvisioningState } from '../schemas/common.js'
import { ProvisioningSettingsPatch } from '../schemas/emulator.js'
import type { Runtime } from '../settings.js'
import { API_VERSION, apiVersionHooks } from './api-version.js'
import { normalizeBodyShape, type FlatFieldTranslation } from './body-shape.js'
import { JSON_CONTENT_TYPE } from './headers.js'
import { parentHubOf } from './hubs.js'
import { PROVIDER_NAMESPACE, childResourceId, operationStatusUrl, type HubScope } from './ids.js'
import { nextLink, skipTokenOf } from './paging.js'
import { PROVISIONING_HEADER, provisioningSettingsFor, provisioningStateAt, retryAfterSeconds, startOperation } from './provisioning.js'
import { rejectOtherMethods, syncHook } from './routing.js'

export const HUB_URL = `/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/${PROVIDER_NAMESPACE}/hubs/:hubName`

/** What distinguishes one child resource type of a hub from another; the routes are the same for all. */
export interface ChildResourceType<D> {
  /** For messages: "link", "relationship link". */
  kind: string
  /** The ARM type, `Microsoft.CustomerInsights/hubs/links`. */
  type: string
  /** The URL segment of the collection, `links`. */
  collection: string
  /** The URL parameter naming one resource, `linkName`. */
  nameParameter: string
  schemas: { putParams: TSchema, putBody: TSchema }
  /** Older field names the flat body shape may use. */
  translateFlatFields?: FlatFieldTranslation
  /** A new object: the definition with the type's own read-only and defaulted properties added; `guid` is the resource's. */
  properties: (definition: D, guid: string) => Record<string, unknown>
}

export interface ChildResourceRoutesOptions<D> {
  resourceType: ChildResourceType<D>
  store: ResourceStore
  operations: OperationStore
  writes: WriteBatcher
  runtime: Runtime
}

type ChildParams = HubScope & Record<string, string>

/** A stored resource's body ends with its provisioning state, "Provisioning" as its PUT answered it. */
const PROVISIONING_SUFFIX = '"provisioningState":"Provisioning"}}'
const STATE_SUFFIXES: Record<ProvisioningState, string> = {
  Provisioning: PROVISIONING_SUFFIX,
  Succeeded: '"provisioningState":"Succeeded"}}',
  Failed: '"provisioningState":"Failed"}}'
}

/** A stored resource as ARM shows it now: its stored body with the provisioning state of the moment. */
export function withProvisioningState (body: string, state: ProvisioningState): string {
  return state === 'Provisioning' ? body : `${body.slice(0, -PROVISIONING_SUFFIX.length)}${STATE_SUFFIXES[state]}`
}

export type StoredResourceLister = (subscriptionId: string | undefined, now: number) => unknown[]

/** Lists every stored resource of a type, as ARM shows it: what the control endpoints report. */
export function storedResourceLister (store: ResourceStore): StoredResourceLister {
  return (subscriptionId, now) => store.listAll(subscriptionId)
    .map((stored) => JSON.parse(withProvisioningState(stored.body, provisioningStateAt(stored.operation, now))) as unknown)
}

/**
 * The ARM envelope of a resource a PUT has just defined, still provisioning, as JSON: what the PUT answers and what
 * is stored. The definition has been through the body schema, which drops unknown and read-only fields, so
 * provisioningState, written last, is the last member of the last object.
 */
export function renderResource<D> (resourceType: ChildResourceType<D>, scope: HubScope, name: string, definition: D, guid: string): string {
  // The type's properties are a new object: adding to it costs far less than spreading it into another.
  const properties = resourceType.properties(definition, guid)
  properties.tenantId = scope.hubName.toLowerCase()
  properties.linkName = name
  properties.provisioningState = 'Provisioning'
  return JSON.stringify({ id: childResourceId(scope, resourceType.collection, name), name: `${scope.hubName}/${name}`, type: resourceType.type, properties })
}

/** PUT, GET, DELETE and list of one child resource type of a hub, as the ARM RPC and the swagger describe them. */
export async function childResourceRoutes<D> (app: FastifyInstance, options: ChildResourceRoutesOptions<D>): Promise<void> {
  const { resourceType, store, operations, writes, runtime } = options
  const { schemas, nameParameter } = resourceType
  const collectionUrl = `${HUB_URL}/${resourceType.collection}`
  const itemUrl = `${collectionUrl}/:${nameParameter}`
  const armHooks = apiVersionHooks(runtime.apiVersionCheck)
  const config = { bodyName: `${resourceType.kind} definition` }

  function nameOf (request: FastifyRequest): string {
    return String((request.params as ChildParams)[nameParameter])
  }

  function notFound (scope: HubScope, name: string): Error {
    return resourceNotFound(`${PROVIDER_NAMESPACE}/hubs/${scope.hubName}/${resourceType.collection}/${name}`, scope.resourceGroupName)
  }

  // ARM checks the names in the URL before it reads the body.
  function checkResourceName (request: FastifyRequest): void {
    // The route's own compiled params schema: the same rule Fastify's validation applies afterwards.
    const paramsAreValid = request.getValidationFunction('params') as (params: unknown) => boolean
    if (!paramsAreValid(request.params)) {
      throw invalidResourceName(nameParameter, nameOf(request), CHILD_NAME_PATTERN, CHILD_NAME_MAX_LENGTH)
    }
  }

  function acceptBothBodyShapes (request: FastifyRequest): void {
    const conflicts = normalizeBodyShape(request, resourceType.translateFlatFields)
    if (conflicts.length > 0) throw validationFailed(config.bodyName, conflicts as [PropertyProblem, ...PropertyProblem[]])
  }

  async function createOrUpdate (request: FastifyRequest, reply: FastifyReply) {
    const scope = parentHubOf(request.params as ChildParams)
    const name = nameOf(request)
    const now = runtime.now()
    const header = request.headers[PROVISIONING_HEADER]
    // The header's validator is compiled (once per route) only when a PUT brings one.
    const settings = header === undefined
      ? runtime.provisioning
      : provisioningSettingsFor(header, runtime.provisioning, request.compileValidationSchema(ProvisioningSettingsPatch))
    const operation = startOperation(runtime.newOperationId(), scope.subscriptionId,
      childResourceId(scope, resourceType.collection, name), now, settings)
    const definition = (request.body as { properties: D }).properties
    const render = (guid: string) => renderResource(resourceType, scope, name, definition, guid)
    const { created, resource } = await writes.run(() => store.put({ scope, name, guid: runtime.newId(), operation, now, render }))
    const statusUrl = operationStatusUrl(`${request.protocol}://${request.host}`, scope.subscriptionId, operation.id, API_VERSION)
    return reply
      .code(created && runtime.profile === 'default' ? 201 : 200)
      .header('content-type', JSON_CONTENT_TYPE)
      .header('azure-asyncoperation', statusUrl)
      .header('retry-after', String(retryAfterSeconds(operation, now)))
      .send(resource.body)
  }

  async function get (request: FastifyRequest, reply: FastifyReply) {
    const scope = parentHubOf(request.params as ChildParams)
    const name = nameOf(request)
    const stored = store.get(scope, name)
    if (stored === undefined) throw notFound(scope, name)
    const now = runtime.now()
    const operation = operations.read(stored.operation, now)
    const state = provisioningStateAt(operation, now)
    // A poller that follows the resource itself (an SDK's "body" mode) waits what Retry-After says.
    if (state === 'Provisioning') void reply.header('retry-after', String(retryAfterSeconds(operation, now)))
    return reply.header('content-type', JSON_CONTENT_TYPE).send(withProvisioningState(stored.body, state))
  }

  async function remove (request: FastifyRequest, reply: FastifyReply) {
    const scope = parentHubOf(request.params as ChildParams)
    const name = nameOf(request)
    const deleted = await writes.run(() => store.delete(scope, name))
    return reply.code(deleted || runtime.profile === 'swagger' ? 200 : 204).send()
  }

  async function listByHub (request: FastifyRequest, reply: FastifyReply) {
    const scope = parentHubOf(request.params as ChildParams)
    const after = skipTokenOf(request)
    const items = store.list(scope, after, runtime.pageSize + 1)
    const page = items.slice(0, runtime.pageSize)
    const now = runtime.now()
    const value = page.map((stored) => withProvisioningState(stored.body, provisioningStateAt(stored.operation, now))).join(',')
    const last = page.at(-1)
    const more = items.length > page.length && last !== undefined ? `,"nextLink":${JSON.stringify(nextLink(request, last.nameKey))}` : ''
    return reply.header('content-type', JSON_CONTENT_TYPE).send(`{"value":[${value}]${more}}`)
  }

  app.route({
    method: 'PUT',
    url: itemUrl,
    config,
    schema: { params: schemas.putParams, body: schemas.putBody },
    onRequest: [...armHooks, syncHook(checkResourceName)],
    preValidation: syncHook(acceptBothBodyShapes),
    handler: createOrUpdate
  })
  app.route({
    method: 'GET',
    url: itemUrl,
    config,
    onRequest: armHooks,
    handler: get
  })
  app.route({
    method: 'DELETE',
    url: itemUrl,
    config,
    onRequest: armHooks,
    handler: remove
  })
  rejectOtherMethods(app, itemUrl, ['GET', 'PUT', 'DELETE'])
  app.route({
    method: 'GET',
    url: collectionUrl,
    config,
    onRequest: armHooks,
    handler: listByHub
  })
  rejectOtherMethods(app, collectionUrl, ['GET'])
}
