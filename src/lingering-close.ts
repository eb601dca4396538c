import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { Socket } from 'node:net'

// An answer given before its request's body has all arrived (413, 415, 401, 404, 405) must not be followed by a
// close while the client is still sending: closing a socket with unread data makes the kernel send a reset, and a
// client still writing then fails with EPIPE or ECONNRESET, often before it has read the answer. So, as nginx and
// RFC 9112 §9.6 do, the rest of such a body is read and discarded, within bounds, before the connection is closed.

/** How long after the answer the rest of a body is read at most: nginx's `lingering_time` (30 s by default). */
export const LINGERING_TIME_MS = 30_000
/** How long the client may pause its body before the connection is closed anyway: nginx's `lingering_timeout` (5 s). */
export const LINGERING_TIMEOUT_MS = 5_000
/**
 * How much of a body is discarded at most. nginx bounds only the time; at loopback speed that is gigabytes, so the
 * bytes are bounded too: 16 MiB covers any body a client would send by mistake (many times the 1 MiB limit) and costs
 * a few milliseconds of parsing, or of decrypting on HTTPS.
 */
export const LINGERING_MAX_BYTES = 16 * 1024 * 1024

/** The connections of one server that are discarding the rest of an answered request's body. */
export interface LingeringConnections {
  /** Closes them all now: the server is shutting down. */
  closeAll: () => void
}

/**
 * Makes a server read the rest of a body it answered early before it closes the connection, or, when the answer
 * keeps the connection alive, before it reads the next request. Either way within the bounds above and the
 * request timeout: a client cannot hold a connection longer than its request may take.
 */
export function lingerOnEarlyAnswers (server: Server, requestTimeoutMs: number): LingeringConnections {
  const lingering = new Set<Socket>()

  function watchRequest (request: IncomingMessage, response: ServerResponse): void {
    if (!mayHaveBody(request)) return
    const arrivedAt = performance.now()
    const socket = request.socket
    // After an answer that ends the connection, Node's HTTP server calls destroySoon(): it ends the socket and
    // destroys it as soon as the answer is written, with the rest of the body unread. Only ending it keeps reading.
    socket.destroySoon = function closeAfterBody (this: Socket): void {
      if (request.complete) Socket.prototype.destroySoon.call(this)
      else this.end()
    }
    // Before Node's own 'finish' handling, which would otherwise drop the rest of a body nobody reads, uncounted.
    response.prependOnceListener('finish', () => {
      if (!request.complete) discardRest(request, socket, requestTimeoutMs - (performance.now() - arrivedAt))
    })
  }

  function discardRest (request: IncomingMessage, socket: Socket, requestTimeLeftMs: number): void {
    /* c8 ignore next -- a client that resets the connection just as the answer is flushed; nothing is left to read */
    if (socket.destroyed) return
    lingering.add(socket)
    let discardedBytes = 0
    const closeNow = (): void => { socket.destroy() }
    const deadline = setTimeout(closeNow, Math.max(0, Math.min(LINGERING_TIME_MS, requestTimeLeftMs)))
    const pause = setTimeout(closeNow, LINGERING_TIMEOUT_MS)
    function onData (chunk: Buffer): void {
      discardedBytes += chunk.length
      if (discardedBytes > LINGERING_MAX_BYTES) closeNow()
      else pause.refresh()
    }
    function stop (): void {
      clearTimeout(deadline)
      clearTimeout(pause)
      request.off('data', onData)
      socket.off('close', stop)
      lingering.delete(socket)
    }
    request.on('data', onData)
    request.once('end', () => {
      stop()
      // The body has all been read: a connection the answer ended can now close without a reset; a kept-alive one
      // goes on to its next request.
      if (socket.writableEnded) Socket.prototype.destroySoon.call(socket)
    })
    socket.once('close', stop)
  }

  // Before the app's own listener, which may answer at once.
  server.prependListener('request', watchRequest)
  // The request timeout still runs for a body being discarded. Its 408 would follow the answer already given, so
  // such a connection is closed without one (the app's own handler writes nothing to a destroyed socket).
  server.prependListener('clientError', (_error: Error, socket: Socket) => {
    if (lingering.has(socket)) socket.destroy()
  })
  return {
    closeAll: () => { for (const socket of lingering) socket.destroy() }
  }
}

/** A request without `Content-Length` or `Transfer-Encoding` has no body (RFC 9112 §6.3). */
function mayHaveBody (request: IncomingMessage): boolean {
  const declared = request.headers['content-length']
  return request.headers['transfer-encoding'] !== undefined || (declared !== undefined && declared !== '0')
}
