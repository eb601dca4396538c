import type { IncomingMessage } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { JournalEntry } from '../journal.js'
import { pathOf } from './query.js'

export const REQUEST_ID_HEADER = 'x-ms-request-id'
export const CORRELATION_ID_HEADER = 'x-ms-correlation-request-id'
export const CLIENT_REQUEST_ID_HEADER = 'x-ms-client-request-id'
export const RETURN_CLIENT_REQUEST_ID_HEADER = 'x-ms-return-client-request-id'

/**
 * Fastify's request-id generator: every request gets a new GUID as its `x-ms-request-id`. A request that
 * brings no correlation id is given one here, so the logs and the response carry the same value.
 */
export function requestIdGenerator (newId: () => string) {
  return function genReqId (req: IncomingMessage): string {
    const correlationId = req.headers[CORRELATION_ID_HEADER]
    if (typeof correlationId !== 'string' || correlationId === '') req.headers[CORRELATION_ID_HEADER] = newId()
    return newId()
  }
}

export function correlationIdOf (req: IncomingMessage): string {
  return String(req.headers[CORRELATION_ID_HEADER])
}

/** The ARM headers every response carries, errors included. */
export function setArmHeaders (request: FastifyRequest, reply: FastifyReply): void {
  reply.header(REQUEST_ID_HEADER, request.id)
  reply.header(CORRELATION_ID_HEADER, correlationIdOf(request.raw))
  const clientRequestId = request.headers[CLIENT_REQUEST_ID_HEADER]
  if (typeof clientRequestId === 'string' && request.headers[RETURN_CLIENT_REQUEST_ID_HEADER]?.toString().toLowerCase() === 'true') {
    reply.header(CLIENT_REQUEST_ID_HEADER, clientRequestId)
  }
}

/** What the journal keeps of an answered request: the ids it was answered with, so a test can find it in the logs. */
export function journalEntry (request: FastifyRequest, reply: FastifyReply, now: number): JournalEntry {
  const clientRequestId = request.headers[CLIENT_REQUEST_ID_HEADER]
  return {
    time: new Date(now).toISOString(),
    method: request.method,
    path: pathOf(request.url),
    status: reply.statusCode,
    requestId: request.id,
    correlationId: correlationIdOf(request.raw),
    ...(typeof clientRequestId === 'string' && { clientRequestId }),
    durationMs: Math.round(reply.elapsedTime * 1000) / 1000
  }
}
