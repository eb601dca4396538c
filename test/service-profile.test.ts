import t from 'tap'
import { HUB_PATH, buildTestApp, json, url } from './helpers/app.js'
import { minimalLinkDefinition, minimalRelationshipLinkDefinition } from './helpers/fixtures.js'

const ORIGIN = 'http://localhost:80'
const LINK = `${HUB_PATH}/links/WebToContact`

t.test('the service profile: a child\'s PUT answers 202 and a Location that answers 202 while it provisions, then 200', async (t) => {
  const { clock, request } = await buildTestApp(t, { profile: 'service', provisioningDelayMs: 2000 })
  const created = await request({ method: 'PUT', url: url(LINK), payload: { properties: minimalLinkDefinition } })
  t.equal(created.statusCode, 202)
  t.equal(created.headers['azure-asyncoperation'], undefined)
  t.equal(created.headers['retry-after'], '2')
  const location = String(created.headers.location)
  t.match(location, new RegExp(`^${ORIGIN}${LINK}/operations/[0-9a-f]{32}\\?api-version=2017-04-26$`))
  t.match(json(created), { properties: { provisioningState: 'Provisioning' } })

  const running = await request({ method: 'GET', url: location.slice(ORIGIN.length) })
  t.equal(running.statusCode, 202)
  t.equal(running.headers.location, location, 'repeated')
  t.equal(running.headers['retry-after'], '2')
  t.strictSame(json(running), json(created))
  clock.advance(2000)
  const done = await request({ method: 'GET', url: location.slice(ORIGIN.length) })
  t.equal(done.statusCode, 200)
  t.equal(done.headers.location, undefined)
  t.match(json(done), { id: LINK, properties: { provisioningState: 'Succeeded' } })

  const malformed = await request({ method: 'GET', url: url(`${LINK}/operations/not-hex`) })
  t.equal(malformed.statusCode, 404)
  t.strictSame(json(malformed), { error: { code: 'OperationNotFound', message: "The operation 'not-hex' was not found." } })
  const elsewhere = await request({ method: 'GET', url: location.slice(ORIGIN.length).replace('WebToContact', 'Other') })
  t.equal(elsewhere.statusCode, 404, 'another resource\'s operation')
  await request({ method: 'DELETE', url: url(LINK) })
  const gone = await request({ method: 'GET', url: location.slice(ORIGIN.length) })
  t.equal(gone.statusCode, 404, 'the resource it provisioned is gone')
  t.equal((json(gone) as { error: { code: string } }).error.code, 'ResourceNotFound')
})

t.test('the service profile: a child\'s DELETE answers 202 and null, its Location the resource\'s last body', async (t) => {
  const { clock, request } = await buildTestApp(t, { profile: 'service' })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/relationshipLinks/Purchases`), payload: { properties: minimalRelationshipLinkDefinition } })
  clock.advance(500)
  const last = json(await request({ method: 'GET', url: url(`${HUB_PATH}/relationshipLinks/Purchases`) }))
  const deleted = await request({ method: 'DELETE', url: url(`${HUB_PATH}/relationshipLinks/Purchases`, '2017-01-01') })
  t.equal(deleted.statusCode, 202)
  t.equal(deleted.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(deleted.body, 'null')
  t.equal(deleted.headers['retry-after'], '0')
  const location = String(deleted.headers.location)
  t.match(location, new RegExp(`^${ORIGIN}${HUB_PATH}/relationshipLinks/Purchases/operations/[0-9a-f]{32}\\?api-version=2017-01-01$`))
  const polled = await request({ method: 'GET', url: location.slice(ORIGIN.length) })
  t.equal(polled.statusCode, 200)
  t.equal(polled.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(polled), last)
  t.equal((await request({ method: 'GET', url: url(`${HUB_PATH}/relationshipLinks/Purchases`) })).statusCode, 404)
  const nothing = await request({ method: 'DELETE', url: url(`${HUB_PATH}/relationshipLinks/Purchases`) })
  t.equal(nothing.statusCode, 200, 'the swagger declares no 204 for it')
  t.equal(nothing.headers.location, undefined)
})

t.test('the service profile: a link\'s DELETE too answers 202 and null, as a hub child\'s', async (t) => {
  const { request } = await buildTestApp(t, { profile: 'service' })
  await request({ method: 'PUT', url: url(LINK), payload: { properties: minimalLinkDefinition } })
  const deleted = await request({ method: 'DELETE', url: url(LINK) })
  t.equal(deleted.statusCode, 202)
  t.equal(deleted.body, 'null')
  t.match(deleted.headers.location, new RegExp(`^${ORIGIN}${LINK}/operations/[0-9a-f]{32}`))
})
