import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import t from 'tap'
import Database from 'better-sqlite3'
import { buildApp } from '../src/app.js'
import { DATABASE_FILE_NAME } from '../db/database.js'
import { migrations } from '../db/migrations/index.js'
import { createCommand, emulatorOptionsOf, parseConfig } from '../src/config.js'
import { GUID, HUB_PATH, url } from './helpers/app.js'
import { minimalLinkDefinition } from './helpers/fixtures.js'

const definition = minimalLinkDefinition
const CLI_ENTRY = join(import.meta.dirname, '..', 'src', 'cli.ts')

function logCollector (): { stream: Writable, lines: () => Record<string, unknown>[] } {
  const chunks: string[] = []
  const stream = new Writable({ write (chunk: Buffer, _encoding, done) { chunks.push(chunk.toString()); done() } })
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) }
}

t.test('over a real socket on port 0: create, read back, absolute URLs on the listening origin, ids in the logs', async (t) => {
  const logs = logCollector()
  const app = await buildApp({ storage: { inMemory: true }, logLevel: 'debug', logStream: logs.stream })
  t.teardown(() => app.close())
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('not listening on a port')
  const origin = `http://127.0.0.1:${address.port}`

  const put = await fetch(`${origin}${url(`${HUB_PATH}/links/OverTheWire`)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: 'Bearer secret-token', 'x-ms-correlation-request-id': 'corr-1' },
    body: JSON.stringify({ properties: definition })
  })
  t.equal(put.status, 201)
  t.equal(put.headers.get('content-type'), 'application/json; charset=utf-8')
  t.match(put.headers.get('azure-asyncoperation'), new RegExp(`^${origin}/subscriptions/`))
  const requestId = put.headers.get('x-ms-request-id')
  t.match(requestId, GUID)
  t.equal(put.headers.get('x-ms-correlation-request-id'), 'corr-1')
  t.match(await put.json(), { name: 'sdkTestHub/OverTheWire', properties: { provisioningState: 'Provisioning' } })

  const get = await fetch(`${origin}${url(`${HUB_PATH}/links/overthewire`)}`)
  t.equal(get.status, 200)
  t.match(await get.json(), { name: 'sdkTestHub/OverTheWire' })

  const operation = await fetch(String(put.headers.get('azure-asyncoperation')))
  t.equal(operation.status, 200)

  const incoming = logs.lines().find((line) => line.msg === 'incoming request' && line.requestId === requestId)
  t.match(incoming, { correlationId: 'corr-1', req: { method: 'PUT', headers: { authorization: '[redacted]' } } })
  t.notOk(JSON.stringify(logs.lines()).includes('secret-token'), 'the token never reaches the logs')
  t.match(logs.lines().find((line) => line.msg === 'request completed' && line.requestId === requestId), {
    correlationId: 'corr-1', method: 'PUT', url: url(`${HUB_PATH}/links/OverTheWire`), res: { statusCode: 201 }, responseTime: Number
  })
})

t.test('the configuration comes from flags and environment variables, flags first', async (t) => {
  t.strictSame(parseConfig([]), {
    host: '127.0.0.1',
    httpPort: 8080,
    https: true,
    httpsPort: 8443,
    tlsHostnames: [],
    tlsCertFile: undefined,
    tlsKeyFile: undefined,
    requireAuth: false,
    seedFile: undefined,
    journalSize: 1000,
    requestTimeoutMs: 30000,
    dataDir: join(process.cwd(), 'emulator-data'),
    inMemory: false,
    logLevel: 'info',
    profile: 'default',
    references: 'implicit',
    provisioningDelayMs: 500,
    pageSize: 100,
    apiVersionCheck: true,
    subscriptionId: 'c1a0c1a0-0000-4000-8000-000000000001',
    tenantId: 'c1a0c1a0-0000-4000-8000-0000000000f0'
  })
  t.strictSame(parseConfig(['--host', '0.0.0.0', '--http-port', '0', '--https', 'off', '--https-port', '0', '--tls-hostnames', 'emulator, ci.local',
    '--tls-cert-file', '/c.pem', '--tls-key-file', '/k.pem', '--require-auth', '--seed-file', 'seed.json', '--journal-size', '5', '--request-timeout-ms', '2000', '--data-dir', '/tmp/x', '--in-memory', '--log-level', 'warn',
    '--profile', 'service', '--references', 'strict', '--provisioning-delay-ms', '0', '--page-size', '7', '--skip-api-version-check',
    '--subscription-id', 'AAAAAAAA-0000-4000-8000-000000000001', '--tenant-id', 'bbbbbbbb-0000-4000-8000-000000000002']), {
    host: '0.0.0.0',
    httpPort: 0,
    https: false,
    httpsPort: 0,
    tlsHostnames: ['emulator', 'ci.local'],
    tlsCertFile: '/c.pem',
    tlsKeyFile: '/k.pem',
    requireAuth: true,
    seedFile: join(process.cwd(), 'seed.json'),
    journalSize: 5,
    requestTimeoutMs: 2000,
    dataDir: '/tmp/x',
    inMemory: true,
    logLevel: 'warn',
    profile: 'service',
    references: 'strict',
    provisioningDelayMs: 0,
    pageSize: 7,
    apiVersionCheck: false,
    subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000001',
    tenantId: 'bbbbbbbb-0000-4000-8000-000000000002'
  })

  const environment = {
    EMULATOR_HOST: '::1',
    EMULATOR_HTTP_PORT: '9090',
    EMULATOR_HTTPS: '0',
    EMULATOR_HTTPS_PORT: '9443',
    EMULATOR_TLS_HOSTNAMES: 'emulator',
    EMULATOR_TLS_CERT_FILE: '/c.pem',
    EMULATOR_TLS_KEY_FILE: '/k.pem',
    EMULATOR_REQUIRE_AUTH: 'yes',
    EMULATOR_SEED_FILE: '/tmp/seed.json',
    EMULATOR_JOURNAL_SIZE: '7',
    EMULATOR_REQUEST_TIMEOUT_MS: '4000',
    EMULATOR_DATA_DIR: '/tmp/y',
    EMULATOR_IN_MEMORY: '1',
    LOG_LEVEL: 'error',
    EMULATOR_PROFILE: 'swagger',
    EMULATOR_REFERENCES: 'strict',
    EMULATOR_PROVISIONING_DELAY_MS: '1500',
    EMULATOR_PAGE_SIZE: '50',
    EMULATOR_SKIP_API_VERSION_CHECK: 'true',
    EMULATOR_SUBSCRIPTION_ID: ' cccccccc-0000-4000-8000-000000000003 ',
    EMULATOR_TENANT_ID: 'dddddddd-0000-4000-8000-000000000004'
  }
  const saved = { ...process.env }
  t.teardown(() => { process.env = saved })
  Object.assign(process.env, environment)
  t.strictSame(parseConfig([]), {
    host: '::1',
    httpPort: 9090,
    https: false,
    httpsPort: 9443,
    tlsHostnames: ['emulator'],
    tlsCertFile: '/c.pem',
    tlsKeyFile: '/k.pem',
    requireAuth: true,
    seedFile: '/tmp/seed.json',
    journalSize: 7,
    requestTimeoutMs: 4000,
    dataDir: '/tmp/y', inMemory: true, logLevel: 'error', profile: 'swagger', references: 'strict', provisioningDelayMs: 1500, pageSize: 50, apiVersionCheck: false,
    subscriptionId: 'cccccccc-0000-4000-8000-000000000003', tenantId: 'dddddddd-0000-4000-8000-000000000004'
  })
  t.equal(parseConfig(['--http-port', '7070']).httpPort, 7070, 'a flag wins over its variable')
  process.env.EMULATOR_IN_MEMORY = '0'
  process.env.EMULATOR_SKIP_API_VERSION_CHECK = 'off'
  t.equal(parseConfig([]).inMemory, false, '0 turns a switch off')
  t.equal(parseConfig([]).apiVersionCheck, true)
})

t.test('a bad option value is refused with a usage error naming the option', async (t) => {
  for (const [args, message] of [
    [['--http-port', '70000'], /option '--http-port <port>' argument '70000' is invalid. Expected a whole number from 0 to 65535\./],
    [['--page-size', '0'], /Expected a whole number from 1 to 1000\./],
    [['--provisioning-delay-ms', '1.5'], /Expected a whole number from 0 to 86400000\./],
    [['--in-memory', 'maybe'], /Expected 1\/0, true\/false, yes\/no or on\/off\./],
    [['--profile', 'strict'], /Allowed choices are default, swagger, service\./],
    [['--references', 'loose'], /Allowed choices are implicit, strict\./],
    [['--subscription-id', 'not-a-guid'], /Expected a GUID: 8-4-4-4-12 hexadecimal digits\./],
    [['--log-level', 'loud'], /Allowed choices are fatal, error, warn, info, debug, trace, silent\./],
    [['--unknown'], /unknown option '--unknown'/]
  ] as const) {
    const command = createCommand().exitOverride().configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    t.throws(() => command.parse([...args], { from: 'user' }), { message }, args.join(' '))
  }
})

t.test('--help lists every option with its environment variable', async (t) => {
  const help = createCommand().configureHelp({ helpWidth: 1000 }).helpInformation()
  for (const variable of ['EMULATOR_HOST', 'EMULATOR_HTTP_PORT', 'EMULATOR_HTTPS', 'EMULATOR_HTTPS_PORT', 'EMULATOR_TLS_HOSTNAMES',
    'EMULATOR_TLS_CERT_FILE', 'EMULATOR_TLS_KEY_FILE', 'EMULATOR_REQUIRE_AUTH', 'EMULATOR_SEED_FILE', 'EMULATOR_JOURNAL_SIZE', 'EMULATOR_REQUEST_TIMEOUT_MS', 'EMULATOR_DATA_DIR', 'EMULATOR_IN_MEMORY', 'LOG_LEVEL',
    'EMULATOR_PROFILE', 'EMULATOR_REFERENCES', 'EMULATOR_PROVISIONING_DELAY_MS', 'EMULATOR_PAGE_SIZE', 'EMULATOR_SKIP_API_VERSION_CHECK',
    'EMULATOR_SUBSCRIPTION_ID', 'EMULATOR_TENANT_ID']) {
    t.match(help, `env: ${variable}`)
  }
})

function startServer (args: string[]) {
  const child = spawn(process.execPath, [...process.execArgv, CLI_ENTRY, ...args], {
    env: { ...process.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { resolve(code) }))
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /Server listening at (http:\/\/[^"]+)/.exec(output)
      if (match?.[1] !== undefined) resolve(match[1])
    })
    void exited.then(() => { reject(new Error(`the server exited before listening:\n${output}`)) })
  })
  // Not every test waits for it: a server that must refuse to start never listens.
  listening.catch(() => undefined)
  return { child, listening, exited, output: () => output }
}

t.test('the server entry starts on its flags, serves, and exits 0 on SIGTERM', async (t) => {
  const server = startServer(['--http-port', '0', '--https-port', '0', '--in-memory'])
  t.teardown(() => { server.child.kill('SIGKILL') })
  const origin = await server.listening
  const health = await fetch(`${origin}/_emulator/health`)
  t.equal(health.status, 200)
  t.strictSame(await health.json(), { status: 'Healthy' })
  server.child.kill('SIGTERM')
  t.equal(await server.exited, 0)
  t.match(server.output(), /"signal":"SIGTERM","msg":"shutting down"/)
})

t.test('the server entry refuses a database from a newer schema with a clear error and a non-zero exit', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ci-emulator-'))
  const newer = new Database(join(dir, DATABASE_FILE_NAME))
  newer.pragma('user_version = 42')
  newer.close()
  const server = startServer(['--http-port', '0', '--https-port', '0', '--data-dir', dir])
  t.equal(await server.exited, 1)
  t.match(server.output(), new RegExp(`could not start: SchemaTooNewError: The database .* has schema version 42, newer than the ${migrations.length} this emulator supports`))
})

t.test('the configuration becomes the emulator\'s options', async (t) => {
  const config = parseConfig(['--https-port', '9443', '--tls-hostnames', 'emulator', '--data-dir', '/tmp/z', '--require-auth'])
  t.strictSame(emulatorOptionsOf(config), {
    host: '127.0.0.1',
    httpPort: 8080,
    https: { port: 9443, hostnames: ['emulator'], certFile: undefined, keyFile: undefined },
    storage: { inMemory: false, dataDir: '/tmp/z' },
    logLevel: 'info',
    profile: 'default',
    references: 'implicit',
    provisioningDelayMs: 500,
    pageSize: 100,
    apiVersionCheck: true,
    subscriptionId: 'c1a0c1a0-0000-4000-8000-000000000001',
    tenantId: 'c1a0c1a0-0000-4000-8000-0000000000f0',
    requireAuth: true,
    seedFile: undefined,
    journalSize: 1000,
    requestTimeoutMs: 30000
  })
  const off = emulatorOptionsOf(parseConfig(['--https', '0', '--in-memory']))
  t.equal(off.https, false)
  t.strictSame(off.storage, { inMemory: true })
})
