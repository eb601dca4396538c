import t from 'tap'
import { HUB, HUB_PATH, buildTestApp, json, storedAt, url } from './helpers/app.js'

const CONNECTORS = `${HUB_PATH}/connectors`
const connector = { connectorType: 'AzureBlob', connectorProperties: {} }

function pathOf (location: unknown): string {
  const parsed = new URL(String(location))
  return `${parsed.pathname}${parsed.search}`
}

function connectorResource (state: string) {
  return {
    id: `${CONNECTORS}/Crm`,
    name: `${HUB}/Crm`,
    type: 'Microsoft.CustomerInsights/hubs/connectors',
    properties: { connectorId: 1, connectorName: 'Crm', ...connector, tenantId: HUB.toLowerCase(), state }
  }
}

t.test('service: a long-running PUT answers 202 with a Location to poll: 202 while it runs, then 200 with the resource', async (t) => {
  const { clock, request } = await buildTestApp(t, { profile: 'service', provisioningDelayMs: 2000 })
  const put = await request({ method: 'PUT', url: url(`${CONNECTORS}/Crm`), payload: { properties: connector } })
  t.equal(put.statusCode, 202)
  t.strictSame(json(put), connectorResource('Creating'))
  t.equal(put.headers['azure-asyncoperation'], undefined)
  // With sequential ids, the operation is the third id drawn.
  t.equal(put.headers.location, `http://localhost:80${CONNECTORS}/Crm/operations/00000000000040008000000000000003?api-version=2017-04-26`)
  t.equal(put.headers['retry-after'], '2')

  clock.advance(1500)
  const running = await request({ method: 'GET', url: pathOf(put.headers.location) })
  t.equal(running.statusCode, 202)
  t.equal(running.headers.location, `http://localhost:80${pathOf(put.headers.location)}`)
  t.equal(running.headers['retry-after'], '1')
  t.strictSame(json(running), connectorResource('Creating'))

  clock.advance(500)
  const done = await request({ method: 'GET', url: pathOf(put.headers.location) })
  t.equal(done.statusCode, 200)
  t.equal(done.headers.location, undefined)
  t.strictSame(json(done), connectorResource('Created'))
})

t.test('service: an operation URL that is not the resource\'s own is a 404 OperationNotFound', async (t) => {
  const { request } = await buildTestApp(t, { profile: 'service' })
  const put = await request({ method: 'PUT', url: url(`${CONNECTORS}/Crm`), payload: { properties: connector } })
  await request({ method: 'PUT', url: url(`${CONNECTORS}/Other`), payload: { properties: connector } })
  const operation = new URL(String(put.headers.location)).pathname.split('/').at(-1) as string
  for (const path of [`${CONNECTORS}/Other/operations/${operation}`, `${CONNECTORS}/Crm/operations/not-an-id`, `${CONNECTORS}/Crm/operations/${'0'.repeat(32)}`]) {
    const response = await request({ method: 'GET', url: url(path) })
    t.equal(response.statusCode, 404, path)
    t.strictSame(json(response), { error: { code: 'OperationNotFound', message: `The operation '${path.split('/').at(-1) as string}' was not found.` } })
  }
})

t.test('service: a resource deleted while its PUT was polled is a 404 to the poll', async (t) => {
  const { request } = await buildTestApp(t, { profile: 'service', provisioningDelayMs: 2000 })
  const put = await request({ method: 'PUT', url: url(`${CONNECTORS}/Crm`), payload: { properties: connector } })
  const removed = await request({ method: 'DELETE', url: url(`${CONNECTORS}/Crm`) })
  t.equal(removed.statusCode, 202)
  const poll = await request({ method: 'GET', url: pathOf(put.headers.location) })
  t.equal(poll.statusCode, 404)
  t.match(json(poll), { error: { code: 'ResourceNotFound' } })
})

t.test('service: a delete answers 202 and JSON null; its Location answers the deleted resource\'s last body', async (t) => {
  const { app, clock, request } = await buildTestApp(t, { profile: 'service' })
  await request({ method: 'PUT', url: url(`${CONNECTORS}/Crm`), payload: { properties: connector } })
  clock.advance(500)
  const removed = await request({ method: 'DELETE', url: url(`${CONNECTORS}/Crm`, '2017-01-01') })
  t.equal(removed.statusCode, 202)
  t.equal(removed.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(removed.body, 'null')
  t.equal(removed.headers['retry-after'], '0')
  t.match(String(removed.headers.location), /\/connectors\/Crm\/operations\/[0-9a-f]{32}\?api-version=2017-01-01$/)
  t.equal(storedAt(app, `${CONNECTORS}/Crm`), undefined, 'gone at once')
  const poll = await request({ method: 'GET', url: pathOf(removed.headers.location) })
  t.equal(poll.statusCode, 200)
  t.strictSame(json(poll), connectorResource('Created'))
  const again = await request({ method: 'DELETE', url: url(`${CONNECTORS}/Crm`) })
  t.equal(again.statusCode, 204, 'Connectors_Delete declares 204 for nothing to delete')
})

t.test('service: a hub\'s delete answers 202 with no body and an operation result to poll, which answers 200 with none', async (t) => {
  const { request } = await buildTestApp(t, { profile: 'service' })
  const created = await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  t.equal(created.statusCode, 201, 'Hubs_CreateOrUpdate is not long-running')
  await request({ method: 'PUT', url: url(`${CONNECTORS}/Crm`), payload: { properties: connector } })
  const removed = await request({ method: 'DELETE', url: url(HUB_PATH) })
  t.equal(removed.statusCode, 202)
  t.equal(removed.body, '')
  t.equal(removed.headers['content-type'], undefined)
  t.match(String(removed.headers.location), new RegExp(`${HUB_PATH}/operationresults/[0-9a-f-]{36}\\?api-version=2017-04-26$`))
  const poll = await request({ method: 'GET', url: pathOf(removed.headers.location) })
  t.equal(poll.statusCode, 200)
  t.equal(poll.body, '')
  t.equal((await request({ method: 'GET', url: url(`${CONNECTORS}/Crm`) })).statusCode, 404, 'everything under the hub went with it')
})
