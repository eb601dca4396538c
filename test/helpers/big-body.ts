// A plain Node client sending a body the server will refuse, as an SDK or a script would: node:http or node:https
// `request`, writing the whole body, declared by Content-Length or chunked.
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

export const MiB = 1024 * 1024
/** What a streaming client writes at a time. */
const PIECE_BYTES = 64 * 1024

export interface BigBodyRequest {
  method: string
  headers?: Record<string, string>
  bytes: number
  /** Streamed in pieces with `Transfer-Encoding: chunked` rather than written at once with its `Content-Length`. */
  chunked: boolean
  /** The CA to trust, for an https: URL. */
  ca?: string | undefined
  /** By default a connection of its own; a keep-alive agent to see what becomes of a pooled connection. */
  agent?: HttpAgent | HttpsAgent | false
}

export interface BigBodyOutcome {
  status: number
  headers: IncomingHttpHeaders
  body: string
  /** An error of the request after its answer was read in full (the client's writes failing). */
  errorAfterAnswer: string | undefined
  /** Whether the connection was closed within CLOSE_WAIT_MS of the answer and of the end of the request. */
  connectionClosed: boolean
}

/** How long, after the answer and the whole body, the connection is expected to take to close. */
const CLOSE_WAIT_MS = 2000

/**
 * Sends the request and resolves once the answer has been read in full and the body written (or the writing has
 * failed). Rejects when the request fails before its answer has been read: the failure this helper is for.
 */
export async function sendBigBody (url: string, options: BigBodyRequest): Promise<BigBodyOutcome> {
  const body = Buffer.alloc(options.bytes, 'x')
  const send = url.startsWith('https:') ? httpsRequest : httpRequest
  const headers = { 'content-type': 'application/json', ...options.headers, ...(options.chunked && { 'transfer-encoding': 'chunked' }) }
  return await new Promise((resolve, reject) => {
    let answer: Omit<BigBodyOutcome, 'errorAfterAnswer' | 'connectionClosed'> | undefined
    let errorAfterAnswer: string | undefined
    let written = false
    let settled = false
    const request = send(url, { method: options.method, headers, ca: options.ca, agent: options.agent ?? false }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => { text += chunk })
      response.on('end', () => {
        answer = { status: response.statusCode ?? 0, headers: response.headers, body: text }
        settle()
      })
    })
    request.on('error', (error: Error & { code?: string }) => {
      if (answer === undefined) {
        reject(error)
        return
      }
      errorAfterAnswer = error.code ?? error.message
      written = true
      settle()
    })
    request.on('finish', () => { written = true; settle() })
    // A client that has read `Connection: close` ends its side and writes no more of a streamed body.
    request.on('close', () => { written = true; settle() })

    function settle (): void {
      if (answer === undefined || !written || settled) return
      settled = true
      const { socket } = request
      const read = answer
      const closed = new Promise<boolean>((resolveClosed) => {
        if (socket === null || socket.destroyed) { resolveClosed(true); return }
        const timer = setTimeout(() => { resolveClosed(false) }, CLOSE_WAIT_MS)
        socket.once('close', () => { clearTimeout(timer); resolveClosed(true) })
      })
      void closed.then((connectionClosed) => { resolve({ ...read, errorAfterAnswer, connectionClosed }) })
    }

    if (!options.chunked) {
      request.end(body)
      return
    }
    let offset = 0
    function pump (): void {
      while (offset < body.length) {
        const more = request.write(body.subarray(offset, offset + PIECE_BYTES))
        offset += PIECE_BYTES
        if (!more) {
          request.once('drain', pump)
          return
        }
      }
      request.end()
    }
    pump()
  })
}
