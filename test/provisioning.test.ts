import t from 'tap'
import { API_VERSION, HUB_PATH, START, SUBSCRIPTION, buildTestApp, json, storedAt, url } from './helpers/app.js'
import { minimalLinkDefinition } from './helpers/fixtures.js'
import { newOperationId } from '../src/arm/ids.js'

const LINKS = `${HUB_PATH}/links`
const definition = minimalLinkDefinition
const OPERATIONS = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CustomerInsights/operationStatuses`

function statusPath (response: { headers: Record<string, unknown> }): string {
  const location = new URL(String(response.headers['azure-asyncoperation']))
  return `${location.pathname}${location.search}`
}

t.test('the operation-status resource is InProgress until provisioning ends, then Succeeded with an endTime', async (t) => {
  const { clock, request } = await buildTestApp(t, { provisioningDelayMs: 3000 })
  const put = await request({ method: 'PUT', url: url(`${LINKS}/Tracked`), payload: { properties: definition } })
  const operationId = '00000000-0000-4000-8000-000000000003'
  t.equal(statusPath(put), `${OPERATIONS}/${operationId}?api-version=${API_VERSION}`)
  t.equal(put.headers['retry-after'], '3')

  clock.advance(2999)
  const running = await request({ method: 'GET', url: statusPath(put) })
  t.equal(running.statusCode, 200)
  t.equal(running.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(running), {
    id: `${OPERATIONS}/${operationId}`,
    name: operationId,
    status: 'InProgress',
    startTime: new Date(START).toISOString()
  })

  clock.advance(1)
  const done = await request({ method: 'GET', url: statusPath(put) })
  t.strictSame(json(done), {
    id: `${OPERATIONS}/${operationId}`,
    name: operationId,
    status: 'Succeeded',
    startTime: '2026-01-01T00:00:00.000Z',
    endTime: '2026-01-01T00:00:03.000Z'
  })
})

t.test('with a zero delay the PUT response still shows Provisioning and the next read shows Succeeded', async (t) => {
  const { request } = await buildTestApp(t, { provisioningDelayMs: 0 })
  const put = await request({ method: 'PUT', url: url(`${LINKS}/Instant`), payload: { properties: definition } })
  t.match(json(put), { properties: { provisioningState: 'Provisioning' } })
  t.equal(put.headers['retry-after'], '0')
  const get = await request({ method: 'GET', url: url(`${LINKS}/Instant`) })
  t.match(json(get), { properties: { provisioningState: 'Succeeded' } })
  const status = await request({ method: 'GET', url: statusPath(put) })
  t.match(json(status), { status: 'Succeeded' })
})

t.test('a second PUT while provisioning restarts it with a new operation', async (t) => {
  const { app, clock, request } = await buildTestApp(t, { provisioningDelayMs: 1000 })
  const first = await request({ method: 'PUT', url: url(`${LINKS}/Busy`), payload: { properties: definition } })
  clock.advance(800)
  const second = await request({ method: 'PUT', url: url(`${LINKS}/Busy`), payload: { properties: definition } })
  t.not(statusPath(second), statusPath(first))

  clock.advance(200)
  const get = await request({ method: 'GET', url: url(`${LINKS}/Busy`) })
  t.match(json(get), { properties: { provisioningState: 'Provisioning' } }, 'the first operation\'s end does not end the second')
  t.match(json(await request({ method: 'GET', url: statusPath(first) })), { status: 'Succeeded' }, 'the first operation itself finished')
  t.equal(storedAt(app, `${HUB_PATH}/links/Busy`)?.operation?.completesAt, START + 1800)

  clock.advance(800)
  t.match(json(await request({ method: 'GET', url: url(`${LINKS}/Busy`) })), { properties: { provisioningState: 'Succeeded' } })
  const list = json(await request({ method: 'GET', url: url(LINKS) })) as { value: { properties: { provisioningState: string } }[] }
  t.strictSame(list.value.map((item) => item.properties.provisioningState), ['Succeeded'])
})

t.test('a failed operation shows status Failed with its ARM error, and so does its resource', async (t) => {
  const { app, clock, request } = await buildTestApp(t, { provisioningDelayMs: 1000 })
  const put = await request({ method: 'PUT', url: url(`${LINKS}/Doomed`), payload: { properties: definition } })
  const operationId = '00000000-0000-4000-8000-000000000003'
  // What a test steering provisioning into failure stores: an operation that ends Failed with an error.
  app.stores.operations.insert({
    id: 'failed-operation',
    kind: 'put',
    subscriptionId: SUBSCRIPTION,
    resourceId: `${LINKS}/Doomed`,
    startedAt: START,
    completesAt: START + 1000,
    readsRemaining: null,
    outcome: 'Failed',
    error: { code: 'LinkProvisioningFailed', message: 'The interaction type does not exist.' }
  })
  clock.advance(1000)
  const failed = await request({ method: 'GET', url: url(`${OPERATIONS}/failed-operation`) })
  t.equal(failed.statusCode, 200)
  t.strictSame(json(failed), {
    id: `${OPERATIONS}/failed-operation`,
    name: 'failed-operation',
    status: 'Failed',
    startTime: '2026-01-01T00:00:00.000Z',
    endTime: '2026-01-01T00:00:01.000Z',
    error: { code: 'LinkProvisioningFailed', message: 'The interaction type does not exist.' }
  })
  t.match(json(await request({ method: 'GET', url: statusPath(put) })), { name: operationId, status: 'Succeeded' })
})

t.test('an operation the emulator does not know, or asked for under another subscription, is a 404', async (t) => {
  const { request } = await buildTestApp(t)
  const put = await request({ method: 'PUT', url: url(`${LINKS}/Mine`), payload: { properties: definition } })
  const unknown = await request({ method: 'GET', url: url(`${OPERATIONS}/nope`) })
  t.equal(unknown.statusCode, 404)
  t.strictSame(json(unknown), { error: { code: 'OperationNotFound', message: "The operation 'nope' was not found." } })
  const elsewhere = await request({ method: 'GET', url: statusPath(put).replace(SUBSCRIPTION, 'other-subscription') })
  t.equal(elsewhere.statusCode, 404)
  const otherCasing = await request({ method: 'GET', url: statusPath(put).replace(SUBSCRIPTION, SUBSCRIPTION.toUpperCase()) })
  t.equal(otherCasing.statusCode, 200, 'subscription ids compare case-insensitively')
})

t.test('the Azure-AsyncOperation URL of a subscription named in any Unicode is a valid header, and leads to the status', async (t) => {
  const { request } = await buildTestApp(t)
  const put = await request({
    method: 'PUT',
    url: url('/subscriptions/%C4%80b%20c/resourceGroups/rg/providers/Microsoft.CustomerInsights/hubs/h/links/Wide'),
    payload: { properties: definition }
  })
  t.equal(put.statusCode, 201)
  t.equal(put.headers['azure-asyncoperation'],
    `http://localhost:80/subscriptions/%C4%80b%20c/providers/Microsoft.CustomerInsights/operationStatuses/00000000-0000-4000-8000-000000000003?api-version=${API_VERSION}`)
  const status = await request({ method: 'GET', url: statusPath(put) })
  t.equal(status.statusCode, 200)
  t.match(json(status), { id: '/subscriptions/Āb c/providers/Microsoft.CustomerInsights/operationStatuses/00000000-0000-4000-8000-000000000003' })
})

t.test('operation ids are GUIDs ordered by the time they were made (UUIDv7), all distinct', async (t) => {
  const ids: string[] = []
  const times: number[] = []
  // More ids than the random pool holds, so it is refilled on the way.
  for (let i = 0; i < 600; i++) {
    times.push(Date.now())
    ids.push(newOperationId())
    if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 2))
  }
  t.ok(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)), 'version 7, RFC 9562 variant')
  t.equal(new Set(ids).size, ids.length)
  const stamps = ids.map((id) => parseInt(id.replaceAll('-', '').slice(0, 12), 16))
  t.ok(stamps.every((stamp, i) => stamp >= (times[i] ?? 0) && stamp <= (times[i] ?? 0) + 50), 'each carries the time it was made')
  t.ok(stamps.every((stamp, i) => i === 0 || stamp >= (stamps[i - 1] ?? 0)), 'in the order they were made')
  t.ok((stamps.at(-1) ?? 0) > (stamps[0] ?? 0), 'across milliseconds')
})
