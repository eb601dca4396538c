import { connect } from 'node:net'
import t from 'tap'
import { API, HUB, dataDir, linkBody, startEmulatorProcess } from './helpers.js'

const REQUEST_TIMEOUT_MS = 1000

/**
 * Opens a connection, writes what `send` writes, and reports what came back and how long until the server closed it.
 * `answered` tells the sender when the server has spoken, so that, like any client, it stops sending then.
 */
async function exchange (
  port: number, send: (socket: ReturnType<typeof connect>, answered: () => boolean) => void | Promise<void>
): Promise<{ raw: string, closedAfterMs: number }> {
  return await new Promise((resolve) => {
    const started = Date.now()
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    // A write after the server has answered and closed fails; what was answered is read all the same.
    socket.on('error', () => undefined)
    socket.on('close', () => { resolve({ raw: Buffer.concat(chunks).toString(), closedAfterMs: Date.now() - started }) })
    socket.on('connect', () => { void send(socket, () => chunks.length > 0) })
  })
}

t.test('limits: oversized bodies get 413, idle and slow connections time out', async (t) => {
  const emulator = await startEmulatorProcess(dataDir(), ['--request-timeout-ms', String(REQUEST_TIMEOUT_MS)])
  t.teardown(() => { emulator.child.kill('SIGTERM') })
  const port = Number(new URL(emulator.origin).port)
  const url = `${emulator.origin}${HUB}/links/Big${API}`

  const declared = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 1) })
  t.equal(declared.status, 413)
  t.strictSame(await declared.json(), { error: { code: 'RequestEntityTooLarge', message: 'The request content exceeds the maximum size of 1048576 bytes.' } })

  // Chunked, with no length declared: the limit holds while the body streams in.
  const chunked = await exchange(port, async (socket, answered) => {
    socket.write(`PUT ${HUB}/links/Big${API} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`)
    const chunk = 'y'.repeat(64 * 1024)
    for (let i = 0; i < 20 && !answered() && !socket.destroyed; i++) {
      if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    if (!answered() && !socket.destroyed) socket.end('0\r\n\r\n')
  })
  t.match(chunked.raw, /^HTTP\/1\.1 413 /)
  t.match(chunked.raw, /"code":"RequestEntityTooLarge"/)

  const idle = await exchange(port, () => undefined)
  t.ok(idle.closedAfterMs >= REQUEST_TIMEOUT_MS * 0.9 && idle.closedAfterMs < REQUEST_TIMEOUT_MS * 4,
    `an idle connection is closed after ${String(idle.closedAfterMs)} ms`)

  const slow = await exchange(port, (socket) => {
    const request = `PUT ${HUB}/links/Slow${API} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n`
    let sent = 0
    const timer = setInterval(() => {
      if (socket.destroyed || sent >= request.length) { clearInterval(timer); return }
      socket.write(request[sent++] ?? '')
    }, 100)
    socket.on('close', () => { clearInterval(timer) })
  })
  t.match(slow.raw, /^HTTP\/1\.1 408 /, 'a trickling request gets a 408')
  t.match(slow.raw, /"code":"RequestTimeout"/)
  t.ok(slow.closedAfterMs < REQUEST_TIMEOUT_MS * 4, `and is closed after ${String(slow.closedAfterMs)} ms`)

  const fine = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: linkBody('after the limits') })
  t.equal(fine.status, 201, 'the emulator serves on')
})
