import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { OperationStore } from '../db/operation-store.js'
import { API_VERSIONS, resolveApiVersion, type ArmQuery } from '../src/arm/api-version.js'
import { PROVIDER_NAMESPACE } from '../src/arm/ids.js'
import { operationStatusAt, retryAfterSeconds } from '../src/arm/provisioning.js'
import { rejectOtherMethods, syncHook } from '../src/arm/routing.js'
import { operationNotFound } from '../src/errors.js'
import { OperationStatus } from '../src/schemas/common.js'
import type { Runtime } from '../src/settings.js'

export const OPERATION_STATUS_URL = `/subscriptions/:subscriptionId/providers/${PROVIDER_NAMESPACE}/operationStatuses/:operationId`

const OperationStatusParams = Type.Object({ subscriptionId: Type.String(), operationId: Type.String() })

/** The resource an `Azure-AsyncOperation` header points at: how an SDK's poller follows a PUT to its end. */
export default async function operationStatusRoutes (app: FastifyInstance, options: { operations: OperationStore, runtime: Runtime }) {
  const { operations, runtime } = options

  async function getOperationStatus (request: FastifyRequest, reply: FastifyReply) {
    const { subscriptionId, operationId } = request.params as { subscriptionId: string, operationId: string }
    const stored = operations.get(subscriptionId, operationId)
    if (stored === undefined) throw operationNotFound(operationId)
    const now = runtime.now()
    const operation = operations.read(stored, now)
    const status = operationStatusAt(operation, now)
    // An SDK's poller waits what Retry-After says before its next poll; without it, its own 2 s default.
    if (status.status === 'InProgress') void reply.header('retry-after', String(retryAfterSeconds(operation, now)))
    return status
  }

  app.route({
    method: 'GET',
    url: OPERATION_STATUS_URL,
    schema: { params: OperationStatusParams, response: { 200: OperationStatus } },
    onRequest: syncHook((request) => {
      request.apiVersion = resolveApiVersion(request.query as ArmQuery, API_VERSIONS, 'operationStatuses', runtime.apiVersionCheck)
    }),
    handler: getOperationStatus
  })
  rejectOtherMethods(app, OPERATION_STATUS_URL, ['GET'])
}
