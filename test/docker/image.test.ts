// `npm run test:docker`: the image as a user runs it. Needs a Docker engine (../shared/tools/local-docker.sh here).
import { execFile } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { httpsRequest } from '../helpers/https.js'
import { minimalLinkDefinition } from '../helpers/fixtures.js'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '..', '..')
const IMAGE = 'customer-insights-emulator:test'
const RUN_ID = `cie-test-${process.pid}`
const VOLUME = `${RUN_ID}-data`
const LINK = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CustomerInsights/hubs/hub1/links/InDocker?api-version=2017-04-26'

async function docker (...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })
  return stdout.trim()
}

async function startContainer (name: string): Promise<{ http: string, https: string }> {
  await docker('run', '-d', '--name', name, '-p', '127.0.0.1::8080', '-p', '127.0.0.1::8443', '-v', `${VOLUME}:/data`, IMAGE)
  const deadline = Date.now() + 90_000
  for (;;) {
    const health = await docker('inspect', '-f', '{{.State.Health.Status}}', name)
    if (health === 'healthy') break
    if (Date.now() > deadline) throw new Error(`${name} did not become healthy: ${health}\n${await docker('logs', name)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  const port = async (inner: number) => (await docker('port', name, String(inner))).split('\n')[0]?.split(':').at(-1)
  return { http: `http://127.0.0.1:${String(await port(8080))}`, https: `https://localhost:${String(await port(8443))}` }
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
  const read = await httpsRequest(`${second.https}${LINK}`, ca)
  t.equal(read.status, 200, 'the same CA is still trusted after the restart')
  t.match(JSON.parse(read.body), { name: 'hub1/InDocker', properties: { provisioningState: 'Succeeded' } })
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
})
