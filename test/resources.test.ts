import t from 'tap'
import { Type } from '@sinclair/typebox'
import { hubs } from '../routes/hubs.js'
import { links } from '../routes/links.js'
import { defineResourceType } from '../src/engine/resource-type.js'
import { START, SUBSCRIPTION, buildTestApp, json, url } from './helpers/app.js'
import { minimalLinkDefinition } from './helpers/fixtures.js'

const VERSION = '2021-04-01'
const OTHER_SUBSCRIPTION = 'aaaaaaaa-0000-4000-8000-000000000001'
const RESOURCES = `/subscriptions/${SUBSCRIPTION}/resources`
const hubPath = (group: string, hub: string, subscription = SUBSCRIPTION) =>
  `/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.CustomerInsights/hubs/${hub}`
const filtered = (filter: string, extra = '') => url(`${RESOURCES}?$filter=${encodeURIComponent(filter)}${extra}`, VERSION)

function hub (group: string, name: string, location: string, tags: Record<string, string> = {}, subscription = SUBSCRIPTION) {
  return { id: hubPath(group, name, subscription), name, type: 'Microsoft.CustomerInsights/hubs', location, tags }
}

async function hubsIn (t: Parameters<typeof buildTestApp>[0], options: Parameters<typeof buildTestApp>[1] = {}) {
  const built = await buildTestApp(t, options)
  const { request } = built
  await request({ method: 'PUT', url: url(hubPath('rg-b', 'hubTwo')), payload: { location: 'East US', tags: { env: 'prod' } } })
  await request({ method: 'PUT', url: url(hubPath('rg-a', 'hubOne')), payload: { location: 'westus', tags: { Env: 'test' } } })
  await request({ method: 'PUT', url: url(hubPath('rg-a', 'hubThree')), payload: { location: 'West US' } })
  await request({ method: 'PUT', url: url(hubPath('rg-c', 'hubFour', OTHER_SUBSCRIPTION)), payload: { location: 'westus' } })
  await request({ method: 'PUT', url: url(`${hubPath('rg-a', 'hubOne')}/links/link1`), payload: { properties: minimalLinkDefinition } })
  await request({ method: 'PUT', url: url(`/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-a`, VERSION), payload: { location: 'westus' } })
  return built
}

type Listed = { value: { name: string }[], nextLink?: string }
const names = (response: Parameters<typeof json>[0]) => (json(response) as Listed).value.map(({ name }) => name)

t.test('a subscription\'s resources: its hubs in key order, in ARM\'s generic form; no group, no nested resource', async (t) => {
  const { request } = await hubsIn(t)
  const response = await request({ method: 'GET', url: url(RESOURCES, VERSION) })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(response), {
    value: [
      hub('rg-a', 'hubOne', 'westus', { Env: 'test' }),
      hub('rg-a', 'hubThree', 'West US'),
      hub('rg-b', 'hubTwo', 'East US', { env: 'prod' })
    ]
  })
  const empty = await request({ method: 'GET', url: url(`${RESOURCES}?$filter=`, VERSION) })
  t.strictSame(names(empty), ['hubOne', 'hubThree', 'hubTwo'], 'the Azure CLI sends an empty filter')
})

t.test('$expand adds when each was created and changed, and its provisioning state now', async (t) => {
  const { request, clock } = await buildTestApp(t, { provisioningDelayMs: 1000 })
  await request({ method: 'PUT', url: url(hubPath('rg', 'hubOne')), payload: { location: 'westus' } })
  clock.advance(5000)
  await request({ method: 'PUT', url: url(hubPath('rg', 'hubOne')), payload: { location: 'westus', tags: { a: 'b' } } })
  await request({
    method: 'PUT', url: url(hubPath('rg', 'hubTwo')), payload: { location: 'westus' },
    headers: { 'x-emulator-provisioning': JSON.stringify({ outcome: 'Failed', delayMs: 0 }) }
  })
  await request({ method: 'PUT', url: url(hubPath('rg', 'hubZ')), payload: { location: 'westus' } })
  const expand = '$expand=createdTime%2CchangedTime%2CprovisioningState'
  const response = await request({ method: 'GET', url: url(`${RESOURCES}?${expand}`, VERSION) })
  t.strictSame(json(response), {
    value: [
      {
        ...hub('rg', 'hubOne', 'westus', { a: 'b' }),
        createdTime: new Date(START).toISOString(),
        changedTime: new Date(START + 5000).toISOString(),
        provisioningState: 'Succeeded'
      },
      { ...hub('rg', 'hubTwo', 'westus'), createdTime: new Date(START + 5000).toISOString(), changedTime: new Date(START + 5000).toISOString(), provisioningState: 'Failed' },
      { ...hub('rg', 'hubZ', 'westus'), createdTime: new Date(START + 5000).toISOString(), changedTime: new Date(START + 5000).toISOString(), provisioningState: 'Creating' }
    ]
  })
  const some = json(await request({ method: 'GET', url: url(`${RESOURCES}?$expand=provisioningState,unknown`, VERSION) })) as { value: Record<string, unknown>[] }
  t.strictSame(Object.keys(some.value[0] ?? {}), ['id', 'name', 'type', 'location', 'tags', 'provisioningState'])
})

t.test('the filters the Azure CLI sends: resourceGroup, resourceType, name, location, tagName and tagValue', async (t) => {
  const { request } = await hubsIn(t)
  t.strictSame(names(await request({ method: 'GET', url: filtered("resourceGroup eq 'RG-A'") })), ['hubOne', 'hubThree'])
  t.strictSame(names(await request({ method: 'GET', url: filtered("resourceType eq 'microsoft.customerinsights/HUBS'") })), ['hubOne', 'hubThree', 'hubTwo'])
  t.strictSame(names(await request({ method: 'GET', url: filtered("resourceType eq 'Microsoft.CustomerInsights/hubs/links'") })), [],
    'nested types are not listed')
  t.strictSame(names(await request({ method: 'GET', url: filtered("name eq 'HUBONE' and location eq 'westus'") })), ['hubOne'])
  t.strictSame(names(await request({ method: 'GET', url: filtered("location eq 'westus'") })), ['hubOne', 'hubThree'], 'West US is westus')
  t.strictSame(names(await request({ method: 'GET', url: filtered("tagName eq 'env' and tagValue eq 'test'") })), ['hubOne'])
  t.strictSame(names(await request({ method: 'GET', url: filtered("tagname eq 'ENV'") })), ['hubOne', 'hubTwo'])
  t.strictSame(names(await request({ method: 'GET', url: filtered("tagValue eq 'Test'") })), [], 'values match exactly')
  t.strictSame(names(await request({ method: 'GET', url: filtered("name eq 'it''s'") })), [], 'a doubled quote')

  const bad = await request({ method: 'GET', url: filtered("substringof('hub', name)") })
  t.equal(bad.statusCode, 400)
  t.strictSame(json(bad), {
    error: {
      code: 'InvalidFilterInQueryString',
      message: "Invalid $filter 'substringof('hub', name)' specified in the query string. The emulator reads terms '{name} eq '{value}'' " +
        "joined by 'and', on resourcegroup, resourcetype, name, location, tagname, tagvalue."
    }
  })
})

t.test('a resource group\'s resources: its hubs, with the same filters; a group that does not exist is a 404', async (t) => {
  const { request } = await hubsIn(t)
  const group = `/subscriptions/${SUBSCRIPTION}/resourceGroups/RG-A/resources`
  const response = await request({ method: 'GET', url: url(group, VERSION) })
  t.equal(response.statusCode, 200)
  t.strictSame(json(response), { value: [hub('rg-a', 'hubOne', 'westus', { Env: 'test' }), hub('rg-a', 'hubThree', 'West US')] })
  t.strictSame(names(await request({ method: 'GET', url: url(`${group}?$filter=${encodeURIComponent("name eq 'hubThree'")}`, VERSION) })), ['hubThree'])
  t.strictSame(names(await request({ method: 'GET', url: url(`${group}?$filter=${encodeURIComponent("resourceGroup eq 'rg-a'")}`, VERSION) })), ['hubOne', 'hubThree'])
  t.strictSame(names(await request({ method: 'GET', url: url(`${group}?$filter=${encodeURIComponent("resourceGroup eq 'rg-b'")}`, VERSION) })), [],
    'a filter naming another group')
  t.strictSame(names(await request({ method: 'GET', url: url(`/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-b/resources`, VERSION) })), ['hubTwo'],
    'a group that exists only by what it holds')

  const missing = await request({ method: 'GET', url: url(`/subscriptions/${SUBSCRIPTION}/resourceGroups/none/resources`, VERSION) })
  t.equal(missing.statusCode, 404)
  t.strictSame(json(missing), { error: { code: 'ResourceGroupNotFound', message: "Resource group 'none' could not be found." } })
  const invalid = await request({ method: 'GET', url: url(`/subscriptions/${SUBSCRIPTION}/resourceGroups/bad%21/resources`, VERSION) })
  t.equal((json(invalid) as { error: { code: string } }).error.code, 'InvalidResourceGroup')
  t.equal((await request({ method: 'POST', url: url(group, VERSION) })).statusCode, 405)
  t.equal((await request({ method: 'PUT', url: url(RESOURCES, VERSION) })).statusCode, 405)
})

t.test('pages: a nextLink after each full page, filters applied across the index\'s batches', async (t) => {
  const { request } = await buildTestApp(t, { pageSize: 2 })
  for (const [index, name] of ['hubA', 'hubB', 'hubC', 'hubD', 'hubE', 'hubF'].entries()) {
    await request({ method: 'PUT', url: url(hubPath('rg', name)), payload: { location: index % 3 === 0 ? 'eastus' : 'westus' } })
  }
  const first = json(await request({ method: 'GET', url: url(RESOURCES, VERSION) })) as Listed & { nextLink: string }
  t.strictSame(first.value.map(({ name }) => name), ['hubA', 'hubB'])
  t.match(first.nextLink, new RegExp(`^http://localhost:80${RESOURCES}\\?api-version=${VERSION}&%24skipToken=`))
  const second = json(await request({ method: 'GET', url: first.nextLink.slice('http://localhost:80'.length) })) as Listed & { nextLink: string }
  t.strictSame(second.value.map(({ name }) => name), ['hubC', 'hubD'])
  const third = json(await request({ method: 'GET', url: second.nextLink.slice('http://localhost:80'.length) })) as Listed
  t.strictSame(third.value.map(({ name }) => name), ['hubE', 'hubF'])
  t.equal(third.nextLink, undefined)

  const east = json(await request({ method: 'GET', url: filtered("location eq 'eastus'") })) as Listed
  t.strictSame(east.value.map(({ name }) => name), ['hubA', 'hubD'], 'found across batches of the index')
  t.equal(east.nextLink, undefined)
  const west = json(await request({ method: 'GET', url: filtered("location eq 'westus'") })) as Listed & { nextLink: string }
  t.strictSame(west.value.map(({ name }) => name), ['hubB', 'hubC'])
  const rest = json(await request({ method: 'GET', url: west.nextLink.slice('http://localhost:80'.length) })) as Listed
  t.strictSame(rest.value.map(({ name }) => name), ['hubE', 'hubF'])
  t.equal((await request({ method: 'GET', url: url(`${RESOURCES}?$skipToken=x`, VERSION) })).statusCode, 400)
})

t.test('a top-level type that does not provision shows the state its body holds, if any', async (t) => {
  const sites = defineResourceType({
    kind: 'site', segment: 'sites', nameParameter: 'siteName', parent: null, nameRule: { maxLength: 10 },
    versions: { '2017-04-26': { definition: Type.Object({}) } }, tracked: true, put: { declared: [200], longRunning: false },
    properties: (definition) => definition
  })
  const { request } = await buildTestApp(t, { resourceTypes: [hubs, links, sites] })
  const site = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.CustomerInsights/sites/s1`
  t.equal((await request({ method: 'PUT', url: url(site), payload: { location: 'westus', properties: {} } })).statusCode, 201)
  const listed = json(await request({ method: 'GET', url: url(`${RESOURCES}?$expand=provisioningState`, VERSION) }))
  t.strictSame(listed, { value: [{ id: site, name: 's1', type: 'Microsoft.CustomerInsights/sites', location: 'westus', tags: {} }] })
})

t.test('the listing needs an api-version of Microsoft.Resources, and no token', async (t) => {
  const { request } = await buildTestApp(t, { requireAuth: true })
  t.equal((await request({ method: 'GET', url: url(RESOURCES, VERSION) })).statusCode, 200)
  const provider = await request({ method: 'GET', url: url(RESOURCES, '2017-04-26') })
  t.equal(provider.statusCode, 400)
  t.equal((json(provider) as { error: { code: string } }).error.code, 'InvalidApiVersionParameter')
})

t.test('what az resource sends: an empty parent path (providers/{namespace}//hubs/…), a location atop a link\'s body', async (t) => {
  const { app, request } = await buildTestApp(t)
  const provider = `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg/providers/Microsoft.CustomerInsights`
  const created = await request({ method: 'PUT', url: url(`${provider}//hubs/hubOne`), payload: { location: 'westus', properties: {} } })
  t.equal(created.statusCode, 201)
  t.equal((json(created) as { id: string }).id, hubPath('rg', 'hubOne'))
  const link = await request({ method: 'PUT', url: url(`${provider}/hubs/hubOne/links/link1`), payload: { location: 'westus', properties: minimalLinkDefinition } })
  t.equal(link.statusCode, 201)
  t.notOk('location' in (json(link) as object), 'a proxy resource has no location: it is dropped, as an unknown field is')
  t.equal(app.stores.resources.listAll(SUBSCRIPTION).length, 2)
  t.equal((await request({ method: 'GET', url: url(`${provider}//hubs/hubOne`) })).statusCode, 200)
})
