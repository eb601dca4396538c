// The Docker image's health check (src/healthcheck.sh), run here as Docker runs it, against a real listening app.
import { spawn } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../src/app.js'

const HEALTHCHECK = join(import.meta.dirname, '..', 'src', 'healthcheck.sh')
/** Short pacing and waiting for the test; the image uses the script's defaults (30 s and 10 s). */
const PACE_S = 0.3
const READY_WAIT_S = 1

interface Run { code: number | null, ms: number }

async function check (port: number): Promise<Run> {
  const started = performance.now()
  const child = spawn('bash', [HEALTHCHECK, String(PACE_S), String(READY_WAIT_S)],
    { env: { ...process.env, EMULATOR_HTTP_PORT: String(port) }, stdio: 'ignore' })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { code, ms: performance.now() - started }
}

async function freePort (): Promise<number> {
  const server = createTcpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Where the check remembers having seen the emulator healthy, keyed by PID 1's start time (field 22 of its stat). */
function seenHealthyFile (port: number): string {
  return `/dev/shm/customer-insights-emulator-healthy-${String(port)}`
}

function pid1StartTime (): string {
  return String(readFileSync('/proc/1/stat', 'utf8').split(' ')[21])
}

t.test('until it has seen the emulator healthy, a run waits for it and exits 0 as soon as it answers', async (t) => {
  const port = await freePort()
  rmSync(seenHealthyFile(port), { force: true })
  t.teardown(() => { rmSync(seenHealthyFile(port), { force: true }) })
  const app = await buildApp({ storage: { inMemory: true }, logLevel: 'silent' })
  t.teardown(() => app.close())

  const run = check(port)
  await new Promise((resolve) => setTimeout(resolve, 300))
  await app.listen({ host: '127.0.0.1', port })
  const listening = performance.now()
  const first = await run
  t.equal(first.code, 0)
  t.ok(first.ms >= 300, 'it waited for the emulator')
  const afterListening = performance.now() - listening
  t.ok(afterListening < 250, `and exited ${afterListening.toFixed(0)} ms after it listened`)
  t.equal(readFileSync(seenHealthyFile(port), 'utf8'), `${pid1StartTime()}\n`, 'it remembers, for this start of PID 1')

  const paced = await check(port)
  t.equal(paced.code, 0)
  t.ok(paced.ms >= PACE_S * 1000, `a later run paces itself: ${paced.ms.toFixed(0)} ms`)

  await app.close()
  t.equal((await check(port)).code, 1, 'and reports the emulator gone')
})

t.test('a run exits 1 when the emulator does not answer 200 in time', async (t) => {
  const port = await freePort()
  rmSync(seenHealthyFile(port), { force: true })
  t.teardown(() => { rmSync(seenHealthyFile(port), { force: true }) })
  const nothing = await check(port)
  t.equal(nothing.code, 1, 'nothing listening')
  t.ok(nothing.ms >= READY_WAIT_S * 1000 && nothing.ms < READY_WAIT_S * 1000 + 1000, `after waiting ${nothing.ms.toFixed(0)} ms`)

  const unhealthy = createHttpServer((_request, response) => { response.writeHead(503).end() })
  await new Promise<void>((resolve) => unhealthy.listen(port, '127.0.0.1', resolve))
  t.teardown(() => { unhealthy.close() })
  t.equal((await check(port)).code, 1, 'a 503')
})

t.test('what a run remembers from an earlier start of the emulator does not count', async (t) => {
  const port = await freePort()
  t.teardown(() => { rmSync(seenHealthyFile(port), { force: true }) })
  const app = await buildApp({ storage: { inMemory: true }, logLevel: 'silent' })
  t.teardown(() => app.close())
  await app.listen({ host: '127.0.0.1', port })
  writeFileSync(seenHealthyFile(port), 'an earlier start\n')
  const run = await check(port)
  t.equal(run.code, 0)
  t.ok(run.ms < PACE_S * 1000, `it does not pace: ${run.ms.toFixed(0)} ms`)
})
