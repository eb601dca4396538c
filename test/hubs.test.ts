import t from 'tap'
import { GUID, HUB, HUB_PATH, RESOURCE_GROUP, SUBSCRIPTION, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'
import { minimalLinkDefinition } from './helpers/fixtures.js'

const billing = { skuName: 'B0', minUnits: 1, maxUnits: 5 }

function hub (state: string, extra: { properties?: Record<string, unknown>, tags?: Record<string, string>, location?: string, name?: string } = {}) {
  const name = extra.name ?? HUB
  return {
    id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.CustomerInsights/hubs/${name}`,
    name,
    type: 'Microsoft.CustomerInsights/hubs',
    location: extra.location ?? 'West US',
    tags: extra.tags ?? {},
    properties: {
      apiEndpoint: `https://${name.toLowerCase()}.api.customerinsights.localhost`,
      webEndpoint: `https://${name.toLowerCase()}.customerinsights.localhost`,
      ...extra.properties,
      tenantFeatures: extra.properties?.tenantFeatures ?? 0,
      provisioningState: state
    }
  }
}

t.test('PUT creates a hub: 201, Creating, no polling header; a later GET shows Succeeded', async (t) => {
  const { app, clock, request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US', tags: { env: 'test' }, properties: { hubBillingInfo: billing } } })
  t.equal(created.statusCode, 201)
  t.equal(created.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(created.headers['azure-asyncoperation'], undefined)
  t.equal(created.headers.location, undefined)
  t.strictSame(json(created), hub('Creating', { tags: { env: 'test' }, properties: { hubBillingInfo: billing } }))
  t.strictSame(storedBody(storedAt(app, HUB_PATH)), json(created))

  const during = await request({ method: 'GET', url: url(HUB_PATH) })
  t.equal(during.headers['retry-after'], '1', 'a poller of the hub itself waits what is left')
  clock.advance(500)
  const after = await request({ method: 'GET', url: url(HUB_PATH) })
  t.equal(after.statusCode, 200)
  t.equal(after.headers['retry-after'], undefined)
  t.strictSame(json(after), hub('Succeeded', { tags: { env: 'test' }, properties: { hubBillingInfo: billing } }))
})

t.test('PUT of an existing hub updates it as it stands (200): only creating provisions', async (t) => {
  const { clock, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US' } })
  clock.advance(500)
  const updated = await request({
    method: 'PUT', url: url(HUB_PATH, '2017-01-01'),
    payload: { location: 'East US', properties: { tenantFeatures: 2, apiEndpoint: 'ignored', provisioningState: 'Failed' } }
  })
  t.equal(updated.statusCode, 200)
  t.strictSame(json(updated), hub('Succeeded', { location: 'East US', properties: { tenantFeatures: 2 } }))
})

t.test('PATCH merges tags and properties into the hub; a hub that does not exist is a 404', async (t) => {
  const { clock, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US', tags: { a: 'b' }, properties: { hubBillingInfo: billing } } })
  clock.advance(500)
  const patched = await request({ method: 'PATCH', url: url(HUB_PATH), payload: { tags: { c: 'd' }, properties: { tenantFeatures: 1 } } })
  t.equal(patched.statusCode, 200)
  t.strictSame(json(patched), hub('Succeeded', { tags: { c: 'd' }, properties: { hubBillingInfo: billing, tenantFeatures: 1 } }))
  const invalid = await request({ method: 'PATCH', url: url(HUB_PATH), payload: { properties: { tenantFeatures: 'many' } } })
  t.equal(invalid.statusCode, 400)
  t.match(json(invalid), { error: { code: 'ValidationFailed', target: 'properties.tenantFeatures' } })

  const missing = await request({ method: 'PATCH', url: url(`${HUB_PATH}x`), payload: { tags: {} } })
  t.equal(missing.statusCode, 404)
  t.strictSame(json(missing), {
    error: {
      code: 'ResourceNotFound',
      message: `The Resource 'Microsoft.CustomerInsights/hubs/${HUB}x' under resource group '${RESOURCE_GROUP}' was not found.`
    }
  })
})

t.test('the hubs of a resource group and of a subscription, through the index of tracked resources, a page at a time', async (t) => {
  const { request } = await buildTestApp(t, { pageSize: 2 })
  const group = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${name}/providers/Microsoft.CustomerInsights/hubs`
  for (const [rg, name] of [['rg1', 'hubA'], ['rg1', 'hubB'], ['rg1', 'hubC'], ['rg2', 'hubD']]) {
    await request({ method: 'PUT', url: url(`${group(rg as string)}/${name as string}`), payload: { location: 'westus' } })
  }
  await request({ method: 'PUT', url: url(`${group('rg1')}/hubA/links/link1`), payload: { properties: minimalLinkDefinition } })
  const first = json(await request({ method: 'GET', url: url(group('rg1')) })) as { value: { name: string }[], nextLink: string }
  t.strictSame(first.value.map(({ name }) => name), ['hubA', 'hubB'])
  const next = json(await request({ method: 'GET', url: first.nextLink.slice('http://localhost:80'.length) })) as { value: { name: string }[], nextLink?: string }
  t.strictSame(next.value.map(({ name }) => name), ['hubC'])
  t.equal(next.nextLink, undefined)

  const subscription = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CustomerInsights/hubs`
  const all = json(await request({ method: 'GET', url: url(subscription) })) as { value: { name: string }[], nextLink: string }
  t.strictSame(all.value.map(({ name }) => name), ['hubA', 'hubB'])
  const rest = json(await request({ method: 'GET', url: all.nextLink.slice('http://localhost:80'.length) })) as { value: { name: string }[] }
  t.strictSame(rest.value.map(({ name }) => name), ['hubC', 'hubD'])
  t.equal((await request({ method: 'POST', url: url(subscription) })).statusCode, 405)
})

t.test('DELETE removes the hub and everything under it: 200, then 204 when there is nothing (default profile)', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US' } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/links/link1`), payload: { properties: minimalLinkDefinition } })
  const deleted = await request({ method: 'DELETE', url: url(HUB_PATH) })
  t.equal(deleted.statusCode, 200)
  t.equal(deleted.body, '')
  t.strictSame(app.stores.resources.listAll(undefined), [])
  t.equal((await request({ method: 'DELETE', url: url(HUB_PATH) })).statusCode, 204)
})

t.test('the service profile: a hub\'s DELETE answers 202 and a Location to its operation result, which answers 200 and nothing', async (t) => {
  const { app, request } = await buildTestApp(t, { profile: 'service' })
  const created = await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US' } })
  t.equal(created.statusCode, 201)
  t.equal(created.headers.location, undefined)
  await request({ method: 'PUT', url: url(`${HUB_PATH}/links/link1`), payload: { properties: minimalLinkDefinition } })

  const deleted = await request({ method: 'DELETE', url: url(HUB_PATH) })
  t.equal(deleted.statusCode, 202)
  t.equal(deleted.body, '')
  t.equal(deleted.headers['retry-after'], '0')
  const location = String(deleted.headers.location)
  const match = new RegExp(`^http://localhost:80${HUB_PATH}/operationresults/(.+)\\?api-version=2017-04-26$`).exec(location)
  t.match(match?.[1], GUID)
  t.strictSame(app.stores.resources.listAll(undefined), [], 'gone at once, with everything under it')

  const polled = await request({ method: 'GET', url: location.slice('http://localhost:80'.length) })
  t.equal(polled.statusCode, 200)
  t.equal(polled.body, '')
  const unknown = await request({ method: 'GET', url: url(`${HUB_PATH}/operationresults/00000000-0000-4000-8000-000000000999`) })
  t.equal(unknown.statusCode, 404)
  t.strictSame(json(unknown), { error: { code: 'OperationNotFound', message: "The operation '00000000-0000-4000-8000-000000000999' was not found." } })
  const other = await request({ method: 'GET', url: location.slice('http://localhost:80'.length).replace(`hubs/${HUB}`, 'hubs/otherHub') })
  t.equal(other.statusCode, 404, 'an operation of another resource')
  t.equal((await request({ method: 'DELETE', url: url(HUB_PATH) })).statusCode, 204, 'nothing to delete')
})

t.test('the swagger profile answers the codes the hub operations declare', async (t) => {
  const { request } = await buildTestApp(t, { profile: 'swagger' })
  t.equal((await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US' } })).statusCode, 201)
  t.equal((await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US' } })).statusCode, 200)
  t.equal((await request({ method: 'DELETE', url: url(HUB_PATH) })).statusCode, 200)
  t.equal((await request({ method: 'DELETE', url: url(HUB_PATH) })).statusCode, 204)
})
