import { connect } from 'node:net'
import t from 'tap'
import fc from 'fast-check'
import { API, HUB, dataDir, linkBody, startEmulatorProcess } from './helpers.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000)

interface Reply { status: number, body: string }

/**
 * One request written byte for byte on its own keep-alive connection, so nothing in a client library tidies it up.
 * Like any HTTP client, it stops sending a body once the answer has come: a server may answer early (400, 413).
 */
async function rawRequest (port: number, method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<Reply> {
  const socket = connect(port, '127.0.0.1')
  let received = Buffer.alloc(0)
  const state = { answered: false }
  const done = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      const headEnd = received.indexOf('\r\n\r\n')
      if (headEnd === -1) return
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(received.subarray(0, headEnd).toString('latin1'))?.[1] ?? 0)
      if (received.length >= headEnd + 4 + length) {
        state.answered = true
        socket.destroy()
        resolve()
      }
    })
    socket.on('close', () => { resolve() })
  })
  // A write after the server has closed fails; what was answered is read all the same.
  socket.on('error', () => undefined)
  const head = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Length: ${String(body.length)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)].join('\r\n')
  socket.write(Buffer.from(`${head}\r\n\r\n`, 'latin1'))
  const PIECE = 64 * 1024
  for (let offset = 0; offset < body.length && !state.answered && !socket.destroyed; offset += PIECE) {
    if (!socket.write(body.subarray(offset, offset + PIECE))) {
      await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), done])
    }
  }
  await done
  const raw = received.toString('latin1')
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0)
  const bodyStart = raw.indexOf('\r\n\r\n')
  return { status, body: bodyStart === -1 ? '' : Buffer.from(raw.slice(bodyStart + 4), 'latin1').toString('utf8') }
}

const percentTricks = fc.constantFrom('%2e%2e', '%2F', '%00', '%zz', '%C3%28', '%E0%A4%A', '%FF', '%252F', '..', '%5c', '%u0041', '%')
const nameArbitrary = fc.oneof(
  fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{1,20}$/),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent),
  fc.array(fc.oneof(percentTricks, fc.stringMatching(/^[a-z0-9._~-]{0,5}$/)), { maxLength: 6 }).map((parts) => parts.join('')),
  fc.integer({ min: 400, max: 6000 }).map((length) => `a${'b'.repeat(length)}`),
  fc.constantFrom('../../etc/passwd', '..%2F..%2Fetc', '%2e%2e%2f%2e%2e', 'a/../b', '', '%20', 'name with spaces'.replaceAll(' ', '%20'))
)
const pathArbitrary = fc.oneof(
  fc.record({ collection: fc.constantFrom('links', 'relationshipLinks', 'LINKS', 'widgets'), name: nameArbitrary })
    .map(({ collection, name }) => `${HUB}/${collection}/${name}`),
  fc.constantFrom(`${HUB}/links`, `${HUB}/relationshipLinks`),
  fc.record({ sub: nameArbitrary, hub: nameArbitrary }).map(({ sub, hub }) => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.CustomerInsights/hubs/${hub}/links/x1`),
  fc.array(fc.oneof(nameArbitrary, percentTricks), { maxLength: 8 }).map((segments) => `/${segments.join('/')}`),
  fc.constantFrom('/_emulator/health', '/_emulator/operations/x/complete', '/_emulator/subscriptions/%2F/reset', '/')
)
const queryArbitrary = fc.oneof(
  fc.constant(API),
  fc.constant(''),
  fc.constantFrom('?api-version=2016-01-01', '?api-version=', '?API-VERSION=2017-04-26&api-version=x', `${API}&$skipToken=%%%`),
  fc.string({ maxLength: 30 }).map((value) => `${API}&$skipToken=${encodeURIComponent(value)}`)
)

function nested (depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`
}

const validDefinition = JSON.parse(linkBody('fuzz')) as { properties: Record<string, unknown> }
const bodyArbitrary: fc.Arbitrary<Buffer> = fc.oneof(
  fc.constant(Buffer.from(linkBody('fuzz'))),
  fc.jsonValue({ maxDepth: 6 }).map((value) => Buffer.from(JSON.stringify(value))),
  fc.record({ field: fc.constantFrom(...Object.keys(validDefinition.properties), 'mappings', 'referenceOnly', 'operationType', '__proto__'), value: fc.jsonValue({ maxDepth: 3 }) })
    .map(({ field, value }) => Buffer.from(JSON.stringify({ properties: { ...validDefinition.properties, [field]: value } }))),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })).map((flat) => Buffer.from(JSON.stringify(flat))),
  fc.integer({ min: 1000, max: 2_000_000 }).map((length) => Buffer.from(JSON.stringify({ properties: { ...validDefinition.properties, description: { big: 'x'.repeat(length) } } }))),
  fc.integer({ min: 100, max: 200_000 }).map((length) => Buffer.from(JSON.stringify({ properties: { ...validDefinition.properties, mappings: Array(length).fill({}) } }))),
  fc.integer({ min: 100, max: 200_000 }).map((depth) => Buffer.from(`{"properties": {"displayName": ${nested(depth)}}}`)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d])),
  fc.constant(Buffer.alloc(0))
)
const contentTypeArbitrary = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/xml',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'APPLICATION/JSON', '', 'application/merge-patch+json')

t.test(`fuzzing ${String(RUNS)} requests: never a 5xx, every error an ARM envelope, healthy afterwards`, async (t) => {
  const emulator = await startEmulatorProcess(dataDir())
  t.teardown(() => { emulator.child.kill('SIGTERM') })
  const port = Number(new URL(emulator.origin).port)
  const statuses = new Map<number, number>()
  const failures: string[] = []
  t.teardown(() => { if (failures.length > 0) t.comment(`first failure: ${failures[0] ?? ''}`) })
  await fc.assert(fc.asyncProperty(
    fc.constantFrom('GET', 'PUT', 'PUT', 'PUT', 'DELETE', 'POST', 'PATCH', 'OPTIONS'), pathArbitrary, queryArbitrary, contentTypeArbitrary, bodyArbitrary,
    async (method, path, query, contentType, body) => {
      const reply = await rawRequest(port, method, `${path}${query}`, contentType === '' ? {} : { 'Content-Type': contentType }, body)
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1)
      // An early answer (413, 415, 404...) to a body still being written is read too: the emulator reads the rest of
      // the body before it closes the connection, so no reset comes first.
      if (reply.status < 100 || reply.status >= 500) {
        failures.push(`${method} ${path.slice(0, 200)}${query} (${contentType}, ${String(body.length)} bytes) answered ${String(reply.status)}: ${reply.body.slice(0, 300)}`)
        return false
      }
      if (reply.status < 400) return true
      const envelope = JSON.parse(reply.body) as { error?: { code?: unknown, message?: unknown } }
      return typeof envelope.error?.code === 'string' && envelope.error.code !== '' && typeof envelope.error.message === 'string'
    }
  ), { numRuns: RUNS })
  t.comment(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`)
  t.equal([...statuses.values()].reduce((sum, count) => sum + count, 0), RUNS)
  t.equal((await fetch(`${emulator.origin}/_emulator/health`)).status, 200, 'still healthy')
  t.equal(emulator.child.exitCode, null, 'still running')
})
