import type { FastifyRequest } from 'fastify'
import { missingApiVersionParameter, noRegisteredProviderFound } from '../errors.js'

export const API_VERSION = '2017-04-26'

export const SKIP_API_VERSION_CHECK_ENV = 'EMULATOR_SKIP_API_VERSION_CHECK'
export const SKIP_API_VERSION_CHECK_FLAG = '--skip-api-version-check'
export const SKIP_API_VERSION_CHECK_HINT =
  `(The emulator skips this check when started with ${SKIP_API_VERSION_CHECK_ENV}=1 or ${SKIP_API_VERSION_CHECK_FLAG}.)`

/** Query parameters as the ARM routes see them: names lower-cased, since ARM treats them case-insensitively. */
export interface ArmQuery {
  'api-version'?: string | string[]
  $skiptoken?: string | string[]
}

/** Builds the onRequest hook that runs ARM's api-version check before anything else about the request is looked at. */
export function apiVersionCheck (enabled: boolean) {
  return async function checkApiVersion (request: FastifyRequest): Promise<void> {
    if (!enabled) return
    const apiVersion = (request.query as ArmQuery)['api-version']
    if (apiVersion === undefined || apiVersion === '') throw missingApiVersionParameter()
    if (apiVersion !== API_VERSION) throw noRegisteredProviderFound(String(apiVersion))
  }
}
