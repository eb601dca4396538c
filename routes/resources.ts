import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { resourceGroupKey, subscriptionPrefix } from '../db/keys.js'
import type { ResourceStore, StoredResource } from '../db/resource-store.js'
import { resolveResourceManagerApiVersion, type ArmQuery } from '../src/arm/api-version.js'
import { filterValue, parseFilter, tagsMatch, type FilterTerm } from '../src/arm/filter.js'
import { JSON_CONTENT_TYPE } from '../src/arm/headers.js'
import { nextLink, skipTokenOf } from '../src/arm/paging.js'
import { provisioningStateAt } from '../src/arm/provisioning.js'
import { checkResourceGroupName, normalizedLocation, type ResourceGroups } from '../src/arm/resource-groups.js'
import { RESOURCES_API_VERSIONS } from '../src/arm/resource-manager.js'
import { rejectOtherMethods, syncHook } from '../src/arm/routing.js'
import type { ResourceType } from '../src/engine/resource-type.js'
import { resourceGroupNotFound } from '../src/errors.js'
import type { Tags } from '../src/schemas/resource-group.js'
import type { Runtime } from '../src/settings.js'

const SUBSCRIPTION_RESOURCES_URL = '/subscriptions/:subscriptionId/resources'
const GROUP_RESOURCES_URL = '/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/resources'

const SubscriptionParams = Type.Object({ subscriptionId: Type.String({ minLength: 1 }) })
const GroupParams = Type.Object({ subscriptionId: Type.String({ minLength: 1 }), resourceGroupName: Type.String({ minLength: 1 }) })

/** What the listing filters on (Microsoft.Resources, Resources_List), as the Azure CLI writes them. */
const RESOURCE_FILTER_FIELDS = ['resourcegroup', 'resourcetype', 'name', 'location', 'tagname', 'tagvalue'] as const
/** What `$expand` may add to each resource. */
const EXPANSIONS = ['createdtime', 'changedtime', 'provisioningstate'] as const

interface ListedBody {
  id: string
  name: string
  type: string
  location: string
  /** Every tracked type of the provider shows its tags, `{}` when it has none. */
  tags: Tags
  properties?: Record<string, unknown>
}

export interface ResourceListRoutesOptions {
  store: ResourceStore
  groups: ResourceGroups
  /** Every type of the provider; those at the top of a resource group (hubs) are the ones listed. */
  types: readonly ResourceType[]
  runtime: Runtime
}

/**
 * The resources of a subscription or a resource group, as ARM's generic listing shows them: the provider's top-level
 * tracked resources (hubs), read through the index of tracked resources. A child (a link) is not listed, as ARM lists
 * no nested resource.
 */
export default async function resourceListRoutes (app: FastifyInstance, options: ResourceListRoutesOptions) {
  const { store, groups, runtime } = options
  const listed = new Map(options.types.filter((type) => type.parent === null && type.tracked).map((type) => [type.type.toLowerCase(), type]))

  const servedVersion = syncHook((request) => {
    request.resourceManagerApiVersion = resolveResourceManagerApiVersion(request.query as ArmQuery, RESOURCES_API_VERSIONS, runtime.apiVersionCheck)
  })

  function matches (body: ListedBody, terms: readonly FilterTerm[]): boolean {
    const name = filterValue(terms, 'name')
    const location = filterValue(terms, 'location')
    return (name === undefined || body.name.toLowerCase() === name.toLowerCase()) &&
      (location === undefined || normalizedLocation(body.location) === normalizedLocation(location)) &&
      tagsMatch(body.tags, terms)
  }

  /** The generic form of a resource, with what `$expand` asks for; its provisioning state as of now. */
  function generic (stored: StoredResource, body: ListedBody, expand: ReadonlySet<string>, now: number) {
    const resource: Record<string, unknown> = { id: body.id, name: body.name, type: body.type, location: body.location, tags: body.tags }
    if (expand.has('createdtime')) resource.createdTime = new Date(stored.createdAt).toISOString()
    if (expand.has('changedtime')) resource.changedTime = new Date(stored.updatedAt).toISOString()
    if (expand.has('provisioningstate')) {
      const provisioning = listed.get(stored.type.toLowerCase())?.provisioning ?? null
      const state = provisioning === null || stored.operation === null ? undefined : provisioningStateAt(stored.operation, now)
      resource.provisioningState = provisioning === null || state === undefined
        ? body.properties?.provisioningState
        : state === 'Provisioning' ? provisioning.running : state === 'Succeeded' ? provisioning.succeeded : provisioning.failed
    }
    return resource
  }

  async function list (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId, resourceGroupName } = request.params as { subscriptionId: string, resourceGroupName?: string }
    const query = request.query as { $filter?: string, $expand?: string }
    const terms = parseFilter(query.$filter, RESOURCE_FILTER_FIELDS)
    if (resourceGroupName !== undefined && groups.find(subscriptionId, resourceGroupName) === undefined) {
      throw resourceGroupNotFound(resourceGroupName)
    }
    const expand = new Set((query.$expand ?? '').split(',').map((item) => item.trim().toLowerCase())
      .filter((item) => (EXPANSIONS as readonly string[]).includes(item)))
    const filteredGroup = filterValue(terms, 'resourcegroup')
    const group = resourceGroupName ?? filteredGroup
    const conflicting = resourceGroupName !== undefined && filteredGroup !== undefined && filteredGroup.toLowerCase() !== resourceGroupName.toLowerCase()
    const filteredType = filterValue(terms, 'resourcetype')?.toLowerCase()
    const types = conflicting ? [] : [...listed.keys()].filter((type) => filteredType === undefined || type === filteredType)
      .map((type) => (listed.get(type) as ResourceType).type)
    const prefix = group === undefined ? subscriptionPrefix(subscriptionId) : `${resourceGroupKey(subscriptionId, group)}/`

    // Filters other than the type and the group are applied to what the index gives, a batch at a time.
    const now = runtime.now()
    const page: { stored: StoredResource, body: ListedBody }[] = []
    let after = skipTokenOf(request)
    while (page.length <= runtime.pageSize) {
      const batch = store.trackedPageOf(prefix, types, after, runtime.pageSize + 1)
      for (const stored of batch) {
        const body = JSON.parse(stored.body) as ListedBody
        if (matches(body, terms)) page.push({ stored, body })
      }
      const last = batch.at(-1)
      if (last === undefined || batch.length <= runtime.pageSize) break
      after = last.key
    }
    const shown = page.slice(0, runtime.pageSize)
    const last = shown.at(-1)
    const value = shown.map(({ stored, body }) => JSON.stringify(generic(stored, body, expand, now))).join(',')
    const more = page.length > shown.length && last !== undefined
      ? `,"nextLink":${JSON.stringify(nextLink(request, last.stored.key, request.resourceManagerApiVersion, { $filter: query.$filter, $expand: query.$expand }))}`
      : ''
    return await reply.header('content-type', JSON_CONTENT_TYPE).send(`{"value":[${value}]${more}}`)
  }

  const config = { anonymous: true }
  app.route({ method: 'GET', url: SUBSCRIPTION_RESOURCES_URL, config, schema: { params: SubscriptionParams }, onRequest: servedVersion, handler: list })
  rejectOtherMethods(app, SUBSCRIPTION_RESOURCES_URL, ['GET'])
  const checkName = syncHook((request) => { checkResourceGroupName((request.params as { resourceGroupName: string }).resourceGroupName) })
  app.route({ method: 'GET', url: GROUP_RESOURCES_URL, config, schema: { params: GroupParams }, onRequest: [servedVersion, checkName], handler: list })
  rejectOtherMethods(app, GROUP_RESOURCES_URL, ['GET'])
}
