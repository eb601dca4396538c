import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { methodNotAllowed } from '../errors.js'

/** The methods an ARM client may send; any of them on a known route that does not serve it is a 405. */
const HTTP_METHODS = ['GET', 'PUT', 'DELETE', 'POST', 'PATCH', 'OPTIONS'] as const

/**
 * Registers the 405 answer for the methods a known route does not serve. It is given in onRequest, before the
 * body is read, because ARM checks the route before anything else about a request.
 */
export function rejectOtherMethods (app: FastifyInstance, url: string, allowed: readonly string[]): void {
  async function rejectMethod (request: FastifyRequest): Promise<never> {
    throw methodNotAllowed(request.method, allowed)
  }
  app.route({
    method: HTTP_METHODS.filter((method) => !allowed.includes(method)),
    url,
    onRequest: rejectMethod,
    handler: rejectMethod
  })
}

/**
 * A synchronous check as a callback-style hook: on every request's path, a callback costs less than an async
 * function's promise. What the check throws fails the request.
 */
export function syncHook (check: (request: FastifyRequest, reply: FastifyReply) => void) {
  return function hook (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    try {
      check(request, reply)
    } catch (error) {
      done(error as Error)
      return
    }
    done()
  }
}
