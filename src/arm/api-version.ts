import { invalidApiVersionParameter, missingApiVersionParameter, noRegisteredProviderFound } from '../errors.js'

/**
 * The published api-versions of Microsoft.CustomerInsights, newest first: a client that picks a version from the
 * provider's registration (the Azure CLI takes the first stable one) gets the newest.
 */
export const API_VERSIONS = ['2017-04-26', '2017-01-01'] as const
export type ApiVersion = typeof API_VERSIONS[number]
export const LATEST_API_VERSION: ApiVersion = API_VERSIONS[0]

export const SKIP_API_VERSION_CHECK_ENV = 'EMULATOR_SKIP_API_VERSION_CHECK'
export const SKIP_API_VERSION_CHECK_FLAG = '--skip-api-version-check'
export const SKIP_API_VERSION_CHECK_HINT =
  `(The emulator skips this check when started with ${SKIP_API_VERSION_CHECK_ENV}=1 or ${SKIP_API_VERSION_CHECK_FLAG}.)`

/** Query parameters as the ARM routes see them: names lower-cased, since ARM treats them case-insensitively. */
export interface ArmQuery {
  'api-version'?: string | string[]
  $skiptoken?: string | string[]
  $filter?: string | string[]
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The api-version the request is served in: the one it asked for, or with the check off the newest its type has. */
    apiVersion: ApiVersion
    /** The api-version a route of ARM's own (resource groups, subscriptions) is served in. */
    resourceManagerApiVersion: string
  }
}

/**
 * ARM's api-version check, run before anything else about the request is looked at: the version the request is served
 * in. `supported` lists the versions of the request's resource type, newest first; `typePath` names the type as ARM's
 * message does (`hubs/links`). With the check off, a missing or unknown version is served as the newest supported.
 */
export function resolveApiVersion (
  query: ArmQuery, supported: readonly ApiVersion[], typePath: string, check: boolean
): ApiVersion {
  const requested = query['api-version']
  // The common case, a version the type has, costs two comparisons.
  if (requested === supported[0] || (supported.length > 1 && supported.includes(requested as ApiVersion))) return requested as ApiVersion
  if (!check) return supported[0] as ApiVersion
  if (requested === undefined || requested === '') throw missingApiVersionParameter()
  throw noRegisteredProviderFound(String(requested), typePath, supported)
}

/**
 * The same check for ARM's own routes (resource groups, subscriptions, the cloud's metadata), which have versions of
 * their own: `supported` lists them newest first. With the check off, a missing or unknown version is served as the newest.
 */
export function resolveResourceManagerApiVersion (query: ArmQuery, supported: readonly string[], check: boolean): string {
  const requested = query['api-version']
  if (typeof requested === 'string' && supported.includes(requested)) return requested
  if (!check) return supported[0] as string
  if (requested === undefined || requested === '') throw missingApiVersionParameter()
  throw invalidApiVersionParameter(String(requested), supported)
}
