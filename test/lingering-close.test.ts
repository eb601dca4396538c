import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { connect as connectTcp, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import t from 'tap'
import { LINGERING_MAX_BYTES } from '../src/lingering-close.js'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../src/server.js'
import { HUB_PATH, url } from './helpers/app.js'
import { MiB, sendBigBody } from './helpers/big-body.js'

const REQUEST_TIMEOUT_MS = 1000
/** How often a half-open client writes to learn whether the server has closed the connection. */
const PROBE_MS = 20
/** Attempts per transport and kind of body here; the reliability suite makes many more against the built emulator. */
const ATTEMPTS = 3
const LINK = url(`${HUB_PATH}/links/Big`)
const TOO_LARGE = { error: { code: 'RequestEntityTooLarge', message: 'The request content exceeds the maximum size of 1048576 bytes.' } }

async function emulatorFor (t: { teardown: (fn: () => unknown) => void }, overrides: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator({ logLevel: 'silent', requestTimeoutMs: REQUEST_TIMEOUT_MS, ...overrides })
  t.teardown(() => emulator.close())
  return emulator
}

function origins (emulator: RunningEmulator): { http: string, https: string } {
  return { http: emulator.httpUrl, https: String(emulator.httpsUrl).replace('127.0.0.1', 'localhost') }
}

interface RawAnswer { status: number, headers: string, body: string }

/**
 * A connection written byte for byte, reading answers as they come. It does not end its side when the server ends
 * its own, so it can keep sending as a hostile or careless client would.
 */
class RawConnection {
  readonly socket: Socket
  readonly opened = performance.now()
  received = Buffer.alloc(0)
  /** When the server ended its side, and when the connection closed, in ms since it was opened. */
  endedAfterMs: number | undefined
  readonly closed: Promise<number>
  private consumed = 0
  private waiting: (() => void) | undefined

  constructor (origin: string, ca: string | undefined) {
    const { protocol, hostname, port } = new URL(origin)
    const tcp = connectTcp({ host: hostname, port: Number(port), allowHalfOpen: true })
    // A TLS socket over it keeps its half-open setting.
    this.socket = protocol === 'https:' ? connectTls({ socket: tcp, ca, servername: hostname }) : tcp
    this.socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk])
      this.waiting?.()
    })
    this.socket.on('end', () => { this.endedAfterMs = performance.now() - this.opened })
    // A write after the server has closed fails; what it answered is read all the same.
    this.socket.on('error', () => undefined)
    this.closed = new Promise((resolve) => {
      this.socket.on('close', () => {
        this.waiting?.()
        resolve(performance.now() - this.opened)
      })
    })
  }

  write (data: string | Buffer): void {
    this.socket.write(data)
  }

  /** The next whole answer on the connection, or undefined if it closes first. */
  async nextAnswer (): Promise<RawAnswer | undefined> {
    for (;;) {
      const rest = this.received.subarray(this.consumed)
      const headEnd = rest.indexOf('\r\n\r\n')
      if (headEnd !== -1) {
        const headers = rest.subarray(0, headEnd).toString('latin1')
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(headers)?.[1] ?? 0)
        if (rest.length >= headEnd + 4 + length) {
          this.consumed += headEnd + 4 + length
          const body = rest.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8')
          return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1]), headers, body }
        }
      }
      if (this.socket.destroyed) return undefined
      await new Promise<void>((resolve) => { this.waiting = resolve })
    }
  }

  /**
   * When the server closed the connection, in ms since it was opened. A half-open client learns of it only by
   * writing (the server's kernel answers with a reset), so this writes a byte every few milliseconds until then.
   */
  async closedByServer (): Promise<number> {
    const probe = setInterval(() => { this.socket.write('x') }, PROBE_MS)
    const closedAfterMs = await this.closed
    clearInterval(probe)
    return closedAfterMs
  }

  /** How many answers have come on the connection in all. */
  answerCount (): number {
    return this.received.toString('latin1').match(/HTTP\/1\.1 \d{3} /g)?.length ?? 0
  }
}

function head (method: string, path: string, headers: Record<string, string>): string {
  return [`${method} ${path} HTTP/1.1`, 'Host: localhost', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)]
    .join('\r\n') + '\r\n\r\n'
}

t.test('a 413 to a body still arriving is read in full every time, over HTTP and HTTPS, declared or chunked', async (t) => {
  const emulator = await emulatorFor(t)
  const origin = origins(emulator)
  for (const transport of ['http', 'https'] as const) {
    for (const kind of [{ chunked: false, bytes: 8 * MiB }, { chunked: true, bytes: 3 * MiB }]) {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const outcome = await sendBigBody(`${origin[transport]}${LINK}`, { method: 'PUT', ca: emulator.caCertificate, ...kind })
        t.strictSame(
          { ...outcome, headers: { connection: outcome.headers.connection }, body: JSON.parse(outcome.body) as unknown },
          { status: 413, headers: { connection: 'close' }, body: TOO_LARGE, errorAfterAnswer: undefined, connectionClosed: true },
          `${transport}, ${kind.chunked ? 'chunked' : 'declared'}, attempt ${String(attempt + 1)}: the 413 read, the body written, the connection closed`
        )
      }
    }
  }
})

t.test('a keep-alive client gets the 413, then a closed connection rather than a hang', async (t) => {
  const emulator = await emulatorFor(t)
  const origin = origins(emulator)
  for (const transport of ['http', 'https'] as const) {
    const agent = transport === 'http' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true })
    t.teardown(() => { agent.destroy() })
    for (const chunked of [false, true]) {
      const outcome = await sendBigBody(`${origin[transport]}${LINK}`, { method: 'PUT', ca: emulator.caCertificate, chunked, bytes: 3 * MiB, agent })
      t.strictSame(
        { status: outcome.status, body: JSON.parse(outcome.body) as unknown, connection: outcome.headers.connection, closed: outcome.connectionClosed },
        { status: 413, body: TOO_LARGE, connection: 'close', closed: true },
        `${transport}, ${chunked ? 'chunked' : 'declared'}: the 413, then the pooled connection closed`
      )
      t.strictSame(Object.keys(agent.freeSockets), [], 'and not kept for another request')
    }
  }
})

t.test('a body refused after it was read whole (malformed JSON) is answered, then the connection closes', async (t) => {
  const emulator = await emulatorFor(t)
  const outcome = await sendBigBody(`${emulator.httpUrl}${LINK}`, { method: 'PUT', chunked: false, bytes: 512 * 1024 })
  t.equal(outcome.status, 400)
  t.match(JSON.parse(outcome.body), { error: { code: 'InvalidRequestContent' } })
  t.equal(outcome.headers.connection, 'close')
  t.ok(outcome.connectionClosed)
})

t.test('an answer given before the body (401, 404, 405, 415) keeps the connection: the body is read, then the next request', async (t) => {
  const emulator = await emulatorFor(t, { requireAuth: true })
  const origin = origins(emulator)
  const bearer = { Authorization: 'Bearer token' }
  const cases = [
    { method: 'PUT', path: LINK, headers: { 'Content-Type': 'application/json' }, status: 401, code: 'AuthenticationFailed' },
    { method: 'PUT', path: url('/nowhere'), headers: { ...bearer, 'Content-Type': 'application/json' }, status: 404, code: 'NotFound' },
    { method: 'POST', path: LINK, headers: { ...bearer, 'Content-Type': 'application/json' }, status: 405, code: 'MethodNotAllowed' },
    { method: 'PUT', path: LINK, headers: { ...bearer, 'Content-Type': 'text/plain' }, status: 415, code: 'UnsupportedMediaType' }
  ]
  for (const transport of ['http', 'https'] as const) {
    for (const early of cases) {
      const connection = new RawConnection(origin[transport], emulator.caCertificate)
      const bodyBytes = 2 * MiB
      connection.write(head(early.method, early.path, { ...early.headers, 'Content-Length': String(bodyBytes) }))
      const answer = await connection.nextAnswer()
      t.equal(answer?.status, early.status, `${transport} ${String(early.status)}: answered before any of the body was sent`)
      t.match(JSON.parse(String(answer?.body)), { error: { code: early.code } })
      t.match(answer?.headers, /\r\nconnection: keep-alive/i)
      connection.write(Buffer.alloc(bodyBytes, 'x'))
      connection.write(head('GET', '/_emulator/health', {}))
      const next = await connection.nextAnswer()
      t.equal(next?.status, 200, `${transport} ${String(early.status)}: the body was read and the connection serves the next request`)
      connection.socket.destroy()
    }
  }
})

t.test('bounds: a client that never stops sending is cut off once 16 MiB of a refused body are discarded', async (t) => {
  const emulator = await emulatorFor(t)
  for (const transport of ['http', 'https'] as const) {
    const connection = new RawConnection(origins(emulator)[transport], emulator.caCertificate)
    const declared = 4 * LINGERING_MAX_BYTES
    connection.write(head('PUT', LINK, { 'Content-Type': 'application/json', 'Content-Length': String(declared) }))
    const piece = Buffer.alloc(MiB, 'x')
    let written = 0
    while (written < declared && !connection.socket.destroyed) {
      if (!connection.socket.write(piece)) {
        await Promise.race([new Promise((resolve) => connection.socket.once('drain', resolve)), connection.closed])
      }
      written += piece.length
    }
    const answer = await connection.nextAnswer()
    t.equal(answer?.status, 413, `${transport}: the answer came first`)
    await connection.closed
    t.ok(written >= LINGERING_MAX_BYTES && written < declared, `${transport}: cut off after ${String(written / MiB)} MiB written`)
  }
})

t.test('bounds: a client that trickles its body after a 413 is closed at the request timeout, with no second answer', async (t) => {
  const emulator = await emulatorFor(t)
  for (const transport of ['http', 'https'] as const) {
    const connection = new RawConnection(origins(emulator)[transport], emulator.caCertificate)
    connection.write(head('PUT', LINK, { 'Content-Type': 'application/json', 'Content-Length': String(2 * MiB) }))
    connection.write(Buffer.alloc(64 * 1024, 'x'))
    t.equal((await connection.nextAnswer())?.status, 413)
    const closedAfterMs = await connection.closedByServer()
    t.ok(connection.endedAfterMs !== undefined && connection.endedAfterMs < REQUEST_TIMEOUT_MS / 2,
      `${transport}: the server ended its side with the answer, after ${String(connection.endedAfterMs)} ms`)
    t.ok(closedAfterMs >= REQUEST_TIMEOUT_MS * 0.9 && closedAfterMs < REQUEST_TIMEOUT_MS * 2,
      `${transport}: and closed the connection after ${closedAfterMs.toFixed(0)} ms`)
    t.equal(connection.answerCount(), 1)
  }
})

t.test('bounds: a kept-alive connection whose body stalls after an early answer gets no 408 on top of it', async (t) => {
  const emulator = await emulatorFor(t, { requireAuth: true })
  for (const transport of ['http', 'https'] as const) {
    const connection = new RawConnection(origins(emulator)[transport], emulator.caCertificate)
    // The request line comes early and the rest of the head late, so Node's own request timeout, counted from the
    // request line, runs out while the body is being discarded.
    connection.write(`PUT ${LINK} HTTP/1.1\r\n`)
    await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS / 2))
    connection.write(head('PUT', LINK, { 'Content-Type': 'application/json', 'Content-Length': String(MiB) }).replace(/^.*\r\n/, ''))
    t.equal((await connection.nextAnswer())?.status, 401)
    const closedAfterMs = await connection.closedByServer()
    t.ok(closedAfterMs < REQUEST_TIMEOUT_MS * 2, `${transport}: closed after ${closedAfterMs.toFixed(0)} ms`)
    t.equal(connection.answerCount(), 1, `${transport}: the 401 is the only answer`)
  }
})

t.test('closing the emulator does not wait for a connection discarding a refused body', async (t) => {
  const emulator = await startEmulator({ logLevel: 'silent' })
  const connection = new RawConnection(emulator.httpUrl, undefined)
  connection.write(head('PUT', LINK, { 'Content-Type': 'application/json', 'Content-Length': String(2 * MiB) }))
  t.equal((await connection.nextAnswer())?.status, 413)
  const started = performance.now()
  await emulator.close()
  const closeMs = performance.now() - started
  t.ok(closeMs < 1000, `closed in ${closeMs.toFixed(0)} ms, not after the 30 s request timeout`)
  await connection.closedByServer()
})
