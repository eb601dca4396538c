import type { FastifyRequest } from 'fastify'
import { invalidSkipToken } from '../errors.js'
import type { ArmQuery } from './api-version.js'
import { pathOf } from './query.js'

/** Version 2: the whole key of the last item, since a subscription's listing spans resource groups. */
const SKIP_TOKEN_VERSION = 2

/** The opaque `$skipToken`: the stored key of the last item of the previous page, so pages stay stable under writes. */
export function encodeSkipToken (afterKey: string): string {
  return Buffer.from(JSON.stringify({ v: SKIP_TOKEN_VERSION, after: afterKey })).toString('base64url')
}

/** The key to continue after: '' without a token. Throws InvalidSkipToken for a token this emulator did not issue. */
export function skipTokenOf (request: FastifyRequest): string {
  const token = (request.query as ArmQuery).$skiptoken
  if (token === undefined) return ''
  if (typeof token !== 'string') throw invalidSkipToken()
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    if (typeof decoded === 'object' && decoded !== null && 'v' in decoded && decoded.v === SKIP_TOKEN_VERSION &&
      'after' in decoded && typeof decoded.after === 'string') return decoded.after
  } catch {
    // Not base64url JSON: fall through to the ARM error.
  }
  throw invalidSkipToken()
}

/**
 * An absolute URL on the emulator's own origin, in the request's api-version (the provider's, or the one an ARM route of
 * its own was asked in), that an SDK follows verbatim; `kept` are query parameters the next page needs too (`$filter`).
 */
export function nextLink (
  request: FastifyRequest, afterKey: string, apiVersion: string = request.apiVersion, kept: Readonly<Record<string, string | undefined>> = {}
): string {
  const query = new URLSearchParams({ 'api-version': apiVersion })
  for (const [name, value] of Object.entries(kept)) if (value !== undefined) query.set(name, value)
  query.set('$skipToken', encodeSkipToken(afterKey))
  return `${request.protocol}://${request.host}${pathOf(request.url)}?${query.toString()}`
}
