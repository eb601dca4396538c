import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp, serverTimeouts, type AppOptions } from './app.js'
import { APP_DEFAULTS } from './settings.js'
import { clientErrorHandler } from './arm/client-errors.js'
import { lingerOnEarlyAnswers, type LingeringConnections } from './lingering-close.js'
import { TLS_DIR_NAME, certificateNames, generatedTlsMaterial, userTlsMaterial, type TlsMaterial } from './tls.js'

export interface HttpsOptions {
  /** `0` picks a free port. */
  port: number
  /** Host names the generated server certificate covers besides localhost, 127.0.0.1, ::1 and this host's name. */
  hostnames?: readonly string[]
  /** The user's own PEM certificate and key, instead of generated ones. */
  certFile?: string
  keyFile?: string
}

export interface EmulatorOptions extends Omit<AppOptions, 'caCertificate'> {
  host: string
  /** `0` picks a free port. */
  httpPort: number
  /** HTTPS beside HTTP; `false` serves HTTP only. */
  https: HttpsOptions | false
}

/** How often, while closing, connections that have become idle are closed. */
const IDLE_REAP_MS = 25

/** For a test suite: free ports on loopback, storage in memory, HTTPS on, warnings only. */
export const IN_PROCESS_DEFAULTS: EmulatorOptions = {
  host: '127.0.0.1',
  httpPort: 0,
  https: { port: 0 },
  storage: { inMemory: true },
  logLevel: 'warn'
}

export interface RunningEmulator {
  app: FastifyInstance
  httpUrl: string
  /** Absent when HTTPS is off. */
  httpsUrl: string | undefined
  /** PEM of the certificate a client must trust for HTTPS: what `GET /_emulator/ca.pem` serves. */
  caCertificate: string | undefined
  /** Where that certificate is on disk, for `NODE_EXTRA_CA_CERTS`; absent when it lives in memory only. */
  caFile: string | undefined
  /** Removes every resource and operation, clears the request journal and restores the startup provisioning settings. */
  reset: () => Promise<void>
  /** Removes one subscription's resources and operations, leaving other subscriptions' alone. */
  resetSubscription: (subscriptionId: string) => Promise<void>
  /** Stops accepting connections, lets requests in flight finish, and closes the database. */
  close: () => Promise<void>
}

/**
 * Starts the emulator: the one place that listens, on HTTP and (by default) HTTPS, both served by one app.
 * Options left out take IN_PROCESS_DEFAULTS; the command line passes all of them.
 */
export async function startEmulator (overrides: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const options: EmulatorOptions = { ...IN_PROCESS_DEFAULTS, ...overrides }
  const tls = options.https === false ? undefined : await tlsMaterial(options, options.https)
  const app = await buildApp({ ...options, caCertificate: tls?.ca })
  const requestTimeoutMs = options.requestTimeoutMs ?? APP_DEFAULTS.requestTimeoutMs
  const httpLingering = lingerOnEarlyAnswers(app.server, requestTimeoutMs)
  let https: Awaited<ReturnType<typeof listenHttps>> | undefined
  try {
    // HTTPS listens first: the health check is asked over HTTP, and once it answers, both must be there.
    await app.ready()
    https = tls === undefined || options.https === false
      ? undefined
      : await listenHttps(app, tls, options.host, options.https.port, requestTimeoutMs)
    await app.listen({ host: options.host, port: options.httpPort })
    const httpsServer = https?.server
    const lingering = [httpLingering, ...(https === undefined ? [] : [https.lingering])]
    const emulator: RunningEmulator = {
      app,
      httpUrl: urlOf('http', options.host, app.server.address() as AddressInfo),
      httpsUrl: httpsServer === undefined ? undefined : urlOf('https', options.host, httpsServer.address() as AddressInfo),
      caCertificate: tls?.ca,
      caFile: tls?.caFile,
      reset: async () => { app.control.resetAll() },
      resetSubscription: async (subscriptionId) => { app.control.resetSubscription(subscriptionId) },
      close: async () => {
        // Closing stops new connections; a keep-alive connection is closed as soon as it is between requests, and
        // one that took a request at the last moment is closed when that request has been answered.
        const servers = [app.server, ...(httpsServer === undefined ? [] : [httpsServer])]
        // A connection still discarding a refused body is closed too: its answer has been given.
        const reaper = setInterval(() => {
          for (const server of servers) server.closeIdleConnections()
          for (const connections of lingering) connections.closeAll()
        }, IDLE_REAP_MS)
        try {
          await Promise.all([app.close(), ...(httpsServer === undefined ? [] : [closeServer(httpsServer)])])
        } finally {
          clearInterval(reaper)
        }
      }
    }
    return emulator
  } catch (error) {
    if (https !== undefined) await closeServer(https.server)
    await app.close()
    throw error
  }
}

async function tlsMaterial (options: EmulatorOptions, https: HttpsOptions): Promise<TlsMaterial> {
  if (https.certFile !== undefined || https.keyFile !== undefined) {
    if (https.certFile === undefined || https.keyFile === undefined) {
      throw new Error('A TLS certificate and its key go together: give both files, or neither to have them generated.')
    }
    return userTlsMaterial(https.certFile, https.keyFile)
  }
  const dir = options.storage.inMemory ? undefined : join(options.storage.dataDir, TLS_DIR_NAME)
  return await generatedTlsMaterial(dir, certificateNames(https.hostnames ?? []), (options.now ?? Date.now)())
}

/** The HTTPS server hands its requests to the same Fastify router as the HTTP one, with the same limits. */
async function listenHttps (
  app: FastifyInstance, tls: TlsMaterial, host: string, port: number, requestTimeoutMs: number
): Promise<{ server: Server, lingering: LingeringConnections }> {
  const timeouts = serverTimeouts(requestTimeoutMs)
  const server = createServer({ cert: tls.cert, key: tls.key, ...timeouts }, (request, response) => { app.routing(request, response) })
  server.keepAliveTimeout = timeouts.keepAliveTimeout
  server.on('clientError', clientErrorHandler(randomUUID))
  const lingering = lingerOnEarlyAnswers(server, requestTimeoutMs)
  // A client that does not trust the certificate hangs up during the handshake: its own error, not the emulator's.
  server.on('tlsClientError', (error) => { app.log.debug({ err: error }, 'TLS handshake failed') })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => { server.off('error', reject); resolve() })
  })
  app.log.info({ url: urlOf('https', host, server.address() as AddressInfo) }, 'HTTPS listening')
  return { server, lingering }
}

async function closeServer (server: Server): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => { resolve() }))
}

function urlOf (protocol: 'http' | 'https', host: string, address: AddressInfo): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  return `${protocol}://${shown.includes(':') ? `[${shown}]` : shown}:${address.port}`
}
