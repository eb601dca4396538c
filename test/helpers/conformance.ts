import oav from 'oav'
import type { LightMyRequestResponse } from 'fastify'
import { API_VERSIONS, LATEST_API_VERSION, type ApiVersion } from '../../src/arm/api-version.js'
import { SWAGGER_DIR } from './published.js'

/** One request a test made and the answer it got, as Azure's live validator takes them. */
export interface Exchange {
  method: string
  url: string
  status: number
  body: unknown
}

/** What the validator found wrong with an answer: its error codes, messages and where in the body. */
export interface Problem {
  code: string
  message: string
  path?: string
}

let validator: Promise<InstanceType<typeof oav.LiveValidator>> | undefined

/**
 * Azure's own OpenAPI live validator (`oav`, the one ARM's API reviews run) over both published swaggers, loaded once
 * per test process.
 */
async function liveValidator (): Promise<InstanceType<typeof oav.LiveValidator>> {
  validator ??= (async () => {
    const live = new oav.LiveValidator({
      directory: SWAGGER_DIR,
      swaggerPathsPattern: ['**/customer-insights.json'],
      git: { shouldClone: false },
      // ARM matches paths case-insensitively, and so do clients' URLs.
      isPathCaseSensitive: false,
      loadValidatorInInitialize: true
    })
    await live.initialize()
    return live
  })()
  return await validator
}

/**
 * The documented exceptions: the `default` profile's 201 on create and 204 on deleting nothing, which the swaggers
 * of most operations do not declare, are the codes the product's users asked for. A 201's body is checked as the
 * operation's 200; a 204 has none. Answers outside the swaggers are not checked here: errors (ARM's envelope, not
 * declared per operation), the `service` profile's polling URLs, and everything that is not the provider's (its
 * registration, resource groups and the rest of the ARM around it).
 */
function checked (exchange: Exchange): Exchange | undefined {
  const path = exchange.url.split('?')[0]?.toLowerCase() ?? ''
  if (!path.includes('/providers/microsoft.customerinsights') || exchange.status >= 400 || exchange.status === 204) return undefined
  if (/\/(operations|operationresults)\/[^/]+$/.test(path) && !path.startsWith('/providers/')) return undefined
  if (path.includes('/operationstatuses/')) return undefined
  // The provider's registration is Microsoft.Resources', not the provider's own.
  if (/\/providers\/microsoft\.customerinsights(\/register)?$/.test(path)) return undefined
  // With the api-version check off, a request without a version of the provider's is answered in the newest.
  // ARM reads `a//b` as `a/b`, as the emulator does (the Azure CLI writes a provider's empty parent path so).
  const url = new URL(exchange.url.replace(/^([^?]*)/, (path) => path.replace(/\/{2,}/g, '/')), 'https://management.azure.com')
  if (!API_VERSIONS.includes(url.searchParams.get('api-version') as ApiVersion)) url.searchParams.set('api-version', LATEST_API_VERSION)
  return { ...exchange, url: `${url.pathname}${url.search}` }
}

/** The status the swagger is asked about: a 201 the operation does not declare is checked as its 200. */
async function declaredStatus (live: InstanceType<typeof oav.LiveValidator>, exchange: Exchange): Promise<number> {
  if (exchange.status !== 201) return exchange.status
  const result = await live.validateLiveResponse(
    { statusCode: '201', headers: { 'content-type': 'application/json' }, body: exchange.body as Record<string, unknown> },
    { url: `https://management.azure.com${exchange.url}`, method: exchange.method })
  return result.errors.some((error) => error.code === 'INVALID_RESPONSE_CODE') ? 200 : 201
}

/** What Azure's validator finds wrong with an answer, against its api-version's swagger; [] when it conforms. */
export async function conformanceProblems (exchange: Exchange): Promise<Problem[]> {
  const subject = checked(exchange)
  if (subject === undefined) return []
  const live = await liveValidator()
  const status = await declaredStatus(live, subject)
  const result = await live.validateLiveResponse(
    { statusCode: String(status), headers: { 'content-type': 'application/json' }, body: subject.body as Record<string, unknown> },
    { url: `https://management.azure.com${subject.url}`, method: subject.method })
  const problems: Problem[] = result.errors.map((error) => ({ code: error.code, message: error.message, path: error.pathsInPayload.join(', ') }))
  if (result.runtimeException !== undefined) problems.push({ code: result.runtimeException.code, message: result.runtimeException.message })
  return problems
}

/** An exchange made through `inject`. */
export function exchangeOf (method: string, url: string, response: LightMyRequestResponse): Exchange {
  const text = response.body
  const isJson = String(response.headers['content-type'] ?? '').startsWith('application/json')
  return { method, url, status: response.statusCode, body: isJson && text !== '' ? JSON.parse(text) as unknown : undefined }
}
