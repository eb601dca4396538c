import { randomBytes, randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { DestinationStream } from 'pino'
import { openDatabase, type DatabaseLocation } from '../db/database.js'
import { OperationStore } from '../db/operation-store.js'
import { StateStore } from '../db/state-store.js'
import { WriteBatcher } from '../db/write-batcher.js'
import { ResourceStore } from '../db/resource-store.js'
import emulatorRoutes, { EMULATOR_PATH_PREFIX } from '../routes/emulator.js'
import imageUploadRoutes from '../routes/image-uploads.js'
import providerOperationRoutes from '../routes/provider-operations.js'
import operationStatusRoutes from '../routes/operation-statuses.js'
import cloudMetadataRoutes from '../routes/cloud-metadata.js'
import tokenServiceRoutes from '../routes/token-service.js'
import subscriptionRoutes from '../routes/subscriptions.js'
import resourceGroupRoutes from '../routes/resource-groups.js'
import providerRoutes from '../routes/providers.js'
import resourceListRoutes from '../routes/resources.js'
import { RESOURCE_TYPES } from '../routes/registry.js'
import { authorizationCheck } from './arm/auth.js'
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID } from './arm/cloud.js'
import { resourceGroups } from './arm/resource-groups.js'
import { newOperationId } from './arm/ids.js'
import { clientErrorHandler } from './arm/client-errors.js'
import { resourceProviderRoutes } from './engine/resource-routes.js'
import type { ResourceType } from './engine/resource-type.js'
import { storedResourceLister } from './engine/stored-resources.js'
import { journalRecord, requestIdGenerator, setArmHeaders } from './arm/headers.js'
import { RequestJournal } from './journal.js'
import { emulatorControl, type EmulatorControl } from './control.js'
import { seedResources } from './seed.js'
import { parseArmQuery, pathOf } from './arm/query.js'
import { syncHook } from './arm/routing.js'
import { routeNotFound } from './errors.js'
import { lazySchemaCompilers } from './schema-compilers.js'
import { sendArmError } from './error-handler.js'
import { RequestLogController, childLoggerFactory, loggerOptions, type LogLevel } from './logging.js'
import { APP_DEFAULTS, type Profile, type ReferenceMode, type Runtime } from './settings.js'

/** ARM caps a single resource definition at 1 MB; larger bodies are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024
/** How long an idle keep-alive connection stays open, on HTTP and HTTPS alike (Fastify's default). */
export const KEEP_ALIVE_TIMEOUT_MS = 72_000

/**
 * The time limits of both servers. A request (headers and body) must arrive within `requestTimeoutMs`, or the
 * connection gets a 408 and is closed: a connection that sends nothing, or trickles, does not hold a socket for good.
 */
export function serverTimeouts (requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: requestTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // How often Node looks for requests over time: often enough for short limits, at most every 30 s (its default).
    connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeoutMs / 4)))
  }
}
/** Child names may be 512 characters (swagger); longer URL segments still reach the name check and get its 400. */
const MAX_PATH_SEGMENT_CHARS = 4096

/** The app's storage: every resource of every type in one store, and the operations that provision them. */
export interface EmulatorStores {
  resources: ResourceStore
  operations: OperationStore
}

declare module 'fastify' {
  interface FastifyInstance {
    stores: EmulatorStores
    control: EmulatorControl
  }
}

export interface AppOptions {
  storage: DatabaseLocation
  logLevel?: LogLevel
  /** Where log lines go; standard output by default. */
  logStream?: DestinationStream
  profile?: Profile
  /** Whether parents and the types a resource names must exist. */
  references?: ReferenceMode
  /** The resource types served; every type of the provider by default. */
  resourceTypes?: readonly ResourceType[]
  /** How long provisioning takes after each PUT. */
  provisioningDelayMs?: number
  /** Resources per list page before a `nextLink` is given. */
  pageSize?: number
  /** The subscription every login finds, beside those that hold resources; a GUID. */
  subscriptionId?: string
  /** The tenant of every token and subscription; a GUID. */
  tenantId?: string
  /** Off: any api-version, or none, is accepted. */
  apiVersionCheck?: boolean
  /** On: ARM requests without an `Authorization` header are answered 401. Any bearer token is accepted. */
  requireAuth?: boolean
  /** The PEM `GET /_emulator/ca.pem` serves: the CA of the HTTPS certificate. */
  caCertificate?: string | undefined
  /** How long a client has to send a whole request (headers and body). */
  requestTimeoutMs?: number
  /** How many recent requests `GET /_emulator/requests` keeps. */
  journalSize?: number
  /** A JSON file of resources created at start, already provisioned. */
  seedFile?: string | undefined
  /** Milliseconds since the epoch; injected by tests to drive provisioning. */
  now?: () => number
  /** New GUIDs: request ids, operation ids, resources' own. By default random, and time-ordered for operations. */
  newId?: () => string
  /** New secret keys; 32 random bytes, base64, by default. */
  newKey?: () => string
}

/** The length of a generated key: 32 bytes, 44 characters of base64, as the service's keys are. */
const KEY_BYTES = 32


/** Builds the emulator as a Fastify app on its own database; it does not listen (see server.ts). */
export async function buildApp (options: AppOptions): Promise<FastifyInstance> {
  const runtime: Runtime = {
    now: options.now ?? Date.now,
    newId: options.newId ?? randomUUID,
    newOperationId: options.newId ?? newOperationId,
    newKey: options.newKey ?? (() => randomBytes(KEY_BYTES).toString('base64')),
    profile: options.profile ?? APP_DEFAULTS.profile,
    references: options.references ?? APP_DEFAULTS.references,
    provisioning: {
      delayMs: options.provisioningDelayMs ?? APP_DEFAULTS.provisioningDelayMs,
      completeAfterReads: null,
      manual: false,
      outcome: 'Succeeded',
      error: null
    },
    pageSize: options.pageSize ?? APP_DEFAULTS.pageSize,
    apiVersionCheck: options.apiVersionCheck ?? APP_DEFAULTS.apiVersionCheck,
    subscriptionId: (options.subscriptionId ?? DEFAULT_SUBSCRIPTION_ID).toLowerCase(),
    tenantId: (options.tenantId ?? DEFAULT_TENANT_ID).toLowerCase()
  }

  const journal = new RequestJournal(options.journalSize ?? APP_DEFAULTS.journalSize)
  function recordInJournal (request: FastifyRequest, reply: FastifyReply): void {
    if (!request.url.startsWith(EMULATOR_PATH_PREFIX)) journal.record(journalRecord(request, reply, runtime.now()))
  }

  const timeouts = serverTimeouts(options.requestTimeoutMs ?? APP_DEFAULTS.requestTimeoutMs)
  const app = Fastify({
    logger: { ...loggerOptions(options.logLevel ?? APP_DEFAULTS.logLevel), ...(options.logStream && { stream: options.logStream }) },
    childLoggerFactory,
    genReqId: requestIdGenerator(runtime.newId),
    logController: new RequestLogController(recordInJournal),
    bodyLimit: MAX_BODY_BYTES,
    keepAliveTimeout: timeouts.keepAliveTimeout,
    requestTimeout: timeouts.requestTimeout,
    http: { headersTimeout: timeouts.headersTimeout, connectionsCheckingInterval: timeouts.connectionsCheckingInterval },
    // While closing, requests on connections already open are still answered, by the emulator itself.
    return503OnClosing: false,
    routerOptions: {
      // ARM matches literal segments case-insensitively; parameters keep the client's casing.
      caseSensitive: false,
      ignoreTrailingSlash: true,
      // ARM reads `a//b` as `a/b`: SDKs write an empty parent path (`providers/{namespace}//{type}/{name}`), and the
      // Azure CLI appends `/metadata/endpoints` to an endpoint that ends with '/'.
      ignoreDuplicateSlashes: true,
      maxParamLength: MAX_PATH_SEGMENT_CHARS,
      querystringParser: parseArmQuery
    },
    // A wrong type is a 400, never coerced; every problem of a body is reported at once.
    ajv: { customOptions: { coerceTypes: false, allErrors: true, validateSchema: false } },
    schemaController: { compilersFactory: lazySchemaCompilers },
    // Bad percent-encoding and over-long segments fail before routing: they get the ARM envelope too.
    frameworkErrors: sendArmError,
    clientErrorHandler: clientErrorHandler(runtime.newId)
  }).withTypeProvider<TypeBoxTypeProvider>()

  const db = openDatabase(options.storage)
  app.addHook('onClose', async () => { db.close() })

  // Only JSON is a request body ARM accepts; Fastify's text/plain parser would let other text through.
  app.removeContentTypeParser('text/plain')
  app.decorateRequest('bodyShape', null)
  app.decorateRequest('resourceManagerApiVersion', '')
  const checkAuthorization = authorizationCheck(options.requireAuth ?? false)
  app.addHook('onRequest', syncHook((request, reply) => {
    setArmHeaders(request, reply)
    checkAuthorization(request, reply)
    // ARM answers an unknown route before it looks at the body, so the 404 cannot wait for the not-found handler.
    if (request.is404) throw routeNotFound(request.method, pathOf(request.url))
  }))
  app.setErrorHandler(sendArmError)

  const operations = new OperationStore(db)
  const resources = new ResourceStore(db, operations)
  const stores: EmulatorStores = { resources, operations }
  app.decorate('stores', stores)
  const control = emulatorControl(new StateStore(db), journal, runtime)
  app.decorate('control', control)
  const writes = new WriteBatcher(db)
  const types = options.resourceTypes ?? RESOURCE_TYPES
  await app.register(resourceProviderRoutes, { types, store: resources, operations, writes, runtime })
  await app.register(operationStatusRoutes, { operations, runtime })
  await app.register(providerOperationRoutes, { types, runtime })
  await app.register(imageUploadRoutes, { runtime })
  await app.register(cloudMetadataRoutes, { runtime })
  await app.register(tokenServiceRoutes, { runtime })
  await app.register(subscriptionRoutes, { store: resources, runtime })
  const groups = resourceGroups(resources, runtime, types.filter((type) => type.parent === null && type.tracked).map((type) => type.type))
  await app.register(resourceGroupRoutes, { store: resources, groups, operations, writes, runtime })
  await app.register(providerRoutes, { types, runtime })
  await app.register(resourceListRoutes, { store: resources, groups, types, runtime })
  await app.register(emulatorRoutes, {
    caCertificate: options.caCertificate,
    storedResources: storedResourceLister(types, resources),
    operations,
    control,
    journal,
    runtime
  })
  if (options.seedFile !== undefined) {
    const seeded = await seedResources(app, options.seedFile)
    journal.clear()
    app.log.info({ seedFile: options.seedFile, resources: seeded }, 'seeded')
  }
  return app
}
