import type { FastifyReply, FastifyRequest } from 'fastify'
import { authenticationFailed } from '../errors.js'
import { EMULATOR_PATH_PREFIX } from '../../routes/emulator.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route a client calls before it has a token: the cloud's metadata, the token service. */
    anonymous?: boolean
  }
}

/**
 * ARM authenticates a request before anything else. Any bearer token is accepted: the emulator checks that one is
 * sent, as ARM would refuse a request without, so a client's credential wiring is exercised.
 */
export function authorizationCheck (required: boolean) {
  return function checkAuthorization (request: FastifyRequest, reply: FastifyReply): void {
    if (!required || request.routeOptions.config.anonymous === true || request.url.startsWith(EMULATOR_PATH_PREFIX)) return
    if (/^Bearer \S/i.test(request.headers.authorization ?? '')) return
    // ARM's challenge names where a token comes from; clients read it to decide whether to retry.
    void reply.header('www-authenticate',
      'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", ' +
      'error_description="The authentication failed because of missing \'Authorization\' header."')
    throw authenticationFailed(request.headers.authorization === undefined)
  }
}
