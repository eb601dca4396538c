import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { OperationStore } from '../db/operation-store.js'
import type { StoredResourceLister } from '../src/engine/stored-resources.js'
import { DEFAULT_PROVISIONING_ERROR, operationStatusAt } from '../src/arm/provisioning.js'
import { ArmError, operationNotFound, operationNotRunning } from '../src/errors.js'
import type { EmulatorControl } from '../src/control.js'
import type { RequestJournal } from '../src/journal.js'
import { CompleteOperationBody, ProvisioningSettingsPatch } from '../src/schemas/emulator.js'
import type { Runtime } from '../src/settings.js'

/** What the emulator adds beyond ARM lives under /_emulator/. */
export const EMULATOR_PATH_PREFIX = '/_emulator/'

// The control endpoints build their answers themselves: plain JSON, no response schemas to compile at start.
const SubscriptionParams = Type.Object({ subscriptionId: Type.String({ minLength: 1 }) })
const ResourcesQuery = Type.Object({ subscriptionid: Type.Optional(Type.String({ minLength: 1 })) })
const OperationParams = Type.Object({ operationId: Type.String({ minLength: 1 }) })

export interface EmulatorRoutesOptions {
  caCertificate: string | undefined
  /** What is stored, as ARM shows it. */
  storedResources: StoredResourceLister
  operations: OperationStore
  control: EmulatorControl
  journal: RequestJournal
  runtime: Runtime
}

/** Health, the CA, and the control of state that test suites use. */
export default async function emulatorRoutes (app: FastifyInstance, options: EmulatorRoutesOptions) {
  const { storedResources, operations, control, journal, runtime } = options

  // Polled every few seconds by Docker and CI: its requests are not logged at info.
  app.get(`${EMULATOR_PATH_PREFIX}health`, { logLevel: 'warn' }, async function health () {
    return { status: 'Healthy' }
  })

  /** The certificate a client trusts for HTTPS, for `NODE_EXTRA_CA_CERTS`, `REQUESTS_CA_BUNDLE`, `curl --cacert`. */
  app.get(`${EMULATOR_PATH_PREFIX}ca.pem`, async function caCertificate (_request, reply) {
    if (options.caCertificate === undefined) throw new ArmError(404, 'NotFound', 'HTTPS is off, so there is no certificate to trust.')
    return reply.type('application/x-pem-file').send(options.caCertificate)
  })

  /** Everything back to how a fresh emulator starts: no resources, no operations, no journal, startup provisioning. */
  app.post(`${EMULATOR_PATH_PREFIX}reset`, async function resetAll () {
    return { removed: control.resetAll() }
  })

  /** One subscription's resources and operations only, so parallel test workers stay out of each other's way. */
  app.post(`${EMULATOR_PATH_PREFIX}subscriptions/:subscriptionId/reset`, {
    schema: { params: SubscriptionParams }
  }, async function resetSubscription (request) {
    const { subscriptionId } = request.params as { subscriptionId: string }
    return { removed: control.resetSubscription(subscriptionId) }
  })

  /** What is stored, as ARM would show it, optionally for one subscription. */
  app.get(`${EMULATOR_PATH_PREFIX}resources`, { schema: { querystring: ResourcesQuery } }, async function listStored (request) {
    const { subscriptionid } = request.query as { subscriptionid?: string }
    const now = runtime.now()
    return { value: storedResources(subscriptionid, now) }
  })

  app.get(`${EMULATOR_PATH_PREFIX}provisioning`, async function getProvisioning () {
    return runtime.provisioning
  })

  /** Changes how operations started from now on end; operations already running keep their course. */
  app.patch(`${EMULATOR_PATH_PREFIX}provisioning`, {
    config: { bodyName: 'provisioning settings' },
    schema: { body: ProvisioningSettingsPatch }
  }, async function changeProvisioning (request) {
    runtime.provisioning = { ...runtime.provisioning, ...(request.body as ProvisioningSettingsPatch) }
    return runtime.provisioning
  })

  /** Operations still running: those waiting on a test, on reads, or on their time. */
  app.get(`${EMULATOR_PATH_PREFIX}operations`, async function listRunning () {
    const now = runtime.now()
    return {
      value: operations.pending(now).map((operation) => ({
        ...operationStatusAt(operation, now),
        resourceId: operation.resourceId,
        readsRemaining: operation.readsRemaining
      }))
    }
  })

  /** Ends a running operation now, as it was planned to end or as the body says. */
  app.post(`${EMULATOR_PATH_PREFIX}operations/:operationId/complete`, {
    config: { bodyName: 'completion' },
    schema: { params: OperationParams, body: CompleteOperationBody },
    // `curl -X POST` with no body at all means "as planned".
    preValidation: async (request) => { request.body ??= {} }
  }, async function completeOperation (request: FastifyRequest, reply: FastifyReply) {
    const { operationId } = request.params as { operationId: string }
    const body = request.body as CompleteOperationBody
    const now = runtime.now()
    const planned = operations.find(operationId)
    if (planned === undefined) throw operationNotFound(operationId)
    const outcome = body.status ?? planned.outcome
    const error = outcome === 'Failed' ? body.error ?? planned.error ?? DEFAULT_PROVISIONING_ERROR : null
    const completed = operations.complete(planned, now, outcome, error)
    if (completed === undefined) throw operationNotRunning(operationId)
    return reply.send(operationStatusAt(completed, now))
  })

  app.get(`${EMULATOR_PATH_PREFIX}requests`, async function listRequests () {
    return { value: journal.entries() }
  })

  app.delete(`${EMULATOR_PATH_PREFIX}requests`, async function clearRequests (_request, reply) {
    journal.clear()
    return reply.code(204).send()
  })
}
