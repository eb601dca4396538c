import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { nameKeyOf, resourceGroupKey, resourceGroupsPrefix } from '../db/keys.js'
import type { OperationStore } from '../db/operation-store.js'
import type { ResourceStore } from '../db/resource-store.js'
import type { WriteBatcher } from '../db/write-batcher.js'
import { resolveResourceManagerApiVersion, type ArmQuery } from '../src/arm/api-version.js'
import { parseFilter, tagsMatch } from '../src/arm/filter.js'
import { JSON_CONTENT_TYPE } from '../src/arm/headers.js'
import { RESOURCE_GROUP_TYPE, resourceGroupId } from '../src/arm/ids.js'
import { originOf } from '../src/arm/origin.js'
import { nextLink, skipTokenOf } from '../src/arm/paging.js'
import { RESOURCES_API_VERSIONS } from '../src/arm/resource-manager.js'
import {
  checkResourceGroupName, normalizedLocation, resourceGroupBody, type ResourceGroups
} from '../src/arm/resource-groups.js'
import { rejectOtherMethods, syncHook } from '../src/arm/routing.js'
import {
  type ArmError, invalidResourceGroupLocation, locationRequired, operationNotFound, resourceGroupNotFound
} from '../src/errors.js'
import { RESOURCE_GROUP_URL } from '../src/engine/resource-routes.js'
import { ResourceGroupBody, ResourceGroupPatch, type ResourceGroup } from '../src/schemas/resource-group.js'
import type { Runtime } from '../src/settings.js'

const RESOURCE_GROUPS_URL = '/subscriptions/:subscriptionId/resourceGroups'
/** Where a client polls a group's deletion: ARM's operation results of the subscription. */
const OPERATION_RESULT_URL = '/subscriptions/:subscriptionId/operationresults/:operationId'

const GroupParams = Type.Object({ subscriptionId: Type.String({ minLength: 1 }), resourceGroupName: Type.String({ minLength: 1 }) })
const SubscriptionParams = Type.Object({ subscriptionId: Type.String({ minLength: 1 }) })
const OperationParams = Type.Object({ subscriptionId: Type.String({ minLength: 1 }), operationId: Type.String({ minLength: 1 }) })
type GroupParams = { subscriptionId: string, resourceGroupName: string }

/** The resource group list filters on tags only (Microsoft.Resources). */
const GROUP_FILTER_FIELDS = ['tagname', 'tagvalue'] as const

export interface ResourceGroupRoutesOptions {
  store: ResourceStore
  groups: ResourceGroups
  operations: OperationStore
  writes: WriteBatcher
  runtime: Runtime
}

/**
 * Resource groups, Microsoft.Resources: kept in the same table as the provider's resources, so that deleting one is
 * deleting a range of keys, everything in it at once. A group always answers `Succeeded`: ARM creates it synchronously.
 */
export default async function resourceGroupRoutes (app: FastifyInstance, options: ResourceGroupRoutesOptions) {
  const { store, groups, operations, writes, runtime } = options

  const servedVersion = syncHook((request) => {
    request.resourceManagerApiVersion = resolveResourceManagerApiVersion(request.query as ArmQuery, RESOURCES_API_VERSIONS, runtime.apiVersionCheck)
  })
  const checkName = syncHook((request) => { checkResourceGroupName((request.params as GroupParams).resourceGroupName) })

  function send (reply: FastifyReply, group: ResourceGroup) {
    return reply.header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify(group))
  }

  /** Stores a group as the body says, keeping its location: ARM does not move a group. */
  async function save (request: FastifyRequest, group: ResourceGroup): Promise<{ created: boolean, group: ResourceGroup }> {
    const { subscriptionId } = request.params as GroupParams
    const now = runtime.now()
    const guid = runtime.newId()
    const outcome = await writes.run((): ArmError | { created: boolean } => {
      const existing = groups.stored(subscriptionId, group.name)
      if (existing !== undefined && existing.location !== group.location) return invalidResourceGroupLocation(group.location, existing.location)
      return store.put({
        key: resourceGroupKey(subscriptionId, group.name),
        type: RESOURCE_GROUP_TYPE,
        tracked: true,
        subscriptionId,
        apiVersion: request.resourceManagerApiVersion,
        guid,
        now,
        operation: () => null,
        render: () => JSON.stringify(group)
      })
    })
    if (!('created' in outcome)) throw outcome
    return { created: outcome.created, group }
  }

  async function createOrUpdate (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId, resourceGroupName } = request.params as GroupParams
    const body = request.body as ResourceGroupBody
    if (body.location === undefined) throw locationRequired()
    const { created, group } = await save(request,
      resourceGroupBody(subscriptionId, resourceGroupName, normalizedLocation(body.location), body))
    return await send(reply.code(created ? 201 : 200), group)
  }

  function found (request: FastifyRequest): ResourceGroup {
    const { subscriptionId, resourceGroupName } = request.params as GroupParams
    const group = groups.find(subscriptionId, resourceGroupName)
    if (group === undefined) throw resourceGroupNotFound(resourceGroupName)
    return group
  }

  async function get (request: FastifyRequest, reply: FastifyReply) {
    return await send(reply, found(request))
  }

  /** `az group exists`: 204 when the group exists, 404 when not, no body either way. */
  async function head (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId, resourceGroupName } = request.params as GroupParams
    return await reply.code(groups.find(subscriptionId, resourceGroupName) === undefined ? 404 : 204).send()
  }

  /** Tags and `managedBy` as the body gives them, each replaced whole (ARM); an implicit group is created by it. */
  async function update (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId } = request.params as GroupParams
    const current = found(request)
    const patch = request.body as ResourceGroupPatch
    const { group } = await save(request, resourceGroupBody(subscriptionId, current.name, current.location, {
      managedBy: patch.managedBy ?? current.managedBy,
      tags: patch.tags ?? current.tags
    }))
    return await send(reply, group)
  }

  /**
   * Deletes the group and everything in it, in one transaction. ARM answers 202 and a `Location` to poll; the deletion
   * is already complete, so the first poll answers 200.
   */
  async function remove (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId, resourceGroupName } = request.params as GroupParams
    const now = runtime.now()
    const operationId = runtime.newOperationId()
    const outcome = await writes.run((): ArmError | undefined => {
      if (groups.find(subscriptionId, resourceGroupName) === undefined) return resourceGroupNotFound(resourceGroupName)
      store.deleteTree(resourceGroupKey(subscriptionId, resourceGroupName))
      operations.insert({
        id: operationId, kind: 'delete', subscriptionId, resourceId: resourceGroupId(subscriptionId, resourceGroupName),
        startedAt: now, completesAt: now, readsRemaining: null, outcome: 'Succeeded', error: null
      })
      return undefined
    })
    if (outcome !== undefined) throw outcome
    const location = `${originOf(request)}/subscriptions/${encodeURIComponent(subscriptionId)}/operationresults/${operationId}` +
      `?api-version=${request.resourceManagerApiVersion}`
    return await reply.code(202).header('location', location).header('retry-after', '0').send()
  }

  async function pollDeletion (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId, operationId } = request.params as { subscriptionId: string, operationId: string }
    const operation = operations.get(subscriptionId, operationId)
    if (operation?.kind !== 'delete') throw operationNotFound(operationId)
    return await reply.send()
  }

  /** The created groups and, under `implicit` references, those that hold resources; in name order, a page at a time. */
  async function list (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId } = request.params as { subscriptionId: string }
    const { $filter } = request.query as { $filter?: string }
    const terms = parseFilter($filter, GROUP_FILTER_FIELDS)
    const after = skipTokenOf(request)
    const prefix = resourceGroupsPrefix(subscriptionId)
    const page: { key: string, group: ResourceGroup }[] = []
    for (const segment of store.segmentsUnder(prefix)) {
      const key = `${prefix}${segment}`
      if (key <= after) continue
      const group = groups.find(subscriptionId, nameKeyOf(segment))
      if (group === undefined || !tagsMatch(group.tags, terms)) continue
      page.push({ key, group })
      if (page.length > runtime.pageSize) break
    }
    const shown = page.slice(0, runtime.pageSize)
    const last = shown.at(-1)
    const more = page.length > shown.length && last !== undefined
      ? `,"nextLink":${JSON.stringify(nextLink(request, last.key, request.resourceManagerApiVersion, { $filter }))}`
      : ''
    return await reply.header('content-type', JSON_CONTENT_TYPE)
      .send(`{"value":[${shown.map(({ group }) => JSON.stringify(group)).join(',')}]${more}}`)
  }

  const anonymous = { anonymous: true }
  const itemHooks = [servedVersion, checkName]
  app.route({
    method: 'PUT', url: RESOURCE_GROUP_URL, config: { ...anonymous, bodyName: 'resource group' },
    schema: { params: GroupParams, body: ResourceGroupBody }, onRequest: itemHooks, handler: createOrUpdate
  })
  app.route({
    method: 'GET', url: RESOURCE_GROUP_URL, config: anonymous, exposeHeadRoute: false,
    schema: { params: GroupParams }, onRequest: itemHooks, handler: get
  })
  app.route({ method: 'HEAD', url: RESOURCE_GROUP_URL, config: anonymous, schema: { params: GroupParams }, onRequest: itemHooks, handler: head })
  app.route({
    method: 'PATCH', url: RESOURCE_GROUP_URL, config: { ...anonymous, bodyName: 'resource group' },
    schema: { params: GroupParams, body: ResourceGroupPatch }, onRequest: itemHooks, handler: update
  })
  app.route({ method: 'DELETE', url: RESOURCE_GROUP_URL, config: anonymous, schema: { params: GroupParams }, onRequest: itemHooks, handler: remove })
  rejectOtherMethods(app, RESOURCE_GROUP_URL, ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'])

  app.route({
    method: 'GET', url: RESOURCE_GROUPS_URL, config: anonymous, schema: { params: SubscriptionParams }, onRequest: servedVersion, handler: list
  })
  rejectOtherMethods(app, RESOURCE_GROUPS_URL, ['GET'])

  app.route({
    method: 'GET', url: OPERATION_RESULT_URL, config: anonymous, schema: { params: OperationParams }, onRequest: servedVersion, handler: pollDeletion
  })
  rejectOtherMethods(app, OPERATION_RESULT_URL, ['GET'])
}
