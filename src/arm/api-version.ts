import type { FastifyRequest } from 'fastify'
import { missingApiVersionParameter, noRegisteredProviderFound } from '../errors.js'
import { syncHook } from './routing.js'

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

/** ARM's api-version check, run before anything else about the request is looked at. */
export function checkApiVersion (request: FastifyRequest): void {
  const apiVersion = (request.query as ArmQuery)['api-version']
  if (apiVersion === undefined || apiVersion === '') throw missingApiVersionParameter()
  if (apiVersion !== API_VERSION) throw noRegisteredProviderFound(String(apiVersion))
}

/** The onRequest hooks of an ARM route: the api-version check, unless it is switched off. */
export function apiVersionHooks (enabled: boolean) {
  return enabled ? [syncHook(checkApiVersion)] : []
}
