import tap from 'tap'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import type { StoredResource } from '../../db/resource-store.js'
import { buildApp, type AppOptions } from '../../src/app.js'
import { conformanceProblems, exchangeOf, type Exchange } from './conformance.js'

export const API_VERSION = '2017-04-26'
export const SUBSCRIPTION = 'c909e979-ef71-4def-a970-bc7c154db8c5'
export const RESOURCE_GROUP = 'TestHubRG'
export const HUB = 'sdkTestHub'
export const HUB_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.CustomerInsights/hubs/${HUB}`
export const START = Date.parse('2026-01-01T00:00:00.000Z')
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A clock that moves only when a test moves it. */
export class ManualClock {
  time = START
  readonly now = (): number => this.time
  advance (ms: number): void { this.time += ms }
}

/** GUID-shaped ids counted up from 1, so bodies can be asserted exactly. */
export function sequentialIds (): () => string {
  let next = 0
  return () => `00000000-0000-4000-8000-${(++next).toString().padStart(12, '0')}`
}

export interface TestApp {
  app: FastifyInstance
  clock: ManualClock
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>
}

interface Teardown { teardown: (fn: () => unknown) => void }

/** Every request the tests of this file made through a test app, with its answer. */
const exchanges: Exchange[] = []
let conformanceChecked = false

/**
 * Once the file's tests have run, every answer they received is checked against its api-version's published swagger
 * with Azure's own validator, within the documented exceptions (see conformance.ts): the tests assert what each answer
 * is, and this that each is what the swagger says it may be.
 */
function checkConformanceAtTheEnd (): void {
  if (conformanceChecked) return
  conformanceChecked = true
  tap.test('every answer of the provider the tests received conforms to its api-version\'s published swagger', async (t) => {
    const problems = []
    for (const exchange of exchanges) {
      const found = await conformanceProblems(exchange)
      if (found.length > 0) problems.push({ request: `${exchange.method} ${exchange.url}`, status: exchange.status, found })
    }
    t.comment(`${exchanges.length} answers checked`)
    t.strictSame(problems, [])
  })
}

/** The production wiring on an in-memory database (unless told otherwise), an injected clock and ids. */
export async function buildTestApp (t: Teardown, options: Partial<AppOptions> = {}): Promise<TestApp> {
  const clock = new ManualClock()
  const app = await buildApp({ storage: { inMemory: true }, logLevel: 'silent', now: clock.now, newId: sequentialIds(), ...options })
  t.teardown(() => app.close())
  checkConformanceAtTheEnd()
  const request = async (request: InjectOptions): Promise<LightMyRequestResponse> => {
    const response = await app.inject(request)
    // An app serving types of a test's own making answers outside the published swaggers.
    if (options.resourceTypes === undefined) exchanges.push(exchangeOf(request.method ?? 'GET', typeof request.url === 'string' ? request.url : '', response))
    return response
  }
  return { app, clock, request }
}

export function url (path: string, apiVersion: string | null = API_VERSION): string {
  return apiVersion === null ? path : `${path}${path.includes('?') ? '&' : '?'}api-version=${apiVersion}`
}

export function json (response: LightMyRequestResponse): unknown {
  return JSON.parse(response.body)
}

/** What is stored at an ARM path whose names hold neither '%' nor '/': its key is the path lower-cased. */
export function storedAt (app: FastifyInstance, path: string): StoredResource | undefined {
  return app.stores.resources.get(path.toLowerCase())
}

/** What is stored directly in a collection (`…/hubs/h/links`), in key order. */
export function storedIn (app: FastifyInstance, collectionPath: string): StoredResource[] {
  const prefix = `${collectionPath.toLowerCase()}/`
  return app.stores.resources.listAll(undefined).filter(({ key }) => key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
}

/** A stored resource as it is kept: the body its last PUT answered, parsed. */
export function storedBody (stored: { body: string } | undefined): unknown {
  return stored === undefined ? undefined : JSON.parse(stored.body)
}
