import t from 'tap'
import { HUB, HUB_PATH, RESOURCE_GROUP, SUBSCRIPTION, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'
import { minimalLinkDefinition } from './helpers/fixtures.js'
import { swaggerExample } from './helpers/published.js'

const RESOURCE_GROUP_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`
const HUBS = `${RESOURCE_GROUP_PATH}/providers/Microsoft.CustomerInsights/hubs`
const billing = { skuName: 'B0', minUnits: 1, maxUnits: 5 }

function hubResource (name: string, provisioningState: string, extra: { location?: string, tags?: Record<string, string>, properties?: Record<string, unknown> } = {}) {
  return {
    id: `${HUBS}/${name}`,
    name,
    type: 'Microsoft.CustomerInsights/hubs',
    location: extra.location ?? 'West US',
    tags: extra.tags ?? {},
    properties: {
      apiEndpoint: `https://${name.toLowerCase()}.api.customerinsights.localhost`,
      webEndpoint: `https://${name.toLowerCase()}.customerinsights.localhost`,
      hubBillingInfo: billing,
      tenantFeatures: 0,
      ...extra.properties,
      provisioningState
    }
  }
}

t.test('PUT creates a hub: 201, "Creating" with no polling header, then "Succeeded"; what was stored', async (t) => {
  const { app, clock, request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US', properties: { hubBillingInfo: billing } } })
  t.equal(created.statusCode, 201)
  t.equal(created.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(created.headers['azure-asyncoperation'], undefined)
  t.equal(created.headers.location, undefined)
  t.strictSame(json(created), hubResource(HUB, 'Creating'))
  t.strictSame(storedBody(storedAt(app, HUB_PATH)), hubResource(HUB, 'Creating'))
  t.match(storedAt(app, HUB_PATH), { type: 'Microsoft.CustomerInsights/hubs', apiVersion: '2017-04-26', operation: { kind: 'put' } })

  clock.advance(500)
  const got = await request({ method: 'GET', url: url(HUB_PATH) })
  t.equal(got.statusCode, 200)
  t.strictSame(json(got), hubResource(HUB, 'Succeeded'))
})

t.test('a PUT of an existing hub answers 200 and leaves its provisioning as it was; tags and location are replaced', async (t) => {
  const { clock, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US', tags: { team: 'a' }, properties: { hubBillingInfo: billing } } })
  clock.advance(500)
  const updated = await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'East US', properties: { hubBillingInfo: billing, tenantFeatures: 3 } } })
  t.equal(updated.statusCode, 200)
  t.strictSame(json(updated), hubResource(HUB, 'Succeeded', { location: 'East US', properties: { tenantFeatures: 3 } }))
})

t.test('PATCH merges into the hub: given tags replace, given properties merge, the rest is kept; a missing hub is a 404', async (t) => {
  const { clock, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US', tags: { team: 'a' }, properties: { hubBillingInfo: billing } } })
  clock.advance(500)
  const patched = await request({ method: 'PATCH', url: url(HUB_PATH), payload: { tags: { team: 'b', cost: 'c1' }, properties: { tenantFeatures: 2 } } })
  t.equal(patched.statusCode, 200)
  const expected = hubResource(HUB, 'Succeeded', { tags: { team: 'b', cost: 'c1' }, properties: { tenantFeatures: 2 } })
  t.strictSame(json(patched), expected)
  t.strictSame(json(await request({ method: 'GET', url: url(HUB_PATH) })), expected)

  const missing = await request({ method: 'PATCH', url: url(`${HUBS}/Nowhere`), payload: { tags: {} } })
  t.equal(missing.statusCode, 404)
  t.strictSame(json(missing), {
    error: { code: 'ResourceNotFound', message: `The Resource 'Microsoft.CustomerInsights/hubs/Nowhere' under resource group '${RESOURCE_GROUP}' was not found.` }
  })
})

t.test('a hub needs a location, a name the swagger allows, and billing units from 1 to 10', async (t) => {
  const { app, request } = await buildTestApp(t)
  const noLocation = await request({ method: 'PUT', url: url(HUB_PATH), payload: { properties: {} } })
  t.equal(noLocation.statusCode, 400)
  t.strictSame(json(noLocation), {
    error: {
      code: 'ValidationFailed',
      message: "The hub definition is invalid. The required property 'location' is missing.",
      target: 'location',
      details: [{ code: 'MissingRequiredProperty', message: "The required property 'location' is missing.", target: 'location' }]
    }
  })
  const units = await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US', properties: { hubBillingInfo: { minUnits: 0 } } } })
  t.equal(units.statusCode, 400)
  t.match(json(units), { error: { code: 'ValidationFailed', target: 'properties.hubBillingInfo.minUnits' } })
  const name = await request({ method: 'PUT', url: url(`${HUBS}/has_underscore`), payload: { location: 'West US' } })
  t.equal(name.statusCode, 400)
  t.strictSame(json(name), {
    error: {
      code: 'InvalidResourceName',
      message: "The resource name 'has_underscore' is invalid. It must match the pattern '^[a-zA-Z][a-zA-Z0-9]+$' and be at most 64 characters long.",
      target: 'hubName'
    }
  })
  t.equal(storedAt(app, HUB_PATH), undefined)
})

t.test('hubs list by resource group and by subscription, page by page, hubs only', async (t) => {
  const { request } = await buildTestApp(t, { pageSize: 2 })
  for (const name of ['hubC', 'hubA', 'hubB']) {
    await request({ method: 'PUT', url: url(`${HUBS}/${name}`), payload: { location: 'West US', properties: { hubBillingInfo: billing } } })
  }
  await request({ method: 'PUT', url: url(`${HUBS}/hubA/links/InTheHub`), payload: { properties: minimalLinkDefinition } })
  await request({ method: 'PUT', url: url(`/subscriptions/${SUBSCRIPTION}/resourceGroups/Other/providers/Microsoft.CustomerInsights/hubs/hubD`), payload: { location: 'West US' } })
  await request({ method: 'PUT', url: url(`/subscriptions/another/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.CustomerInsights/hubs/hubE`), payload: { location: 'West US' } })

  async function names (first: string): Promise<string[][]> {
    const pages: string[][] = []
    let next: string | undefined = url(first)
    while (next !== undefined) {
      const page = json(await request({ method: 'GET', url: next })) as { value: { name: string }[], nextLink?: string }
      pages.push(page.value.map((hub) => hub.name))
      const link = page.nextLink === undefined ? undefined : new URL(page.nextLink)
      next = link === undefined ? undefined : `${link.pathname}${link.search}`
    }
    return pages
  }
  t.strictSame(await names(HUBS), [['hubA', 'hubB'], ['hubC']])
  t.strictSame(await names(`/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CustomerInsights/hubs`), [['hubD', 'hubA'], ['hubB', 'hubC']],
    'by resource group, then name')
  const empty = await request({ method: 'GET', url: url(`/subscriptions/${SUBSCRIPTION}/resourceGroups/Empty/providers/Microsoft.CustomerInsights/hubs`) })
  t.strictSame(json(empty), { value: [] })
})

t.test('deleting a hub deletes everything under it, and nothing of a look-alike hub', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'West US' } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/links/One`), payload: { properties: minimalLinkDefinition } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: {} } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}2/links/Kept`), payload: { properties: minimalLinkDefinition } })

  const deleted = await request({ method: 'DELETE', url: url(HUB_PATH) })
  t.equal(deleted.statusCode, 200)
  t.equal(deleted.body, '')
  t.strictSame(app.stores.resources.listAll(undefined).map((resource) => resource.key), [`${HUB_PATH.toLowerCase()}2/links/kept`])
  t.equal((await request({ method: 'GET', url: url(`${HUB_PATH}/links/One`) })).statusCode, 404)
  t.equal((await request({ method: 'DELETE', url: url(HUB_PATH) })).statusCode, 204)
})

t.test('the published hub examples are accepted as they stand', async (t) => {
  const { request } = await buildTestApp(t)
  for (const version of ['2017-04-26', '2017-01-01'] as const) {
    const example = swaggerExample('HubsCreateOrUpdate', version)
    const created = await request({ method: 'PUT', url: url(`${HUBS}/testHub2839`, version), payload: example.parameters.parameters })
    t.equal(created.statusCode, version === '2017-04-26' ? 201 : 200, version)
    const published = (example.responses['201']?.body ?? example.responses['200']?.body) as { properties: Record<string, unknown> }
    t.strictSame((json(created) as { properties: Record<string, unknown> }).properties, {
      ...published.properties,
      apiEndpoint: 'https://testhub2839.api.customerinsights.localhost',
      webEndpoint: 'https://testhub2839.customerinsights.localhost'
    }, 'the published answer, but for endpoints on this machine')
  }
})
