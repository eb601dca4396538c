import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { SUBSCRIPTIONS_PREFIX, nameKeyOf, subscriptionKey } from '../db/keys.js'
import type { ResourceStore } from '../db/resource-store.js'
import { resolveResourceManagerApiVersion, type ArmQuery } from '../src/arm/api-version.js'
import { subscriptionDocument, tenantDocument } from '../src/arm/cloud.js'
import { JSON_CONTENT_TYPE } from '../src/arm/headers.js'
import { SUBSCRIPTIONS_API_VERSIONS } from '../src/arm/resource-manager.js'
import { rejectOtherMethods, syncHook } from '../src/arm/routing.js'
import { subscriptionNotFound } from '../src/errors.js'
import type { Runtime } from '../src/settings.js'

const SubscriptionParams = Type.Object({ subscriptionId: Type.String({ minLength: 1 }) })

/**
 * The subscriptions a login finds: the emulator's own, and every one that holds resources (under `implicit` references a
 * client may use any subscription id, and finds it listed once it holds something). All of them belong to its one tenant.
 */
export default async function subscriptionRoutes (app: FastifyInstance, options: { store: ResourceStore, runtime: Runtime }) {
  const { store, runtime } = options

  const servedVersion = syncHook((request) => {
    resolveResourceManagerApiVersion(request.query as ArmQuery, SUBSCRIPTIONS_API_VERSIONS, runtime.apiVersionCheck)
  })

  /** The default subscription first, then the others in key order. */
  function subscriptionIds (): string[] {
    const held = store.segmentsUnder(SUBSCRIPTIONS_PREFIX).map(nameKeyOf)
    return [runtime.subscriptionId, ...held.filter((id) => id !== runtime.subscriptionId)]
  }

  async function listSubscriptions (_request: FastifyRequest, reply: FastifyReply) {
    const value = subscriptionIds().map((id) => subscriptionDocument(id, runtime.tenantId))
    return await reply.header('content-type', JSON_CONTENT_TYPE).send({ value })
  }

  async function getSubscription (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId } = request.params as { subscriptionId: string }
    const id = subscriptionId.toLowerCase()
    if (id !== runtime.subscriptionId && !store.holdsAnything(subscriptionKey(id))) throw subscriptionNotFound(subscriptionId)
    return await reply.header('content-type', JSON_CONTENT_TYPE).send(subscriptionDocument(id, runtime.tenantId))
  }

  async function listTenants (_request: FastifyRequest, reply: FastifyReply) {
    return await reply.header('content-type', JSON_CONTENT_TYPE).send({ value: [tenantDocument(runtime.tenantId)] })
  }

  app.route({ method: 'GET', url: '/subscriptions', config: { anonymous: true }, onRequest: servedVersion, handler: listSubscriptions })
  rejectOtherMethods(app, '/subscriptions', ['GET'])
  app.route({
    method: 'GET', url: '/subscriptions/:subscriptionId', config: { anonymous: true }, schema: { params: SubscriptionParams },
    onRequest: servedVersion, handler: getSubscription
  })
  rejectOtherMethods(app, '/subscriptions/:subscriptionId', ['GET'])
  app.route({ method: 'GET', url: '/tenants', config: { anonymous: true }, onRequest: servedVersion, handler: listTenants })
  rejectOtherMethods(app, '/tenants', ['GET'])
}
