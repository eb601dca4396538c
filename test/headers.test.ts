import t from 'tap'
import { GUID, HUB_PATH, buildTestApp, url } from './helpers/app.js'
import { buildApp } from '../src/app.js'

t.test('every response carries a new x-ms-request-id, a correlation id and a Date', async (t) => {
  const { request } = await buildTestApp(t)
  for (const path of [url(`${HUB_PATH}/links`), url(`${HUB_PATH}/links/missing`), '/nowhere', `${HUB_PATH}/links`, '/_emulator/health']) {
    const response = await request({ method: 'GET', url: path })
    t.match(response.headers['x-ms-request-id'], GUID, path)
    t.match(response.headers['x-ms-correlation-request-id'], GUID, path)
    t.not(response.headers['x-ms-request-id'], response.headers['x-ms-correlation-request-id'])
    t.ok(response.headers.date, path)
  }
})

t.test('on its defaults the app logs at info, answers 201 on create and checks the api-version; request ids are new each time', async (t) => {
  const lines: string[] = []
  const app = await buildApp({ storage: { inMemory: true }, logStream: { write: (line: string) => { lines.push(line) } } })
  const created = await app.inject({
    method: 'PUT',
    url: url(`${HUB_PATH}/links/Defaults`),
    payload: { properties: { sourceEntityType: 'None', targetEntityType: 'None', sourceEntityTypeName: 'a', targetEntityTypeName: 'b', participantPropertyReferences: [] } }
  })
  t.equal(created.statusCode, 201)
  t.equal(created.headers['retry-after'], '1', 'the default provisioning delay is under a second')
  t.equal((await app.inject({ method: 'GET', url: `${HUB_PATH}/links` })).statusCode, 400)
  // One line per request at info: the completed request, with its method, URL and status.
  const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  t.match(logged, [
    { level: 30, msg: 'request completed', method: 'PUT', url: url(`${HUB_PATH}/links/Defaults`), res: { statusCode: 201 } },
    { level: 30, msg: 'request completed', method: 'GET', url: `${HUB_PATH}/links`, res: { statusCode: 400 } }
  ])
  t.equal(logged.length, 2, 'and nothing as requests arrive')
  t.teardown(() => app.close())
  const ids = new Set<unknown>()
  for (let i = 0; i < 5; i++) ids.add((await app.inject({ method: 'GET', url: '/_emulator/health' })).headers['x-ms-request-id'])
  t.equal(ids.size, 5)
  t.equal(lines.length, 2, 'health checks, polled by Docker and CI, are not logged at info')
})

t.test('a correlation id the client sends is echoed', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: url(`${HUB_PATH}/links`), headers: { 'x-ms-correlation-request-id': 'my-correlation' } })
  t.equal(response.headers['x-ms-correlation-request-id'], 'my-correlation')
  const failed = await request({ method: 'GET', url: `${HUB_PATH}/links`, headers: { 'x-ms-correlation-request-id': 'my-correlation' } })
  t.equal(failed.statusCode, 400)
  t.equal(failed.headers['x-ms-correlation-request-id'], 'my-correlation', 'on errors too')
})

t.test('x-ms-client-request-id is echoed only when the client asks for it', async (t) => {
  const { request } = await buildTestApp(t)
  const asked = await request({
    method: 'GET', url: url(`${HUB_PATH}/links`), headers: { 'x-ms-client-request-id': 'client-1', 'x-ms-return-client-request-id': 'true' }
  })
  t.equal(asked.headers['x-ms-client-request-id'], 'client-1')
  const notAsked = await request({ method: 'GET', url: url(`${HUB_PATH}/links`), headers: { 'x-ms-client-request-id': 'client-1' } })
  t.equal(notAsked.headers['x-ms-client-request-id'], undefined)
  const declined = await request({
    method: 'GET', url: url(`${HUB_PATH}/links`), headers: { 'x-ms-client-request-id': 'client-1', 'x-ms-return-client-request-id': 'false' }
  })
  t.equal(declined.headers['x-ms-client-request-id'], undefined)
})

t.test('GET /_emulator/health answers 200 without an api-version', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: '/_emulator/health' })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(JSON.parse(response.body), { status: 'Healthy' })
})

t.test('with auth required, an ARM request without a bearer token is a 401 with an ARM body and a challenge', async (t) => {
  const { request } = await buildTestApp(t, { requireAuth: true })
  const missing = await request({ method: 'GET', url: url(`${HUB_PATH}/links`) })
  t.equal(missing.statusCode, 401)
  t.match(missing.headers['www-authenticate'], /^Bearer authorization_uri="[^"]+", error="invalid_token"/)
  t.match(missing.headers['x-ms-request-id'], GUID)
  t.strictSame(JSON.parse(missing.body), { error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." } })

  const notBearer = await request({ method: 'GET', url: url(`${HUB_PATH}/links`), headers: { authorization: 'Basic dXNlcjpwYXNz' } })
  t.equal(notBearer.statusCode, 401)
  t.strictSame(JSON.parse(notBearer.body), {
    error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is not a bearer token." }
  })
  const unknownRoute = await request({ method: 'GET', url: '/nowhere' })
  t.equal(unknownRoute.statusCode, 401, 'authentication comes before routing, as in ARM')

  const withToken = await request({ method: 'GET', url: url(`${HUB_PATH}/links`), headers: { authorization: 'Bearer anything-at-all' } })
  t.equal(withToken.statusCode, 200)
  const health = await request({ method: 'GET', url: '/_emulator/health' })
  t.equal(health.statusCode, 200, '/_emulator/ needs no token')
})

t.test('without auth required, no token is needed', async (t) => {
  const { request } = await buildTestApp(t)
  t.equal((await request({ method: 'GET', url: url(`${HUB_PATH}/links`) })).statusCode, 200)
})

t.test('a request whose response fails after it was sent is logged as errored, with its error', async (t) => {
  const lines: string[] = []
  const app = await buildApp({ storage: { inMemory: true }, logStream: { write: (line: string) => { lines.push(line) } } })
  t.teardown(() => app.close())
  app.addHook('onResponse', (_request, _reply, done) => { done(new Error('the response hook failed')) })
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/health' })).statusCode, 200)
  t.match(lines.map((line) => JSON.parse(line) as unknown), [
    { level: 50, msg: 'request errored', method: 'GET', url: '/_emulator/health', res: { statusCode: 200 }, err: { message: 'the response hook failed' } }
  ])
})
