import t from 'tap'
import { API_VERSION, GUID, HUB, HUB_PATH, RESOURCE_GROUP, SUBSCRIPTION, buildTestApp, json, storedAt, storedBody, storedIn, url } from './helpers/app.js'
import { linkSeedInTheNewerNames, minimalRelationshipLinkDefinition } from './helpers/fixtures.js'
import { swaggerExample } from './helpers/published.js'
import { LINK_SEED_BODY } from './fixtures/seed-documents.js'

const LINKS = `${HUB_PATH}/links`

const definition = {
  sourceEntityType: 'Interaction',
  targetEntityType: 'Profile',
  sourceEntityTypeName: 'WebVisit',
  targetEntityTypeName: 'Contact',
  participantPropertyReferences: [{ sourcePropertyName: 'VisitorId', targetPropertyName: 'ContactId' }]
}

function linkResource (name: string, properties: Record<string, unknown>, provisioningState = 'Provisioning') {
  return {
    id: `${LINKS}/${name}`,
    name: `${HUB}/${name}`,
    type: 'Microsoft.CustomerInsights/hubs/links',
    properties: { ...properties, referenceOnly: properties.referenceOnly ?? false, tenantId: HUB.toLowerCase(), linkName: name, provisioningState }
  }
}

t.test('PUT creates a link: 201, the async-operation headers, the whole resource, and what was stored', async (t) => {
  const { app, request } = await buildTestApp(t)
  const response = await request({ method: 'PUT', url: url(`${LINKS}/WebToContact`), payload: { properties: definition } })

  t.equal(response.statusCode, 201)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(response.headers['azure-asyncoperation'],
    `http://localhost:80/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CustomerInsights/operationStatuses/00000000-0000-4000-8000-000000000003?api-version=${API_VERSION}`)
  t.equal(response.headers['retry-after'], '1')
  t.strictSame(json(response), linkResource('WebToContact', definition))

  const stored = storedAt(app, `${LINKS}/webtocontact`)
  t.equal(stored?.body, response.body, 'the body the PUT answered is what is stored')
  t.equal(stored?.key, `${LINKS.toLowerCase()}/webtocontact`)
  t.equal(stored?.operation?.id, '00000000-0000-4000-8000-000000000003')
})

t.test('PUT of an existing link replaces its definition and answers 200', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${LINKS}/WebToContact`), payload: { properties: { ...definition, mappings: [{ sourcePropertyName: 'a', targetPropertyName: 'b' }] } } })
  const updated = { ...definition, referenceOnly: true, operationType: 'Delete', displayName: { 'en-us': 'Web to contact' } }
  const response = await request({ method: 'PUT', url: url(`${LINKS}/WebToContact`), payload: { properties: updated } })

  t.equal(response.statusCode, 200)
  t.ok(response.headers['azure-asyncoperation'])
  t.strictSame(json(response), linkResource('WebToContact', updated))
  t.strictSame(storedBody(storedAt(app, `${LINKS}/WebToContact`)), linkResource('WebToContact', updated), 'mappings of the first PUT are gone')
  t.equal(storedIn(app, LINKS).length, 1)
})

t.test('GET shows Provisioning until the provisioning delay has passed, then Succeeded', async (t) => {
  const { clock, request } = await buildTestApp(t, { provisioningDelayMs: 2000 })
  await request({ method: 'PUT', url: url(`${LINKS}/WebToContact`), payload: { properties: definition } })

  clock.advance(1999)
  const during = await request({ method: 'GET', url: url(`${LINKS}/WebToContact`) })
  t.equal(during.statusCode, 200)
  t.strictSame(json(during), linkResource('WebToContact', definition, 'Provisioning'))

  clock.advance(1)
  const after = await request({ method: 'GET', url: url(`${LINKS}/WebToContact`) })
  t.equal(after.statusCode, 200)
  t.equal(after.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(after), linkResource('WebToContact', definition, 'Succeeded'))
})

t.test('GET of a link that does not exist is a 404 ResourceNotFound', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: url(`${LINKS}/Missing`) })
  t.equal(response.statusCode, 404)
  t.strictSame(json(response), {
    error: {
      code: 'ResourceNotFound',
      message: `The Resource 'Microsoft.CustomerInsights/hubs/${HUB}/links/Missing' under resource group '${RESOURCE_GROUP}' was not found.`
    }
  })
})

t.test('GET and DELETE of a name that PUT would refuse simply find nothing', async (t) => {
  const { request } = await buildTestApp(t)
  const get = await request({ method: 'GET', url: url(`${LINKS}/1-not-a-name`) })
  t.equal(get.statusCode, 404)
  t.match(json(get), { error: { code: 'ResourceNotFound' } })
  const remove = await request({ method: 'DELETE', url: url(`${LINKS}/1-not-a-name`) })
  t.equal(remove.statusCode, 204)
})

t.test('DELETE answers 200 with no body when the link existed and 204 when it did not', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${LINKS}/WebToContact`), payload: { properties: definition } })

  const first = await request({ method: 'DELETE', url: url(`${LINKS}/webtocontact`) })
  t.equal(first.statusCode, 200)
  t.equal(first.body, '')
  t.equal(first.headers['content-type'], undefined)
  t.equal(storedAt(app, `${LINKS}/WebToContact`), undefined)

  const second = await request({ method: 'DELETE', url: url(`${LINKS}/WebToContact`) })
  t.equal(second.statusCode, 204)
  t.equal(second.body, '')
  const get = await request({ method: 'GET', url: url(`${LINKS}/WebToContact`) })
  t.equal(get.statusCode, 404)
})

t.test('literal segments and names match case-insensitively; responses show the casing of the latest PUT', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${LINKS}/WebToContact`), payload: { properties: definition } })
  const otherCasing = `/SUBSCRIPTIONS/${SUBSCRIPTION.toUpperCase()}/resourcegroups/testhubrg/PROVIDERS/microsoft.customerinsights/HUBS/SDKTESTHUB/LINKS/webtocontact`

  const get = await request({ method: 'GET', url: url(otherCasing) })
  t.equal(get.statusCode, 200)
  t.strictSame(json(get), linkResource('WebToContact', definition), 'still the casing of the PUT')

  const put = await request({ method: 'PUT', url: url(otherCasing), payload: { properties: definition } })
  t.equal(put.statusCode, 200, 'the same link, so an update')
  const expected = {
    id: `/subscriptions/${SUBSCRIPTION.toUpperCase()}/resourceGroups/testhubrg/providers/Microsoft.CustomerInsights/hubs/SDKTESTHUB/links/webtocontact`,
    name: 'SDKTESTHUB/webtocontact',
    type: 'Microsoft.CustomerInsights/hubs/links',
    properties: { ...definition, referenceOnly: false, tenantId: 'sdktesthub', linkName: 'webtocontact', provisioningState: 'Provisioning' }
  }
  t.strictSame(json(put), expected)
  const list = await request({ method: 'GET', url: url(LINKS) })
  t.strictSame(json(list), { value: [expected] })
  t.equal(storedIn(app, LINKS).length, 1)
})

t.test('the Link seed document\'s example body, exactly as published, creates a link shown in the 2017-04-26 form', async (t) => {
  const { app, request } = await buildTestApp(t)
  const seedBody = LINK_SEED_BODY
  const response = await request({ method: 'PUT', url: url(`${LINKS}/linkTest4806`), payload: seedBody })
  t.equal(response.statusCode, 201)

  t.strictSame(json(response), linkResource('linkTest4806', linkSeedInTheNewerNames))
  const get = await request({ method: 'GET', url: url(`${LINKS}/linkTest4806`) })
  t.strictSame(json(get), linkResource('linkTest4806', linkSeedInTheNewerNames))
  t.strictSame(storedBody(storedAt(app, `${LINKS}/linkTest4806`)), linkResource('linkTest4806', linkSeedInTheNewerNames), 'isProfileTypeId is not stored')
})

t.test('the swagger example request is accepted and answered as its example response shows', async (t) => {
  const { request } = await buildTestApp(t)
  const example = swaggerExample('LinksCreateOrUpdate')
  const response = await request({ method: 'PUT', url: url(`${LINKS}/linkTest4806`), payload: example.parameters.parameters })
  t.equal(response.statusCode, 201)
  const published = example.responses['200']?.body as { properties: Record<string, unknown> }
  const body = json(response) as { properties: Record<string, unknown> }
  t.strictSame(body.properties, { ...published.properties, tenantId: HUB.toLowerCase() },
    'the same properties as the published response, for this hub')
})

t.test('the flat shape takes the 2017-04-26 field names as they are', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'PUT', url: url(`${LINKS}/Flat`), payload: { ...definition, referenceOnly: true } })
  t.equal(response.statusCode, 201)
  t.strictSame(json(response), linkResource('Flat', { ...definition, referenceOnly: true }))
})

t.test('read-only fields are ignored and unknown fields are neither stored nor echoed', async (t) => {
  const { app, request } = await buildTestApp(t)
  const response = await request({
    method: 'PUT',
    url: url(`${LINKS}/WebToContact`),
    payload: {
      id: '/somewhere/else',
      name: 'otherHub/otherName',
      type: 'Other/type',
      location: 'westus',
      properties: {
        ...definition,
        tenantId: 'otherhub',
        linkName: 'otherName',
        provisioningState: 'Failed',
        relationshipGuidId: 'x',
        favouriteColour: 'green',
        participantPropertyReferences: [{ sourcePropertyName: 'VisitorId', targetPropertyName: 'ContactId', extra: 1 }]
      }
    }
  })
  t.equal(response.statusCode, 201)
  t.strictSame(json(response), linkResource('WebToContact', definition))
  t.strictSame(storedBody(storedAt(app, `${LINKS}/WebToContact`)), linkResource('WebToContact', definition))
})

t.test('listing a hub pages through every link in name order, following nextLink verbatim', async (t) => {
  const { request } = await buildTestApp(t, { pageSize: 2 })
  for (const name of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo']) {
    await request({ method: 'PUT', url: url(`${LINKS}/${name}`), payload: { properties: definition } })
  }
  await request({ method: 'PUT', url: url(`${HUB_PATH.replace(HUB, 'otherHub')}/links/foxtrot`), payload: { properties: definition } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/relationshipLinks/golf`), payload: { properties: minimalRelationshipLinkDefinition } })

  const names: string[] = []
  let next: string | undefined = url(LINKS)
  let pages = 0
  while (next !== undefined) {
    const response = await request({ method: 'GET', url: next })
    t.equal(response.statusCode, 200)
    const page = json(response) as { value: { name: string }[], nextLink?: string }
    names.push(...page.value.map((link) => link.name))
    if (page.nextLink !== undefined) {
      const link = new URL(page.nextLink)
      t.equal(link.origin, 'http://localhost', 'an absolute URL on the emulator\'s own origin')
      t.equal(link.searchParams.get('api-version'), API_VERSION)
      t.match(link.searchParams.get('$skipToken'), /^[A-Za-z0-9_-]+$/)
      next = `${link.pathname}${link.search}`
    } else {
      next = undefined
    }
    pages++
  }
  t.equal(pages, 3)
  t.strictSame(names, ['Alpha', 'Bravo', 'charlie', 'delta', 'echo'].map((name) => `${HUB}/${name}`))
})

t.test('hubs and resource groups whose names hold "/" or "%" keep their links apart from look-alikes', async (t) => {
  const { request } = await buildTestApp(t)
  const hub = (resourceGroup: string, name: string) =>
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/${resourceGroup}/providers/Microsoft.CustomerInsights/hubs/${name}`
  // Percent-encoded in the URL: the resource group is "rg%" and the hub "a/b" once decoded.
  const odd = hub('rg%25', 'a%2Fb')
  for (const [path, name] of [[odd, 'one'], [hub('rg', 'a'), 'two'], [hub('rg%25', 'a'), 'three']]) {
    const put = await request({ method: 'PUT', url: url(`${path}/links/${name}`), payload: { properties: definition } })
    t.equal(put.statusCode, 201)
  }

  const names = async (path: string) => (json(await request({ method: 'GET', url: url(`${path}/links`) })) as { value: { name: string }[] }).value
    .map((link) => link.name)
  t.strictSame(await names(odd), ['a/b/one'])
  t.strictSame(await names(hub('rg%25', 'a')), ['a/three'])
  t.strictSame(await names(hub('rg', 'a')), ['a/two'])
  t.strictSame(await names(hub('rg', 'a%2Fb')), [])
  const found = await request({ method: 'GET', url: url(`${odd}/links/one`) })
  t.equal(found.statusCode, 200)
  t.match(json(found), { id: `${hub('rg%', 'a/b')}/links/one`, name: 'a/b/one', properties: { tenantId: 'a/b', linkName: 'one' } })
  const lookAlike = await request({ method: 'GET', url: url(`${hub('rg%25', 'a')}/links/b%2Fone`) })
  t.equal(lookAlike.statusCode, 404)
  t.match(json(lookAlike), { error: { code: 'ResourceNotFound' } })
})

t.test('a hub with no links lists an empty page with no nextLink', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: url(LINKS) })
  t.equal(response.statusCode, 200)
  t.strictSame(json(response), { value: [] })
})

t.test('a skip token the emulator did not issue is a 400', async (t) => {
  const { request } = await buildTestApp(t)
  for (const token of ['garbage!', Buffer.from('{"v":9,"after":"x"}').toString('base64url'), 'a&$skipToken=b']) {
    const response = await request({ method: 'GET', url: url(`${LINKS}?$skipToken=${token}`) })
    t.equal(response.statusCode, 400, token)
    t.strictSame(json(response), {
      error: { code: 'InvalidSkipToken', message: 'The $skipToken query parameter is not one this emulator issued.', target: '$skipToken' }
    })
  }
})

t.test('relationship links and links of the same name are separate resources', async (t) => {
  const { request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${LINKS}/Shared`), payload: { properties: definition } })
  const response = await request({ method: 'GET', url: url(`${HUB_PATH}/relationshipLinks/Shared`) })
  t.equal(response.statusCode, 404)
  t.ok(GUID.test(String(response.headers['x-ms-request-id'])))
})

t.test('with every optional field, in every provisioning state, reads answer the whole resource', async (t) => {
  const { clock, request } = await buildTestApp(t, { provisioningDelayMs: 1000 })
  const full = {
    ...definition,
    // A localized string may use any key, even the name and value of the state that follows it.
    displayName: { 'en-us': 'Web to contact', provisioningState: 'Provisioning' },
    description: { 'en-us': '"provisioningState":"Provisioning"}}' },
    mappings: [{ sourcePropertyName: 'a', targetPropertyName: 'b', linkType: 'CopyIfNull' }],
    referenceOnly: true,
    operationType: 'Upsert'
  }
  const put = await request({ method: 'PUT', url: url(`${LINKS}/Full`), payload: { properties: full } })
  t.strictSame(json(put), linkResource('Full', full))

  await request({ method: 'PUT', url: url(`${LINKS}/Failing`), payload: { properties: full }, headers: { 'x-emulator-provisioning': '{"outcome":"Failed"}' } })
  clock.advance(1000)
  for (const [name, state] of [['Full', 'Succeeded'], ['Failing', 'Failed']] as const) {
    const get = await request({ method: 'GET', url: url(`${LINKS}/${name}`) })
    t.strictSame(json(get), linkResource(name, full, state))
  }
  const list = await request({ method: 'GET', url: url(LINKS) })
  t.equal(list.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(list), { value: [linkResource('Failing', full, 'Failed'), linkResource('Full', full, 'Succeeded')] })
})
