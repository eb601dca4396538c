import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { HUB, SUBSCRIPTION, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'
import { minimalLinkDefinition } from './helpers/fixtures.js'

const VERSION = '2021-04-01'
const GROUPS = `/subscriptions/${SUBSCRIPTION}/resourcegroups`
const groupUrl = (name: string, version: string | null = VERSION) => url(`${GROUPS}/${name}`, version)
const hubPath = (group: string, hub = HUB) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${group}/providers/Microsoft.CustomerInsights/hubs/${hub}`

function group (name: string, location = 'westus', extra: Record<string, unknown> = {}) {
  return {
    id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${name}`,
    name,
    type: 'Microsoft.Resources/resourceGroups',
    location,
    ...extra,
    properties: { provisioningState: 'Succeeded' }
  }
}

t.test('PUT creates a group (201) in the resources table, its location as ARM writes it; a second PUT updates it (200)', async (t) => {
  const { app, request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: groupUrl('MyGroup'), payload: { location: 'West US' } })
  t.equal(created.statusCode, 201)
  t.equal(created.headers['content-type'], 'application/json; charset=utf-8')
  t.ok(created.headers['x-ms-request-id'])
  t.strictSame(json(created), group('MyGroup'))
  const stored = storedAt(app, `${GROUPS}/mygroup`)
  t.equal(stored?.type, 'Microsoft.Resources/resourceGroups')
  t.equal(stored?.apiVersion, VERSION, 'the version it was written in')
  t.strictSame(storedBody(stored), group('MyGroup'))
  t.strictSame(app.stores.resources.trackedPage(`${GROUPS.toLowerCase()}/`, 'Microsoft.Resources/resourceGroups', '', 10).map(({ key }) => key),
    [`${GROUPS.toLowerCase()}/mygroup`], 'a tracked resource')

  const updated = await request({
    method: 'PUT', url: groupUrl('MYGROUP', '2019-10-01'),
    payload: { id: 'ignored', name: 'ignored', location: 'westus', managedBy: 'someone', tags: { env: 'test' }, properties: { provisioningState: 'Deleting' } }
  })
  t.equal(updated.statusCode, 200)
  t.strictSame(json(updated), group('MYGROUP', 'westus', { managedBy: 'someone', tags: { env: 'test' } }), 'the casing of the latest PUT')
  t.strictSame(storedBody(storedAt(app, `${GROUPS}/mygroup`)), json(updated))
  t.equal(storedAt(app, `${GROUPS}/mygroup`)?.apiVersion, '2019-10-01')
})

t.test('a PUT that would move a group, or gives no location, is refused and stores nothing', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: groupUrl('rg'), payload: { location: 'westus' } })
  const moved = await request({ method: 'PUT', url: groupUrl('rg'), payload: { location: 'East US', tags: { a: 'b' } } })
  t.equal(moved.statusCode, 409)
  t.strictSame(json(moved), {
    error: {
      code: 'InvalidResourceGroupLocation',
      message: "Invalid resource group location 'eastus'. The Resource group already exists in location 'westus'."
    }
  })
  t.strictSame(storedBody(storedAt(app, `${GROUPS}/rg`)), group('rg'))

  const nowhere = await request({ method: 'PUT', url: groupUrl('other'), payload: { tags: {} } })
  t.equal(nowhere.statusCode, 400)
  t.strictSame(json(nowhere), { error: { code: 'LocationRequired', message: 'The location property is required for this definition.' } })
  const badTags = await request({ method: 'PUT', url: groupUrl('other'), payload: { location: 'westus', tags: { a: 1 } } })
  t.equal(badTags.statusCode, 400)
  t.match(json(badTags), { error: { code: 'ValidationFailed', message: /^The resource group is invalid\./, target: 'tags.a' } })
  t.equal(storedAt(app, `${GROUPS}/other`), undefined)
})

t.test('a group name ARM refuses is refused on every method, before anything else', async (t) => {
  const { request } = await buildTestApp(t)
  const invalid = await request({ method: 'PUT', url: groupUrl(encodeURIComponent('bad name!')), payload: {} })
  t.equal(invalid.statusCode, 400)
  t.strictSame(json(invalid), {
    error: {
      code: 'InvalidResourceGroup',
      message: "The provided resource group name 'bad name!' has these invalid characters: ' !'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'."
    }
  })
  const long = 'a'.repeat(91)
  t.strictSame(json(await request({ method: 'GET', url: groupUrl(long) })), {
    error: { code: 'InvalidResourceGroup', message: `The provided resource group name '${long}' is longer than 90 characters.` }
  })
  t.strictSame(json(await request({ method: 'DELETE', url: groupUrl('dot.') })), {
    error: { code: 'InvalidResourceGroup', message: "The provided resource group name 'dot.' ends with a period, which it may not." }
  })
  const unicode = await request({ method: 'PUT', url: groupUrl(encodeURIComponent('Grüße-(1)_a.b')), payload: { location: 'westus' } })
  t.equal(unicode.statusCode, 201, 'letters of any script, digits, - _ . ( )')
  t.equal((await request({ method: 'GET', url: groupUrl('a'.repeat(90)) })).statusCode, 404)
})

t.test('GET and HEAD of a group: 200 with the group, 204; 404 ResourceGroupNotFound when there is none', async (t) => {
  const { request } = await buildTestApp(t)
  await request({ method: 'PUT', url: groupUrl('Group1'), payload: { location: 'westus', tags: { a: 'b' } } })
  const got = await request({ method: 'GET', url: url(`/subscriptions/${SUBSCRIPTION.toUpperCase()}/resourceGroups/group1`, VERSION) })
  t.equal(got.statusCode, 200)
  t.strictSame(json(got), { ...group('Group1', 'westus', { tags: { a: 'b' } }), id: `/subscriptions/${SUBSCRIPTION.toUpperCase()}/resourceGroups/Group1` })

  const head = await request({ method: 'HEAD', url: groupUrl('GROUP1') })
  t.equal(head.statusCode, 204)
  t.equal(head.body, '')

  const missing = await request({ method: 'GET', url: groupUrl('nothing') })
  t.equal(missing.statusCode, 404)
  t.strictSame(json(missing), { error: { code: 'ResourceGroupNotFound', message: "Resource group 'nothing' could not be found." } })
  const headMissing = await request({ method: 'HEAD', url: groupUrl('nothing') })
  t.equal(headMissing.statusCode, 404)
  t.equal(headMissing.body, '')
  t.equal((await request({ method: 'POST', url: groupUrl('group1') })).statusCode, 405)
})

t.test('PATCH replaces tags and managedBy as given, keeps the rest; a group that does not exist is a 404', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: groupUrl('rg'), payload: { location: 'westus', tags: { a: 'b', c: 'd' }, managedBy: 'me' } })
  const patched = await request({ method: 'PATCH', url: groupUrl('rg'), payload: { tags: { e: 'f' }, location: 'eastus' } })
  t.equal(patched.statusCode, 200)
  t.strictSame(json(patched), group('rg', 'westus', { managedBy: 'me', tags: { e: 'f' } }), 'a location in a patch is ignored')
  t.strictSame(storedBody(storedAt(app, `${GROUPS}/rg`)), json(patched))
  const managed = await request({ method: 'PATCH', url: groupUrl('rg'), payload: { managedBy: 'you' } })
  t.strictSame(json(managed), group('rg', 'westus', { managedBy: 'you', tags: { e: 'f' } }))
  const missing = await request({ method: 'PATCH', url: groupUrl('none'), payload: { tags: {} } })
  t.equal(missing.statusCode, 404)
  t.equal((json(missing) as { error: { code: string } }).error.code, 'ResourceGroupNotFound')
})

t.test('DELETE removes the group and everything in it at once, answers 202 with a Location that answers 200', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: groupUrl('doomed'), payload: { location: 'westus' } })
  await request({ method: 'PUT', url: groupUrl('kept'), payload: { location: 'westus' } })
  await request({ method: 'PUT', url: url(hubPath('doomed')), payload: { location: 'westus' } })
  await request({ method: 'PUT', url: url(`${hubPath('doomed')}/links/link1`), payload: { properties: minimalLinkDefinition } })
  await request({ method: 'PUT', url: url(`${hubPath('kept')}/links/link1`), payload: { properties: minimalLinkDefinition } })

  const deleted = await request({ method: 'DELETE', url: groupUrl('Doomed') })
  t.equal(deleted.statusCode, 202)
  t.equal(deleted.body, '')
  t.equal(deleted.headers['retry-after'], '0')
  const location = String(deleted.headers.location)
  t.match(location, new RegExp(`^http://localhost:80/subscriptions/${SUBSCRIPTION}/operationresults/[0-9a-f-]{36}\\?api-version=${VERSION}$`))
  t.strictSame(app.stores.resources.listAll(SUBSCRIPTION).map(({ key }) => key), [
    `${GROUPS.toLowerCase()}/kept`,
    `${hubPath('kept').toLowerCase()}/links/link1`
  ], 'the group, its hub and its link are gone; the other group is not')

  const polled = await request({ method: 'GET', url: location.slice('http://localhost:80'.length) })
  t.equal(polled.statusCode, 200)
  t.equal(polled.body, '')
  t.equal((await request({ method: 'GET', url: groupUrl('doomed') })).statusCode, 404)
  const again = await request({ method: 'DELETE', url: groupUrl('doomed') })
  t.equal(again.statusCode, 404)
  t.strictSame(json(again), { error: { code: 'ResourceGroupNotFound', message: "Resource group 'doomed' could not be found." } })

  const unknown = await request({ method: 'GET', url: url(`/subscriptions/${SUBSCRIPTION}/operationresults/nope`, VERSION) })
  t.equal(unknown.statusCode, 404)
  t.strictSame(json(unknown), { error: { code: 'OperationNotFound', message: "The operation 'nope' was not found." } })
  const put = await request({ method: 'PUT', url: url(`${hubPath('kept')}/links/link2`), payload: { properties: minimalLinkDefinition } })
  const putOperation = String(put.headers['azure-asyncoperation']).split('/').at(-1)?.split('?')[0] as string
  t.equal((await request({ method: 'GET', url: url(`/subscriptions/${SUBSCRIPTION}/operationresults/${putOperation}`, VERSION) })).statusCode, 404,
    'a PUT\'s operation is no deletion')
})

t.test('the list: every group in name order, filtered by tag, a page at a time', async (t) => {
  const { request } = await buildTestApp(t, { pageSize: 2 })
  for (const [name, tags] of [['b-group', { env: 'test' }], ['A-group', undefined], ['c-group', { ENV: 'prod' }], ['d-group', { env: 'test' }]] as const) {
    await request({ method: 'PUT', url: groupUrl(name), payload: { location: 'westus', ...(tags && { tags }) } })
  }
  const first = await request({ method: 'GET', url: url(GROUPS, VERSION) })
  t.equal(first.statusCode, 200)
  t.equal(first.headers['content-type'], 'application/json; charset=utf-8')
  const page = json(first) as { value: { name: string }[], nextLink: string }
  t.strictSame(page.value, [group('A-group'), group('b-group', 'westus', { tags: { env: 'test' } })])
  t.match(page.nextLink, new RegExp(`^http://localhost:80${GROUPS}\\?api-version=${VERSION}&%24skipToken=`))
  const second = json(await request({ method: 'GET', url: page.nextLink.slice('http://localhost:80'.length) })) as { value: { name: string }[], nextLink?: string }
  t.strictSame(second.value.map(({ name }) => name), ['c-group', 'd-group'])
  t.equal(second.nextLink, undefined)

  const tagged = json(await request({ method: 'GET', url: url(`${GROUPS}?$filter=${encodeURIComponent("tagname eq 'Env' and tagvalue eq 'test'")}`, VERSION) }))
  t.strictSame((tagged as { value: { name: string }[] }).value.map(({ name }) => name), ['b-group', 'd-group'], 'names case-insensitively, values exactly')
  const named = json(await request({ method: 'GET', url: url(`${GROUPS}?$filter=${encodeURIComponent("tagName eq 'env'")}`, VERSION) }))
  t.strictSame((named as { value: { name: string }[] }).value.map(({ name }) => name), ['b-group', 'c-group'], 'a first page of those with the tag')
  const namedNext = json(await request({ method: 'GET', url: (named as { nextLink: string }).nextLink.slice('http://localhost:80'.length) }))
  t.strictSame((namedNext as { value: { name: string }[] }).value.map(({ name }) => name), ['d-group'], 'the next page keeps the filter')
  const valued = json(await request({ method: 'GET', url: url(`${GROUPS}?$filter=${encodeURIComponent("tagValue eq 'prod'")}`, VERSION) }))
  t.strictSame((valued as { value: { name: string }[] }).value.map(({ name }) => name), ['c-group'])

  const bad = await request({ method: 'GET', url: url(`${GROUPS}?$filter=${encodeURIComponent("name eq 'x'")}`, VERSION) })
  t.equal(bad.statusCode, 400)
  t.strictSame(json(bad), {
    error: {
      code: 'InvalidFilterInQueryString',
      message: "Invalid $filter 'name eq 'x'' specified in the query string. The emulator reads terms '{name} eq '{value}'' joined by 'and', on tagname, tagvalue."
    }
  })
  const dangling = await request({ method: 'GET', url: url(`${GROUPS}?$filter=${encodeURIComponent("tagName eq 'a' or tagName eq 'b'")}`, VERSION) })
  t.equal((json(dangling) as { error: { code: string } }).error.code, 'InvalidFilterInQueryString')
  t.equal((await request({ method: 'GET', url: url(`${GROUPS}?$skipToken=bogus`, VERSION) })).statusCode, 400)
  t.equal((await request({ method: 'DELETE', url: url(GROUPS, VERSION) })).statusCode, 405)
})

t.test('implicit references: a group named by a provider URL exists while it holds resources, in the casing and location they give', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${hubPath('LinksOnly')}/links/link1`), payload: { properties: minimalLinkDefinition } })
  await request({ method: 'PUT', url: url(hubPath('WithHub')), payload: { location: 'East US' } })

  t.strictSame(json(await request({ method: 'GET', url: groupUrl('linksonly') })), group('LinksOnly'), 'no hub: the default location')
  t.strictSame(json(await request({ method: 'GET', url: groupUrl('withhub') })), group('WithHub', 'eastus'), 'the hub\'s location')
  t.equal((await request({ method: 'HEAD', url: groupUrl('withhub') })).statusCode, 204)
  t.strictSame((json(await request({ method: 'GET', url: url(GROUPS, VERSION) })) as { value: unknown[] }).value,
    [group('LinksOnly'), group('WithHub', 'eastus')])

  const deleted = await request({ method: 'DELETE', url: groupUrl('linksonly') })
  t.equal(deleted.statusCode, 202)
  t.equal((await request({ method: 'GET', url: groupUrl('linksonly') })).statusCode, 404, 'once deleted, with everything in it, it is gone')
  t.equal(app.stores.resources.listAll(SUBSCRIPTION).length, 1)

  const patched = await request({ method: 'PATCH', url: groupUrl('withhub'), payload: { tags: { a: 'b' } } })
  t.strictSame(json(patched), group('WithHub', 'eastus', { tags: { a: 'b' } }))
  t.equal(storedAt(app, `${GROUPS}/withhub`)?.type, 'Microsoft.Resources/resourceGroups', 'a patch creates it')
  const created = await request({ method: 'PUT', url: groupUrl('LinksToo'), payload: { location: 'northeurope' } })
  t.equal(created.statusCode, 201)
})

t.test('strict references: a group exists only once created, and a hub needs its group', async (t) => {
  const { app, request } = await buildTestApp(t, { references: 'strict' })
  const orphan = await request({ method: 'PUT', url: url(hubPath('rg')), payload: { location: 'westus' } })
  t.equal(orphan.statusCode, 404)
  t.strictSame(json(orphan), { error: { code: 'ResourceGroupNotFound', message: "Resource group 'rg' could not be found." } })

  await request({ method: 'PUT', url: groupUrl('rg'), payload: { location: 'westus' } })
  t.equal((await request({ method: 'PUT', url: url(hubPath('rg')), payload: { location: 'westus' } })).statusCode, 201)
  t.equal((await request({ method: 'GET', url: url(hubPath('rg')) })).statusCode, 200)

  const deleted = await request({ method: 'DELETE', url: groupUrl('rg') })
  t.equal(deleted.statusCode, 202)
  t.equal(app.stores.resources.listAll(SUBSCRIPTION).length, 0)
})

t.test('a group that only holds resources, stored under implicit references, does not exist under strict ones', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ci-emulator-groups-'))
  const implicit = await buildTestApp(t, { storage: { inMemory: false, dataDir } })
  await implicit.request({ method: 'PUT', url: url(`${hubPath('Loose')}/links/link1`), payload: { properties: minimalLinkDefinition } })
  await implicit.request({ method: 'PUT', url: groupUrl('Created'), payload: { location: 'westus' } })
  await implicit.app.close()

  const { request } = await buildTestApp(t, { storage: { inMemory: false, dataDir }, references: 'strict' })
  t.equal((await request({ method: 'GET', url: groupUrl('loose') })).statusCode, 404)
  t.equal((await request({ method: 'DELETE', url: groupUrl('loose') })).statusCode, 404)
  t.strictSame((json(await request({ method: 'GET', url: url(GROUPS, VERSION) })) as { value: unknown[] }).value, [group('Created')])
  t.equal((await request({ method: 'GET', url: url(`${hubPath('Loose')}/links/link1`) })).statusCode, 404, 'nor do its resources')
})

t.test('the api-versions ARM knows for resource groups; none is a 400, unless the check is off; no token is needed', async (t) => {
  const { request } = await buildTestApp(t, { requireAuth: true })
  const missing = await request({ method: 'PUT', url: groupUrl('rg', null), payload: { location: 'westus' } })
  t.equal(missing.statusCode, 400)
  t.equal((json(missing) as { error: { code: string } }).error.code, 'MissingApiVersionParameter')
  const provider = await request({ method: 'GET', url: groupUrl('rg', '2017-04-26') })
  t.equal(provider.statusCode, 400)
  t.match(json(provider), { error: { code: 'InvalidApiVersionParameter', message: /^The api-version '2017-04-26' is invalid. The supported versions are '2024-11-01,.*,2015-11-01'\./ } })
  t.equal((await request({ method: 'PUT', url: groupUrl('rg', '2016-09-01'), payload: { location: 'westus' } })).statusCode, 201)

  const { request: unchecked } = await buildTestApp(t, { apiVersionCheck: false })
  t.equal((await unchecked({ method: 'PUT', url: groupUrl('rg', null), payload: { location: 'westus' } })).statusCode, 201)
})
