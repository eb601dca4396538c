import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { CustomerInsightsManagementClient } from '@azure/arm-customerinsights'
import { startEmulator } from '../src/index.js'
import { API_VERSION, START, buildTestApp, json, url, type TestApp } from './helpers/app.js'
import { minimalLinkDefinition, minimalRelationshipLinkDefinition } from './helpers/fixtures.js'

const SUB_A = '00000000-0000-4000-8000-00000000000a'
const SUB_B = '00000000-0000-4000-8000-00000000000b'

function hubPath (subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.CustomerInsights/hubs/hub`
}

async function putLink (request: TestApp['request'], subscriptionId: string, name: string, headers: Record<string, string> = {}) {
  return await request({ method: 'PUT', url: url(`${hubPath(subscriptionId)}/links/${name}`), payload: { properties: minimalLinkDefinition }, headers })
}

function statusUrl (response: { headers: Record<string, unknown> }): string {
  const location = new URL(String(response.headers['azure-asyncoperation']))
  return `${location.pathname}${location.search}`
}

t.test('two subscriptions side by side: each worker resets only its own', async (t) => {
  const { request } = await buildTestApp(t)
  async function worker (subscriptionId: string, names: string[]): Promise<void> {
    for (const name of names) t.equal((await putLink(request, subscriptionId, name)).statusCode, 201)
  }
  await Promise.all([worker(SUB_A, ['a1', 'a2', 'a3']), worker(SUB_B, ['b1', 'b2'])])
  await request({ method: 'PUT', url: url(`${hubPath(SUB_A)}/relationshipLinks/ar1`), payload: { properties: minimalRelationshipLinkDefinition } })

  const reset = await request({ method: 'POST', url: `/_emulator/subscriptions/${SUB_A.toUpperCase()}/reset` })
  t.equal(reset.statusCode, 200)
  t.strictSame(json(reset), { removed: { resources: 4, operations: 4 } })

  t.strictSame(json(await request({ method: 'GET', url: url(`${hubPath(SUB_A)}/links`) })), { value: [] })
  const stillThere = json(await request({ method: 'GET', url: url(`${hubPath(SUB_B)}/links`) })) as { value: { name: string }[] }
  t.strictSame(stillThere.value.map((link) => link.name), ['hub/b1', 'hub/b2'])

  const stored = json(await request({ method: 'GET', url: `/_emulator/resources?subscriptionId=${SUB_B}` })) as { value: { id: string }[] }
  t.strictSame(stored.value.map((resource) => resource.id), [`${hubPath(SUB_B)}/links/b1`, `${hubPath(SUB_B)}/links/b2`])
  t.strictSame(json(await request({ method: 'GET', url: `/_emulator/resources?subscriptionId=${SUB_A}` })), { value: [] })
})

t.test('GET /_emulator/resources lists everything stored, as ARM shows it, in id order', async (t) => {
  const { clock, request } = await buildTestApp(t)
  await putLink(request, SUB_B, 'second')
  await putLink(request, SUB_A, 'first')
  await request({ method: 'PUT', url: url(`${hubPath(SUB_A)}/relationshipLinks/rel`), payload: { properties: minimalRelationshipLinkDefinition } })
  clock.advance(500)
  const response = await request({ method: 'GET', url: '/_emulator/resources' })
  t.equal(response.statusCode, 200)
  const link = (subscriptionId: string, name: string) => ({
    id: `${hubPath(subscriptionId)}/links/${name}`,
    name: `hub/${name}`,
    type: 'Microsoft.CustomerInsights/hubs/links',
    properties: { ...minimalLinkDefinition, referenceOnly: false, tenantId: 'hub', linkName: name, provisioningState: 'Succeeded' }
  })
  t.strictSame(json(response), {
    value: [
      link(SUB_A, 'first'),
      {
        id: `${hubPath(SUB_A)}/relationshipLinks/rel`,
        name: 'hub/rel',
        type: 'Microsoft.CustomerInsights/hubs/relationshipLinks',
        properties: { ...minimalRelationshipLinkDefinition, tenantId: 'hub', linkName: 'rel', provisioningState: 'Succeeded' }
      },
      link(SUB_B, 'second')
    ]
  })
})

t.test('POST /_emulator/reset removes everything, clears the journal and restores the startup provisioning', async (t) => {
  const { app, request } = await buildTestApp(t)
  await putLink(request, SUB_A, 'one')
  await putLink(request, SUB_B, 'two')
  await request({ method: 'PATCH', url: '/_emulator/provisioning', payload: { manual: true } })
  const reset = await request({ method: 'POST', url: '/_emulator/reset' })
  t.equal(reset.statusCode, 200)
  t.strictSame(json(reset), { removed: { resources: 2, operations: 2 } })
  t.strictSame(app.stores.resources.listAll(undefined), [])
  t.strictSame(json(await request({ method: 'GET', url: '/_emulator/requests' })), { value: [] })
  t.strictSame(json(await request({ method: 'GET', url: '/_emulator/provisioning' })), {
    delayMs: 500, completeAfterReads: null, manual: false, outcome: 'Succeeded', error: null
  })
})

t.test('provisioning delay changed at run time applies to the operations started afterwards', async (t) => {
  const { clock, request } = await buildTestApp(t)
  const slow = await putLink(request, SUB_A, 'slow')
  const patch = await request({ method: 'PATCH', url: '/_emulator/provisioning', payload: { delayMs: 0 } })
  t.equal(patch.statusCode, 200)
  t.strictSame(json(patch), { delayMs: 0, completeAfterReads: null, manual: false, outcome: 'Succeeded', error: null })
  const fast = await putLink(request, SUB_A, 'fast')
  t.equal(fast.headers['retry-after'], '0')
  t.match(json(await request({ method: 'GET', url: statusUrl(fast) })), { status: 'Succeeded' })
  t.match(json(await request({ method: 'GET', url: statusUrl(slow) })), { status: 'InProgress' }, 'the earlier operation keeps its course')
  clock.advance(500)
  t.match(json(await request({ method: 'GET', url: statusUrl(slow) })), { status: 'Succeeded' })
})

t.test('complete after N reads: N reads of the resource or its status see it running, the next sees it done', async (t) => {
  const { request } = await buildTestApp(t)
  await request({ method: 'PATCH', url: '/_emulator/provisioning', payload: { completeAfterReads: 3 } })
  const put = await putLink(request, SUB_A, 'counted')
  const reads = []
  for (const target of [statusUrl(put), url(`${hubPath(SUB_A)}/links/counted`), statusUrl(put), url(`${hubPath(SUB_A)}/links/counted`)]) {
    const response = await request({ method: 'GET', url: target })
    const body = json(response) as { status?: string, properties?: { provisioningState: string } }
    reads.push(body.status ?? body.properties?.provisioningState)
    if (reads.length < 4) t.equal(response.headers['retry-after'], '1')
  }
  t.strictSame(reads, ['InProgress', 'Provisioning', 'InProgress', 'Succeeded'])
  t.strictSame(json(await request({ method: 'GET', url: statusUrl(put) })), {
    id: `/subscriptions/${SUB_A}/providers/Microsoft.CustomerInsights/operationStatuses/00000000-0000-4000-8000-000000000005`,
    name: '00000000-0000-4000-8000-000000000005',
    status: 'Succeeded',
    startTime: new Date(START).toISOString(),
    endTime: new Date(START).toISOString()
  })
})

t.test('manual completion: the operation runs until a test completes it, as planned or as failed', async (t) => {
  const { clock, request } = await buildTestApp(t)
  await request({ method: 'PATCH', url: '/_emulator/provisioning', payload: { manual: true } })
  const first = await putLink(request, SUB_A, 'held')
  const second = await putLink(request, SUB_A, 'doomed')
  clock.advance(60_000)
  t.match(json(await request({ method: 'GET', url: url(`${hubPath(SUB_A)}/links/held`) })), { properties: { provisioningState: 'Provisioning' } })

  const running = json(await request({ method: 'GET', url: '/_emulator/operations' })) as { value: { name: string, resourceId: string, status: string }[] }
  t.strictSame(running.value.map((operation) => [operation.resourceId, operation.status]), [
    [`${hubPath(SUB_A)}/links/held`, 'InProgress'], [`${hubPath(SUB_A)}/links/doomed`, 'InProgress']
  ])

  const heldId = new URL(String(first.headers['azure-asyncoperation'])).pathname.split('/').at(-1)
  const completed = await request({ method: 'POST', url: `/_emulator/operations/${heldId}/complete` })
  t.equal(completed.statusCode, 200)
  t.match(json(completed), { name: heldId, status: 'Succeeded', endTime: new Date(START + 60_000).toISOString() })
  t.match(json(await request({ method: 'GET', url: url(`${hubPath(SUB_A)}/links/held`) })), { properties: { provisioningState: 'Succeeded' } })

  const doomedId = new URL(String(second.headers['azure-asyncoperation'])).pathname.split('/').at(-1)
  const failed = await request({
    method: 'POST', url: `/_emulator/operations/${doomedId}/complete`, payload: { status: 'Failed', error: { code: 'QuotaExceeded', message: 'No more links.' } }
  })
  t.match(json(failed), { status: 'Failed', error: { code: 'QuotaExceeded', message: 'No more links.' } })
  t.match(json(await request({ method: 'GET', url: url(`${hubPath(SUB_A)}/links/doomed`) })), { properties: { provisioningState: 'Failed' } })

  const again = await request({ method: 'POST', url: `/_emulator/operations/${heldId}/complete` })
  t.equal(again.statusCode, 409)
  t.strictSame(json(again), { error: { code: 'OperationNotRunning', message: `The operation '${heldId}' has already ended.` } })
  const unknown = await request({ method: 'POST', url: '/_emulator/operations/nope/complete' })
  t.equal(unknown.statusCode, 404)
  t.strictSame(json(unknown), { error: { code: 'OperationNotFound', message: "The operation 'nope' was not found." } })
  t.strictSame(json(await request({ method: 'GET', url: '/_emulator/operations' })), { value: [] })
})

t.test('completing by hand keeps the planned failure, or fails with a generic error when told to fail', async (t) => {
  const { request } = await buildTestApp(t)
  const planned = await putLink(request, SUB_A, 'planned', {
    'x-emulator-provisioning': JSON.stringify({ manual: true, outcome: 'Failed', error: { code: 'Planned', message: 'As planned.' } })
  })
  const told = await putLink(request, SUB_A, 'told', { 'x-emulator-provisioning': '{"manual": true}' })
  const idOf = (response: { headers: Record<string, unknown> }) => new URL(String(response.headers['azure-asyncoperation'])).pathname.split('/').at(-1)
  t.match(json(await request({ method: 'POST', url: `/_emulator/operations/${idOf(planned)}/complete` })), {
    status: 'Failed', error: { code: 'Planned', message: 'As planned.' }
  })
  t.match(json(await request({ method: 'POST', url: `/_emulator/operations/${idOf(told)}/complete`, payload: { status: 'Failed' } })), {
    status: 'Failed', error: { code: 'ProvisioningFailed' }
  })
})

t.test('failing provisioning: resources end Failed, the status carries the given error or a generic one', async (t) => {
  const { clock, request } = await buildTestApp(t)
  await request({ method: 'PATCH', url: '/_emulator/provisioning', payload: { outcome: 'Failed', error: { code: 'InteractionTypeMissing', message: 'No such interaction type.' } } })
  const given = await putLink(request, SUB_A, 'given')
  await request({ method: 'PATCH', url: '/_emulator/provisioning', payload: { error: null } })
  const generic = await putLink(request, SUB_A, 'generic')
  clock.advance(500)
  t.match(json(await request({ method: 'GET', url: url(`${hubPath(SUB_A)}/links/given`) })), { properties: { provisioningState: 'Failed' } })
  t.match(json(await request({ method: 'GET', url: statusUrl(given) })), { status: 'Failed', error: { code: 'InteractionTypeMissing', message: 'No such interaction type.' } })
  t.match(json(await request({ method: 'GET', url: statusUrl(generic) })), {
    status: 'Failed', error: { code: 'ProvisioningFailed', message: 'Provisioning failed, as the emulator was asked to make it fail.' }
  })
})

t.test('a PUT can carry its own provisioning settings in x-emulator-provisioning', async (t) => {
  const { app, request } = await buildTestApp(t)
  const manual = await putLink(request, SUB_A, 'own', { 'x-emulator-provisioning': '{"manual": true}' })
  t.equal(manual.statusCode, 201)
  t.equal(app.stores.operations.find(new URL(String(manual.headers['azure-asyncoperation'])).pathname.split('/').at(-1) ?? '')?.completesAt, null)
  const normal = await putLink(request, SUB_A, 'usual')
  t.equal(normal.headers['retry-after'], '1', "the emulator's settings are unchanged")

  const cases: [string, string][] = [
    ['{not json', 'The x-emulator-provisioning header is invalid: it is not JSON.'],
    ['{"delayMs": -1}', 'The x-emulator-provisioning header is invalid: /delayMs must be >= 0.'],
    ['[]', 'The x-emulator-provisioning header is invalid: the value must be object.']
  ]
  for (const [header, message] of cases) {
    const refused = await putLink(request, SUB_A, 'refused', { 'x-emulator-provisioning': header })
    t.equal(refused.statusCode, 400, header)
    t.strictSame(json(refused), { error: { code: 'InvalidProvisioningHeader', message, target: 'x-emulator-provisioning' } })
  }
  t.equal(app.stores.resources.listAll(undefined).length, 2, 'nothing written by the refused PUTs')
})

t.test('provisioning settings are validated', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'PATCH', url: '/_emulator/provisioning', payload: { outcome: 'Maybe' } })
  t.equal(response.statusCode, 400)
  t.match(json(response), { error: { code: 'ValidationFailed', target: 'outcome' } })
  t.strictSame(json(await request({ method: 'GET', url: '/_emulator/provisioning' })), {
    delayMs: 500, completeAfterReads: null, manual: false, outcome: 'Succeeded', error: null
  })
})

t.test('the request journal keeps the recent ARM requests, capped, and can be cleared', async (t) => {
  const { request } = await buildTestApp(t, { journalSize: 2 })
  await putLink(request, SUB_A, 'j1', { 'x-ms-correlation-request-id': 'corr-1', 'x-ms-client-request-id': 'client-1' })
  await request({ method: 'GET', url: url(`${hubPath(SUB_A)}/links/j1`) })
  await request({ method: 'GET', url: `${hubPath(SUB_A)}/links/missing` })
  await request({ method: 'GET', url: '/_emulator/health' })
  const journal = json(await request({ method: 'GET', url: '/_emulator/requests' })) as { value: Record<string, unknown>[] }
  t.strictSame(journal.value.map(({ method, path, status }) => ({ method, path, status })), [
    { method: 'GET', path: `${hubPath(SUB_A)}/links/j1`, status: 200 },
    { method: 'GET', path: `${hubPath(SUB_A)}/links/missing`, status: 400 }
  ], 'the oldest dropped, /_emulator/ left out')
  t.match(journal.value[0], { time: new Date(START).toISOString(), requestId: /^[0-9a-f-]{36}$/, correlationId: /^[0-9a-f-]{36}$/, durationMs: Number })

  const big = await buildTestApp(t)
  await putLink(big.request, SUB_A, 'j2', { 'x-ms-correlation-request-id': 'corr-2', 'x-ms-client-request-id': 'client-2' })
  const entries = json(await big.request({ method: 'GET', url: '/_emulator/requests' })) as { value: Record<string, unknown>[] }
  t.match(entries.value, [{ method: 'PUT', status: 201, correlationId: 'corr-2', clientRequestId: 'client-2', requestId: '00000000-0000-4000-8000-000000000001' }])

  const none = await buildTestApp(t, { journalSize: 0 })
  await putLink(none.request, SUB_A, 'j3')
  t.strictSame(json(await none.request({ method: 'GET', url: '/_emulator/requests' })), { value: [] }, 'a journal of size 0 keeps nothing')

  t.equal((await request({ method: 'DELETE', url: '/_emulator/requests' })).statusCode, 204)
  t.strictSame(json(await request({ method: 'GET', url: '/_emulator/requests' })), { value: [] })
})

t.test('seeding at start: resources created as if PUT, both shapes, already Succeeded', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ci-emulator-seed-'))
  const seedFile = join(dir, 'seed.json')
  writeFileSync(seedFile, JSON.stringify({
    resources: [
      { id: `${hubPath(SUB_A)}/links/Seeded`, properties: minimalLinkDefinition },
      { id: `${hubPath(SUB_A)}/links/FromSeedDocs`, sourceInteractionType: 'Visit', targetProfileType: 'Contact', participantPropertyReferences: [] },
      { id: `${hubPath(SUB_B)}/relationshipLinks/SeededRel`, properties: minimalRelationshipLinkDefinition }
    ]
  }))
  const { request } = await buildTestApp(t, { seedFile })
  t.match(json(await request({ method: 'GET', url: url(`${hubPath(SUB_A)}/links/Seeded`) })), { properties: { provisioningState: 'Succeeded' } })
  t.match(json(await request({ method: 'GET', url: url(`${hubPath(SUB_A)}/links/FromSeedDocs`) })), {
    properties: { sourceEntityType: 'Interaction', sourceEntityTypeName: 'Visit', targetEntityType: 'Profile', provisioningState: 'Succeeded' }
  })
  t.match(json(await request({ method: 'GET', url: url(`${hubPath(SUB_B)}/relationshipLinks/SeededRel`) })), { properties: { provisioningState: 'Succeeded' } })
  const journal = json(await request({ method: 'GET', url: '/_emulator/requests' })) as { value: unknown[] }
  t.equal(journal.value.length, 3, 'only the three GETs above: seeding is not journalled')

  writeFileSync(join(dir, 'array.json'), JSON.stringify([{ id: `${hubPath(SUB_A)}/links/InArray`, properties: minimalLinkDefinition }]))
  const fromArray = await buildTestApp(t, { seedFile: join(dir, 'array.json') })
  t.equal((await fromArray.request({ method: 'GET', url: url(`${hubPath(SUB_A)}/links/InArray`) })).statusCode, 200)
})

t.test('seeding creates parents before their children whatever the file\'s order, each in the api-version it names', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ci-emulator-seed-'))
  const seedFile = join(dir, 'seed.json')
  const hub = hubPath(SUB_A)
  writeFileSync(seedFile, JSON.stringify([
    { id: `${hub}/links/WebToContact`, apiVersion: '2017-01-01', properties: { sourceInteractionType: 'WebVisit', targetProfileType: 'Contact', participantPropertyReferences: [] } },
    { id: `${hub}/interactions/WebVisit`, properties: {} },
    { id: `${hub}/profiles/Contact`, properties: {} },
    { id: hub, location: 'westus' }
  ]))
  const { app, request } = await buildTestApp(t, { seedFile })
  t.strictSame(app.stores.resources.listAll(SUB_A).map((resource) => [resource.type, resource.apiVersion]), [
    ['Microsoft.CustomerInsights/hubs', '2017-04-26'],
    ['Microsoft.CustomerInsights/hubs/interactions', '2017-04-26'],
    ['Microsoft.CustomerInsights/hubs/links', '2017-01-01'],
    ['Microsoft.CustomerInsights/hubs/profiles', '2017-04-26']
  ])
  t.match(json(await request({ method: 'GET', url: url(hub) })), { properties: { provisioningState: 'Succeeded' } })
  t.match(json(await request({ method: 'GET', url: url(`${hub}/links/WebToContact`) })), {
    properties: { sourceEntityType: 'Interaction', sourceEntityTypeName: 'WebVisit', provisioningState: 'Succeeded' }
  })
})

t.test('a seed file that cannot be applied stops the start with the reason', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ci-emulator-seed-'))
  const cases: [unknown, RegExp][] = [
    [{ resources: [{ id: `${hubPath(SUB_A)}/links/1bad`, properties: minimalLinkDefinition }] }, /resource 0 \(.*\/links\/1bad\) was refused: .*InvalidResourceName/],
    [{ resources: [{ properties: minimalLinkDefinition }] }, /resource 0 has no ARM id/],
    [{ resources: 'none' }, /must hold \{"resources": \[\.\.\.\]\} or an array of resources/],
    [[5], /must hold/]
  ]
  for (const [index, [content, message]] of cases.entries()) {
    const file = join(dir, `seed-${index}.json`)
    writeFileSync(file, JSON.stringify(content))
    await t.rejects(buildTestApp({ teardown: () => undefined }, { seedFile: file }), { message }, String(index))
  }
})

t.test('in-process start: free ports, storage in memory, reset and close', async (t) => {
  const emulator = await startEmulator({ logLevel: 'silent', provisioningDelayMs: 0 })
  t.match(emulator.httpUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
  t.match(emulator.httpsUrl, /^https:\/\/127\.0\.0\.1:\d+$/)
  t.match(emulator.caCertificate, /^-----BEGIN CERTIFICATE-----/)
  t.equal(emulator.caFile, undefined)

  const put = async (subscriptionId: string, name: string) => await fetch(`${emulator.httpUrl}${hubPath(subscriptionId)}/links/${name}?api-version=${API_VERSION}`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ properties: minimalLinkDefinition })
  })
  // A Node test suite trusts the in-process emulator through the SDK's own TLS options: no environment variable.
  const client = new CustomerInsightsManagementClient(
    { getToken: async () => ({ token: 'fake', expiresOnTimestamp: Date.now() + 3_600_000 }) }, SUB_A,
    { endpoint: String(emulator.httpsUrl).replace('127.0.0.1', 'localhost'), tlsOptions: { ca: emulator.caCertificate } })
  const created = await client.links.beginCreateOrUpdateAndWait('rg', 'hub', 'viaSdk', minimalLinkDefinition)
  t.equal(created.provisioningState, 'Succeeded')

  t.equal((await put(SUB_A, 'la')).status, 201)
  t.equal((await put(SUB_B, 'lb')).status, 201)
  await emulator.resetSubscription(SUB_A)
  t.equal((await fetch(`${emulator.httpUrl}${hubPath(SUB_A)}/links/la?api-version=${API_VERSION}`)).status, 404)
  t.equal((await fetch(`${emulator.httpUrl}${hubPath(SUB_B)}/links/lb?api-version=${API_VERSION}`)).status, 200)
  await emulator.reset()
  t.equal((await fetch(`${emulator.httpUrl}${hubPath(SUB_B)}/links/lb?api-version=${API_VERSION}`)).status, 404)
  await emulator.close()
  await t.rejects(fetch(`${emulator.httpUrl}/_emulator/health`))
  await t.rejects(emulator.reset(), { message: /not open/ }, 'a closed emulator cannot be reset')
})
