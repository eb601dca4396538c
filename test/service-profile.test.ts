import t from 'tap'
import { HUB, HUB_PATH, SUBSCRIPTION, buildTestApp, json, storedAt, url, type TestApp } from './helpers/app.js'
import { minimalLinkDefinition, minimalRelationshipLinkDefinition } from './helpers/fixtures.js'

const ORIGIN = 'http://localhost:80'
const OPERATION = '00000000-0000-4000-8000-000000000003'
const OPERATION_HEX = OPERATION.replaceAll('-', '')

/** Every hub child a PUT provisions, with a body each accepts. */
const CHILDREN = [
  ['profiles', 'Contact', { fields: [] }],
  ['interactions', 'WebVisit', {}],
  ['relationships', 'ContactToContact', { profileType: 'Contact', relatedProfileType: 'Contact' }],
  ['links', 'WebToContact', minimalLinkDefinition],
  ['relationshipLinks', 'VisitOf', minimalRelationshipLinkDefinition]
] as const

function pathOf (location: string | string[] | number | undefined): string {
  const parsed = new URL(String(location))
  return `${parsed.pathname}${parsed.search}`
}

async function serviceApp (t: Parameters<typeof buildTestApp>[0], options: Parameters<typeof buildTestApp>[1] = {}): Promise<TestApp> {
  return await buildTestApp(t, { profile: 'service', ...options })
}

/** The recording was made in 2017-01-01, whose links have the older names. */
const LINK_20170101 = { sourceInteractionType: 'WebVisit', targetProfileType: 'Contact', participantPropertyReferences: [] }

t.test('a PUT of a hub child answers 202 with the resource and a Location to poll, as the service did', async (t) => {
  for (const [collection, name, definition] of CHILDREN) {
    t.test(collection, async (t) => {
      const { clock, request } = await serviceApp(t)
      const properties = collection === 'links' ? LINK_20170101 : definition
      const put = await request({ method: 'PUT', url: url(`${HUB_PATH}/${collection}/${name}`, '2017-01-01'), payload: { properties } })
      t.equal(put.statusCode, 202)
      const id = `${HUB_PATH}/${collection}/${name}`
      t.equal(put.headers.location, `${ORIGIN}${id}/operations/${OPERATION_HEX}?api-version=2017-01-01`)
      t.equal(put.headers['azure-asyncoperation'], undefined)
      t.equal(put.headers['retry-after'], '1', 'Retry-After, which the service did not send: track-1 clients would wait 30 s per poll without it')
      const created = json(put) as { id: string, properties: { provisioningState: string } }
      t.equal(created.id, id)
      t.equal(created.properties.provisioningState, 'Provisioning')

      const running = await request({ method: 'GET', url: pathOf(put.headers.location) })
      t.equal(running.statusCode, 202)
      t.equal(running.headers.location, put.headers.location, 'the Location is repeated')
      t.equal(running.headers['retry-after'], '1')
      t.strictSame(json(running), created, 'the resource, still provisioning')

      clock.advance(500)
      const done = await request({ method: 'GET', url: pathOf(put.headers.location) })
      t.equal(done.statusCode, 200)
      t.equal(done.headers.location, undefined)
      t.strictSame(json(done), { ...created, properties: { ...created.properties, provisioningState: 'Succeeded' } })
      t.strictSame(json(await request({ method: 'GET', url: url(id, '2017-01-01') })), json(done))
    })
  }
})

t.test('a DELETE of a hub child answers 202 with the body null and a Location whose poll answers the last body; the resource is gone', async (t) => {
  for (const [collection, name, definition] of CHILDREN.filter(([collection]) => collection !== 'interactions')) {
    t.test(collection, async (t) => {
      const { app, clock, request } = await serviceApp(t)
      const id = `${HUB_PATH}/${collection}/${name}`
      await request({ method: 'PUT', url: url(id), payload: { properties: definition } })
      clock.advance(500)
      const last = json(await request({ method: 'GET', url: url(id) }))

      const deleted = await request({ method: 'DELETE', url: url(id) })
      t.equal(deleted.statusCode, 202)
      t.equal(deleted.body, 'null')
      t.equal(deleted.headers['content-type'], 'application/json; charset=utf-8')
      t.match(deleted.headers.location, new RegExp(`^${ORIGIN}${id}/operations/[0-9a-f]{32}\\?api-version=2017-04-26$`))
      t.equal(storedAt(app, id), undefined, 'the delete takes effect at once')
      t.equal((await request({ method: 'GET', url: url(id) })).statusCode, 404)

      const polled = await request({ method: 'GET', url: pathOf(deleted.headers.location) })
      t.equal(polled.statusCode, 200)
      t.strictSame(json(polled), last, 'the deleted resource\'s last body')
    })
  }
})

t.test('a DELETE of nothing answers what the operation declares for it: 204 where it may, 200 otherwise', async (t) => {
  const { request } = await serviceApp(t)
  t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Nobody`) })).statusCode, 204)
  const link = await request({ method: 'DELETE', url: url(`${HUB_PATH}/links/Nothing`) })
  t.equal(link.statusCode, 200, 'a link\'s delete declares 200 and 202 only')
  t.equal(link.body, '')
  t.equal(link.headers.location, undefined)
})

t.test('a hub: PUT 201 "Creating" with no polling header; DELETE 202 with no body, operationresults and Retry-After', async (t) => {
  const { app, clock, request } = await serviceApp(t)
  const created = await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'eastus' } })
  t.equal(created.statusCode, 201)
  t.equal(created.headers.location, undefined)
  t.match(json(created), { name: HUB, location: 'eastus', tags: {}, properties: { provisioningState: 'Creating' } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/links/Inside`), payload: { properties: minimalLinkDefinition } })
  clock.advance(500)
  t.match(json(await request({ method: 'GET', url: url(HUB_PATH) })), { properties: { provisioningState: 'Succeeded' } })

  const deleted = await request({ method: 'DELETE', url: url(HUB_PATH, '2017-01-01') })
  t.equal(deleted.statusCode, 202)
  t.equal(deleted.body, '')
  t.equal(deleted.headers['content-type'], undefined)
  t.match(deleted.headers.location, new RegExp(`^${ORIGIN}${HUB_PATH}/operationresults/[0-9a-f-]{36}\\?api-version=2017-01-01$`))
  t.equal(deleted.headers['retry-after'], '0')
  t.strictSame(app.stores.resources.listAll(undefined), [], 'the hub and everything under it')
  const result = await request({ method: 'GET', url: pathOf(deleted.headers.location) })
  t.equal(result.statusCode, 200)
  t.equal(result.body, '')
  t.equal((await request({ method: 'GET', url: url(HUB_PATH) })).statusCode, 404)
})

t.test('provisioning controls work on the service profile\'s polling too', async (t) => {
  const { request } = await serviceApp(t)
  const held = await request({
    method: 'PUT', url: url(`${HUB_PATH}/links/Held`), payload: { properties: minimalLinkDefinition }, headers: { 'x-emulator-provisioning': '{"manual": true}' }
  })
  t.equal((await request({ method: 'GET', url: pathOf(held.headers.location) })).statusCode, 202)
  const operations = json(await request({ method: 'GET', url: '/_emulator/operations' })) as { value: { name: string }[] }
  t.strictSame(operations.value.map((operation) => operation.name), [OPERATION])
  await request({ method: 'POST', url: `/_emulator/operations/${OPERATION}/complete`, payload: { status: 'Failed' } })
  const failed = await request({ method: 'GET', url: pathOf(held.headers.location) })
  t.equal(failed.statusCode, 200)
  t.match(json(failed), { properties: { provisioningState: 'Failed' } })

  const counted = await request({
    method: 'PUT', url: url(`${HUB_PATH}/links/Counted`), payload: { properties: minimalLinkDefinition }, headers: { 'x-emulator-provisioning': '{"completeAfterReads": 1}' }
  })
  t.equal((await request({ method: 'GET', url: pathOf(counted.headers.location) })).statusCode, 202, 'the first read sees it running')
  t.equal((await request({ method: 'GET', url: pathOf(counted.headers.location) })).statusCode, 200, 'the next sees it done')
})

t.test('a polling URL that is not the resource\'s own operation is a 404 OperationNotFound', async (t) => {
  const { request } = await serviceApp(t)
  const put = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/Mine`), payload: { properties: minimalLinkDefinition } })
  const mine = new URL(String(put.headers.location))
  for (const path of [
    mine.pathname.replace('/links/Mine/', '/links/Other/'),
    mine.pathname.replace(OPERATION_HEX, '0'.repeat(32)),
    mine.pathname.replace(OPERATION_HEX, 'not-an-id'),
    `${HUB_PATH}/operationresults/${OPERATION}`
  ]) {
    const answer = await request({ method: 'GET', url: url(path) })
    t.equal(answer.statusCode, 404, path)
    t.equal((json(answer) as { error: { code: string } }).error.code, 'OperationNotFound')
  }
})

t.test('a Location is an URL a client can follow whatever the names hold', async (t) => {
  const { request } = await serviceApp(t)
  const odd = `/subscriptions/${SUBSCRIPTION}/resourceGroups/r%C3%A9sum%C3%A9/providers/Microsoft.CustomerInsights/hubs/a%2Fb/links/Odd`
  const put = await request({ method: 'PUT', url: url(odd), payload: { properties: minimalLinkDefinition } })
  t.equal(put.statusCode, 202)
  t.equal(pathOf(put.headers.location), `${odd}/operations/${OPERATION_HEX}?api-version=2017-04-26`)
  t.equal((await request({ method: 'GET', url: pathOf(put.headers.location) })).statusCode, 202)
})
