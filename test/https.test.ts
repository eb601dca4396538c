import { X509Certificate, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { startEmulator, type EmulatorOptions } from '../src/server.js'
import { generatedTlsMaterial } from '../src/tls.js'
import { HUB_PATH, url } from './helpers/app.js'
import { minimalLinkDefinition } from './helpers/fixtures.js'
import { httpsRequest } from './helpers/https.js'

function dataDir (): string {
  return mkdtempSync(join(tmpdir(), 'ci-emulator-tls-'))
}

function options (overrides: Partial<EmulatorOptions> = {}): EmulatorOptions {
  return { host: '127.0.0.1', httpPort: 0, https: { port: 0 }, storage: { inMemory: true }, logLevel: 'silent', ...overrides }
}

t.test('HTTPS beside HTTP: one app behind both, the CA served on both, absolute URLs on the HTTPS origin', async (t) => {
  const dir = dataDir()
  const emulator = await startEmulator(options({ storage: { inMemory: false, dataDir: dir } }))
  t.teardown(() => emulator.close())
  const ca = readFileSync(join(dir, 'tls', 'ca.pem'), 'utf8')
  t.equal(emulator.caFile, join(dir, 'tls', 'ca.pem'))
  t.equal(emulator.caCertificate, ca)
  t.match(emulator.httpsUrl, /^https:\/\/127\.0\.0\.1:\d+$/)
  const httpsUrl = String(emulator.httpsUrl).replace('127.0.0.1', 'localhost')

  const overHttp = await fetch(`${emulator.httpUrl}/_emulator/ca.pem`)
  t.equal(overHttp.status, 200)
  t.equal(overHttp.headers.get('content-type'), 'application/x-pem-file')
  t.equal(await overHttp.text(), ca)
  const overHttps = await httpsRequest(`${httpsUrl}/_emulator/ca.pem`, ca)
  t.equal(overHttps.body, ca)

  const put = await httpsRequest(`${httpsUrl}${url(`${HUB_PATH}/links/Secure`)}`, ca, { method: 'PUT', body: { properties: minimalLinkDefinition } })
  t.equal(put.status, 201)
  t.match(put.headers['azure-asyncoperation'], new RegExp(`^${httpsUrl}/subscriptions/`))
  const overPlainHttp = await fetch(`${emulator.httpUrl}${url(`${HUB_PATH}/links/Secure`)}`)
  t.equal(overPlainHttp.status, 200, 'the same data on both ports')

  const certificate = new X509Certificate(ca)
  t.ok(certificate.ca)
  const otherCa = (await generatedTlsMaterial(undefined, ['localhost'], Date.now())).ca
  await t.rejects(httpsRequest(`${httpsUrl}/_emulator/health`, otherCa), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    'a client that trusts another CA is refused')
})

t.test('the certificates survive a restart on the same data directory, so trust does too', async (t) => {
  const dir = dataDir()
  const first = await startEmulator(options({ storage: { inMemory: false, dataDir: dir } }))
  const server = readFileSync(join(dir, 'tls', 'server.pem'), 'utf8')
  await first.close()
  const second = await startEmulator(options({ storage: { inMemory: false, dataDir: dir } }))
  t.teardown(() => second.close())
  t.equal(second.caCertificate, first.caCertificate)
  t.equal(readFileSync(join(dir, 'tls', 'server.pem'), 'utf8'), server)
  const health = await httpsRequest(`${String(second.httpsUrl).replace('127.0.0.1', 'localhost')}/_emulator/health`, String(first.caCertificate))
  t.equal(health.status, 200)
})

t.test('in memory, the certificates are made for the run and written nowhere', async (t) => {
  const emulator = await startEmulator(options())
  t.teardown(() => emulator.close())
  t.equal(emulator.caFile, undefined)
  const health = await httpsRequest(`${String(emulator.httpsUrl).replace('127.0.0.1', 'localhost')}/_emulator/health`, String(emulator.caCertificate))
  t.equal(health.status, 200)
})

t.test('with HTTPS off there is no HTTPS URL and no certificate to serve', async (t) => {
  const emulator = await startEmulator(options({ https: false }))
  t.teardown(() => emulator.close())
  t.equal(emulator.httpsUrl, undefined)
  t.equal(emulator.caCertificate, undefined)
  const response = await fetch(`${emulator.httpUrl}/_emulator/ca.pem`)
  t.equal(response.status, 404)
  t.strictSame(await response.json(), { error: { code: 'NotFound', message: 'HTTPS is off, so there is no certificate to trust.' } })
})

t.test('the user\'s own certificate and key are served as they are', async (t) => {
  const dir = dataDir()
  const material = await generatedTlsMaterial(join(dir, 'own'), ['localhost'], Date.now())
  writeFileSync(join(dir, 'cert.pem'), material.cert)
  writeFileSync(join(dir, 'key.pem'), material.key)
  const emulator = await startEmulator(options({ https: { port: 0, certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') } }))
  t.teardown(() => emulator.close())
  t.equal(emulator.caCertificate, material.cert)
  t.equal(emulator.caFile, join(dir, 'cert.pem'))
  const health = await httpsRequest(`${String(emulator.httpsUrl).replace('127.0.0.1', 'localhost')}/_emulator/health`, material.ca)
  t.equal(health.status, 200)

  await t.rejects(startEmulator(options({ https: { port: 0, certFile: join(dir, 'cert.pem') } })),
    { message: 'A TLS certificate and its key go together: give both files, or neither to have them generated.' })
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  writeFileSync(join(dir, 'not-a-cert.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }))
  await t.rejects(startEmulator(options({ https: { port: 0, certFile: join(dir, 'not-a-cert.pem'), keyFile: join(dir, 'key.pem') } })))
})

t.test('a port already taken fails the start and leaves nothing listening', async (t) => {
  const taken = await startEmulator(options())
  t.teardown(() => taken.close())
  const port = Number(new URL(String(taken.httpsUrl)).port)
  await t.rejects(startEmulator(options({ https: { port } })), { code: 'EADDRINUSE' })
  // HTTPS listens first: when HTTP's port is the taken one, the HTTPS server already listening is closed again.
  const httpPort = Number(new URL(taken.httpUrl).port)
  const free = await startEmulator(options())
  const httpsPort = Number(new URL(String(free.httpsUrl)).port)
  await free.close()
  await t.rejects(startEmulator(options({ httpPort, https: { port: httpsPort } })), { code: 'EADDRINUSE' })
  const again = await startEmulator(options({ https: { port: httpsPort } }))
  t.teardown(() => again.close())
  t.equal(Number(new URL(String(again.httpsUrl)).port), httpsPort, 'the HTTPS port was given back')
})

t.test('URLs name localhost when bound to every interface, and bracket IPv6 addresses', async (t) => {
  const everywhere = await startEmulator(options({ host: '0.0.0.0' }))
  t.teardown(() => everywhere.close())
  t.match(everywhere.httpUrl, /^http:\/\/localhost:\d+$/)
  t.match(everywhere.httpsUrl, /^https:\/\/localhost:\d+$/)
  const ipv6 = await startEmulator(options({ host: '::1', https: false }))
  t.teardown(() => ipv6.close())
  t.match(ipv6.httpUrl, /^http:\/\/\[::1\]:\d+$/)
  t.equal((await fetch(`${ipv6.httpUrl}/_emulator/health`)).status, 200)
})
