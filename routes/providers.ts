import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { resolveResourceManagerApiVersion, type ArmQuery } from '../src/arm/api-version.js'
import { JSON_CONTENT_TYPE } from '../src/arm/headers.js'
import { PROVIDER_NAMESPACE } from '../src/arm/ids.js'
import { RESOURCES_API_VERSIONS, RESOURCES_NAMESPACE, SUBSCRIPTIONS_API_VERSIONS } from '../src/arm/resource-manager.js'
import { rejectOtherMethods, syncHook } from '../src/arm/routing.js'
import type { ResourceType } from '../src/engine/resource-type.js'
import { invalidResourceNamespace } from '../src/errors.js'
import type { Runtime } from '../src/settings.js'

/** The regions the published hub examples and the recorded service name; a hub may be given any location. */
export const PROVIDER_LOCATIONS = ['East US', 'West US'] as const

const ProviderParams = Type.Object({ subscriptionId: Type.String({ minLength: 1 }), namespace: Type.String({ minLength: 1 }) })
const SubscriptionParams = Type.Object({ subscriptionId: Type.String({ minLength: 1 }) })

interface ProviderResourceType {
  resourceType: string
  locations: readonly string[]
  apiVersions: readonly string[]
  capabilities: string
}

function providerDocument (subscriptionId: string, namespace: string, registrationPolicy: string, resourceTypes: ProviderResourceType[]) {
  return {
    id: `/subscriptions/${subscriptionId}/providers/${namespace}`,
    namespace,
    registrationState: 'Registered',
    registrationPolicy,
    resourceTypes
  }
}

/**
 * The provider's registration as ARM shows it, derived from the registry: every type the emulator serves, with its
 * api-versions newest first. A client that picks a version from it (the Azure CLI's `az resource`, which takes the first
 * stable version of the type, or of its top-level type for a child) gets the newest.
 */
export function customerInsightsProvider (types: readonly ResourceType[]) {
  return (subscriptionId: string) => providerDocument(subscriptionId, PROVIDER_NAMESPACE, 'RegistrationRequired', types.map((type) => ({
    resourceType: type.typePath,
    locations: PROVIDER_LOCATIONS,
    apiVersions: type.apiVersions,
    capabilities: type.tracked ? 'SupportsTags, SupportsLocation' : 'None'
  })))
}

/** ARM's own provider, for clients that look up the versions of a resource group (`az resource show --ids` of one). */
function resourcesProvider (subscriptionId: string) {
  return providerDocument(subscriptionId, RESOURCES_NAMESPACE, 'RegistrationFree', [
    { resourceType: 'resourceGroups', locations: [], apiVersions: RESOURCES_API_VERSIONS, capabilities: 'SupportsTags, SupportsLocation' },
    { resourceType: 'subscriptions', locations: [], apiVersions: SUBSCRIPTIONS_API_VERSIONS, capabilities: 'None' },
    { resourceType: 'tenants', locations: [], apiVersions: SUBSCRIPTIONS_API_VERSIONS, capabilities: 'None' }
  ])
}

/**
 * The resource providers of a subscription: Microsoft.CustomerInsights and Microsoft.Resources, both registered. Registering
 * one again changes nothing and answers it, as ARM does for a provider already registered.
 */
export default async function providerRoutes (app: FastifyInstance, options: { types: readonly ResourceType[], runtime: Runtime }) {
  const { runtime } = options
  const providers = new Map([
    [PROVIDER_NAMESPACE.toLowerCase(), customerInsightsProvider(options.types)],
    [RESOURCES_NAMESPACE.toLowerCase(), resourcesProvider]
  ])

  const servedVersion = syncHook((request) => {
    resolveResourceManagerApiVersion(request.query as ArmQuery, RESOURCES_API_VERSIONS, runtime.apiVersionCheck)
  })

  function provider (request: FastifyRequest) {
    const { subscriptionId, namespace } = request.params as { subscriptionId: string, namespace: string }
    const document = providers.get(namespace.toLowerCase())
    if (document === undefined) throw invalidResourceNamespace(namespace)
    return document(subscriptionId)
  }

  async function getProvider (request: FastifyRequest, reply: FastifyReply) {
    return await reply.header('content-type', JSON_CONTENT_TYPE).send(provider(request))
  }

  async function listProviders (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId } = request.params as { subscriptionId: string }
    const value = [...providers.values()].map((document) => document(subscriptionId))
    return await reply.header('content-type', JSON_CONTENT_TYPE).send({ value })
  }

  const anonymous = { anonymous: true }
  const listUrl = '/subscriptions/:subscriptionId/providers'
  app.route({ method: 'GET', url: listUrl, config: anonymous, schema: { params: SubscriptionParams }, onRequest: servedVersion, handler: listProviders })
  rejectOtherMethods(app, listUrl, ['GET'])
  const providerUrl = `${listUrl}/:namespace`
  app.route({ method: 'GET', url: providerUrl, config: anonymous, schema: { params: ProviderParams }, onRequest: servedVersion, handler: getProvider })
  rejectOtherMethods(app, providerUrl, ['GET'])
  app.route({
    method: 'POST', url: `${providerUrl}/register`, config: anonymous, schema: { params: ProviderParams }, onRequest: servedVersion, handler: getProvider
  })
  rejectOtherMethods(app, `${providerUrl}/register`, ['POST'])
}
