// `npm run test:docker`: the image as a user runs it. Needs a Docker engine (.ci/run gets one on a machine without).
import { execFile } from 'node:child_process'
import { get } from 'node:http'
import { performance } from 'node:perf_hooks'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t, { type Test } from 'tap'
import { httpsRequest } from '../helpers/https.js'
import { minimalLinkDefinition } from '../helpers/fixtures.js'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '..', '..')
const IMAGE = 'customer-insights-emulator:test'
const RUN_ID = `cie-test-${process.pid}`
const VOLUME = `${RUN_ID}-data`
const LINK = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CustomerInsights/hubs/hub1/links/InDocker?api-version=2017-04-26'
/** Docker reports the container healthy this soon after the emulator logs that it is ready, at most. */
const HEALTHY_AFTER_READY_MS = 1000
/** An idle container, health checks included, uses at most this share of one core... */
const MAX_IDLE_CPU_SHARE = 0.01
/** ...measured over this long (two of the health check's 30 s paces). */
const IDLE_WINDOW_MS = 60_000

async function docker (...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })
  return stdout.trim()
}

interface Started { http: string, https: string, readyMs: number, healthyMs: number }

/**
 * Runs a container and waits until Docker reports it healthy. `readyMs` is when the emulator logged that it was
 * ready and `healthyMs` when the health check that made it healthy ended, both from the container's start.
 */
async function startContainer (name: string): Promise<Started> {
  await docker('run', '-d', '--name', name, '-p', '127.0.0.1::8080', '-p', '127.0.0.1::8443', '-v', `${VOLUME}:/data`, IMAGE)
  const deadline = Date.now() + 90_000
  for (;;) {
    const health = await docker('inspect', '-f', '{{.State.Health.Status}}', name)
    if (health === 'healthy') break
    if (Date.now() > deadline) throw new Error(`${name} did not become healthy: ${health}\n${await docker('logs', name)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const state = JSON.parse(await docker('inspect', '-f', '{{json .State}}', name)) as {
    StartedAt: string, Health: { Log: { End: string, ExitCode: number }[] }
  }
  const started = Date.parse(state.StartedAt)
  const ready = (await docker('logs', name)).split('\n').map((line) => JSON.parse(line) as { msg?: string, time?: number })
    .find((line) => line.msg === 'emulator ready')
  const healthyCheck = state.Health.Log.find((check) => check.ExitCode === 0)
  const port = async (inner: number) => (await docker('port', name, String(inner))).split('\n')[0]?.split(':').at(-1)
  return {
    http: `http://127.0.0.1:${String(await port(8080))}`,
    https: `https://localhost:${String(await port(8443))}`,
    readyMs: Number(ready?.time) - started,
    healthyMs: Date.parse(String(healthyCheck?.End)) - started
  }
}

/** Nanoseconds of CPU the container has used, health checks included, from the engine's own statistics. */
async function cpuUsageNs (name: string): Promise<number> {
  const socketPath = process.env.DOCKER_HOST?.startsWith('unix://') === true ? process.env.DOCKER_HOST.slice('unix://'.length) : '/var/run/docker.sock'
  const body = await new Promise<string>((resolve, reject) => {
    get({ socketPath, path: `/containers/${name}/stats?stream=false&one-shot=true` }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => { text += chunk })
      response.on('end', () => { resolve(text) })
    }).on('error', reject)
  })
  return (JSON.parse(body) as { cpu_stats: { cpu_usage: { total_usage: number } } }).cpu_stats.cpu_usage.total_usage
}

function checkStart (t: Test, what: string, started: Started): void {
  t.comment(`${what}: the emulator ready ${String(started.readyMs)} ms after the container started, healthy after ${String(started.healthyMs)} ms`)
  t.ok(started.healthyMs - started.readyMs <= HEALTHY_AFTER_READY_MS, `${what}: healthy within ${String(HEALTHY_AFTER_READY_MS)} ms of ready`)
}

t.before(async () => {
  await docker('build', '-t', IMAGE, '.')
})

t.teardown(async () => {
  await docker('rm', '-f', `${RUN_ID}-1`, `${RUN_ID}-2`).catch(() => undefined)
  await docker('volume', 'rm', '-f', VOLUME).catch(() => undefined)
})

t.test('the image: healthy, HTTPS trusted through its own CA, data and certificates kept on the volume, prompt stop, not root', async (t) => {
  const size = Number(await docker('image', 'inspect', '-f', '{{.Size}}', IMAGE))
  t.comment(`image size: ${(size / 1024 / 1024).toFixed(0)} MiB`)
  t.equal(await docker('image', 'inspect', '-f', '{{.Config.User}}', IMAGE), 'node')

  const first = await startContainer(`${RUN_ID}-1`)
  checkStart(t, 'first start (certificates made)', first)
  const ca = await (await fetch(`${first.http}/_emulator/ca.pem`)).text()
  t.match(ca, /^-----BEGIN CERTIFICATE-----/)
  const created = await httpsRequest(`${first.https}${LINK}`, ca, { method: 'PUT', body: { properties: minimalLinkDefinition } })
  t.equal(created.status, 201)
  t.equal(await docker('exec', `${RUN_ID}-1`, 'node', '-e', 'process.stdout.write(String(process.getuid()))'), '1000', 'the process is not root')

  const started = performance.now()
  await docker('stop', `${RUN_ID}-1`)
  const stopMs = performance.now() - started
  t.comment(`docker stop took ${stopMs.toFixed(0)} ms`)
  t.equal(await docker('inspect', '-f', '{{.State.ExitCode}}', `${RUN_ID}-1`), '0', 'SIGTERM ends the process cleanly, not a kill after the timeout')
  t.ok(stopMs < 5000, 'docker stop returns within a few seconds')
  await docker('rm', `${RUN_ID}-1`)

  const second = await startContainer(`${RUN_ID}-2`)
  checkStart(t, 'second start (same volume)', second)
  const read = await httpsRequest(`${second.https}${LINK}`, ca)
  t.equal(read.status, 200, 'the same CA is still trusted after the restart')
  t.match(JSON.parse(read.body), { name: 'hub1/InDocker', properties: { provisioningState: 'Succeeded' } })

  const before = await cpuUsageNs(`${RUN_ID}-2`)
  await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS))
  const share = (await cpuUsageNs(`${RUN_ID}-2`) - before) / 1e6 / IDLE_WINDOW_MS
  t.comment(`idle for ${String(IDLE_WINDOW_MS / 1000)} s, health checks included: ${(share * 100).toFixed(2)} % of one core`)
  t.ok(share <= MAX_IDLE_CPU_SHARE, `an idle container uses at most ${String(MAX_IDLE_CPU_SHARE * 100)} % of a core`)
})

t.test('docker-compose accepts the compose file and its example client passes against the emulator', async (t) => {
  const config = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: ROOT })
  t.match(config.stdout, /condition: service_healthy/)
  const project = ['-p', RUN_ID, '-f', 'docker-compose.yml']
  t.teardown(async () => { await run('docker-compose', [...project, 'down', '-v'], { cwd: ROOT }).catch(() => undefined) })
  // The compose file builds and names the image itself; ports are left out here so the test needs no free 8080/8443.
  await docker('tag', IMAGE, 'customer-insights-emulator:local')
  const { stdout } = await run('docker-compose', [...project, 'run', '--rm', 'smoke'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 })
  t.match(stdout, /PUT 20[01] GET 200 (Provisioning|Succeeded)/)
  const emulator = (await run('docker-compose', [...project, 'ps', '-q', 'emulator'], { cwd: ROOT })).stdout.trim()
  t.equal(await docker('inspect', '-f', '{{json .Config.Healthcheck}}', emulator), await docker('image', 'inspect', '-f', '{{json .Config.Healthcheck}}', IMAGE),
    "the compose file's health check is the image's")
})
