import type { Socket } from 'node:net'
import { STATUS_CODES } from 'node:http'
import { ArmError } from '../errors.js'
import { REQUEST_ID_HEADER } from './headers.js'

/** What Node's HTTP parser reports before a request exists, by status code. */
function clientErrorOf (error: Error & { code?: string }): ArmError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ArmError(431, 'RequestHeaderFieldsTooLarge', 'The request headers are too large.')
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ArmError(408, 'RequestTimeout', 'The request was not received in time.')
    default:
      return new ArmError(400, 'BadRequest', 'The request is not valid HTTP.')
  }
}

/**
 * Fastify's client-error handler: a request Node could not even parse still gets an ARM error body and a
 * request id, written straight to the socket since there is no request to reply to.
 */
export function clientErrorHandler (newId: () => string) {
  return function handleClientError (error: Error & { code?: string }, socket: Socket): void {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const armError = clientErrorOf(error)
    const body = JSON.stringify(armError.toBody())
    socket.end(
      `HTTP/1.1 ${armError.statusCode} ${String(STATUS_CODES[armError.statusCode])}\r\n` +
      `${REQUEST_ID_HEADER}: ${newId()}\r\n` +
      `Date: ${new Date().toUTCString()}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
    )
  }
}
