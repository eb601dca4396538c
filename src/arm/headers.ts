import type { IncomingMessage } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { JournalRecord } from '../journal.js'

/** The media type of every body the emulator answers. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

export const REQUEST_ID_HEADER = 'x-ms-request-id'
export const CORRELATION_ID_HEADER = 'x-ms-correlation-request-id'
export const CLIENT_REQUEST_ID_HEADER = 'x-ms-client-request-id'
export const RETURN_CLIENT_REQUEST_ID_HEADER = 'x-ms-return-client-request-id'

const kCorrelationId = Symbol('correlationId')
type WithCorrelationId = IncomingMessage & { [kCorrelationId]?: string }

/**
 * Fastify's request-id generator: every request gets a new GUID as its `x-ms-request-id`. Its correlation id, the
 * client's or a new GUID, is settled here too, so the logs and the response carry the same value.
 */
export function requestIdGenerator (newId: () => string) {
  return function genReqId (req: WithCorrelationId): string {
    const sent = req.headers[CORRELATION_ID_HEADER]
    req[kCorrelationId] = typeof sent === 'string' && sent !== '' ? sent : newId()
    return newId()
  }
}

export function correlationIdOf (req: WithCorrelationId): string {
  return String(req[kCorrelationId])
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
export function journalRecord (request: FastifyRequest, reply: FastifyReply, now: number): JournalRecord {
  const clientRequestId = request.headers[CLIENT_REQUEST_ID_HEADER]
  return {
    at: now,
    method: request.method,
    url: request.url,
    status: reply.statusCode,
    requestId: request.id,
    correlationId: correlationIdOf(request.raw),
    clientRequestId: typeof clientRequestId === 'string' ? clientRequestId : undefined,
    elapsedMs: reply.elapsedTime
  }
}
