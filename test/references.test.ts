import t, { type Test } from 'tap'
import { HUB, HUB_PATH, RESOURCE_GROUP, SUBSCRIPTION, buildTestApp, json, storedAt, url, type TestApp } from './helpers/app.js'
import { minimalLinkDefinition } from './helpers/fixtures.js'

const RESOURCE_GROUP_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`
const RESOURCES_API_VERSION = '2021-04-01'

/** A strict emulator with the resource group and the hub created, as the service requires. */
async function strictHub (t: Test): Promise<TestApp> {
  const app = await buildTestApp(t, { references: 'strict', provisioningDelayMs: 0 })
  t.equal((await app.request({ method: 'PUT', url: url(RESOURCE_GROUP_PATH, RESOURCES_API_VERSION), payload: { location: 'westus' } })).statusCode, 201)
  t.equal((await app.request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })).statusCode, 201)
  return app
}

async function put (app: TestApp, path: string, properties: unknown, apiVersion?: string) {
  return await app.request({ method: 'PUT', url: url(`${HUB_PATH}/${path}`, apiVersion), payload: { properties } })
}

function referenced (target: string, kind: string, name: string) {
  return { error: { code: 'ReferencedResourceNotFound', message: `The ${kind} '${name}' named by '${target}' does not exist in hub '${HUB}'.`, target } }
}

t.test('strict: a hub needs its resource group, a hub child its hub; nothing is written on a refusal', async (t) => {
  const { app, request } = await buildTestApp(t, { references: 'strict' })
  const hub = await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  t.equal(hub.statusCode, 404)
  t.strictSame(json(hub), { error: { code: 'ResourceGroupNotFound', message: `Resource group '${RESOURCE_GROUP}' could not be found.` } })
  const parentMissing = { error: { code: 'ParentResourceNotFound', message: `Can not perform requested operation on nested resource. Parent resource '${HUB}' not found.` } }
  for (const [method, path, payload] of [
    ['PUT', `${HUB_PATH}/links/Orphan`, { properties: minimalLinkDefinition }],
    ['GET', `${HUB_PATH}/links/Orphan`, undefined],
    ['GET', `${HUB_PATH}/links`, undefined],
    ['DELETE', `${HUB_PATH}/links/Orphan`, undefined]
  ] as const) {
    const answer = await request({ method, url: url(path), payload })
    t.equal(answer.statusCode, 404, `${method} ${path}`)
    t.strictSame(json(answer), parentMissing)
  }
  t.strictSame(app.stores.resources.listAll(undefined), [])
})

t.test('strict: a link names types of the kinds it says, in its own hub; the 400 targets the property as sent', async (t) => {
  const app = await strictHub(t)
  t.equal((await put(app, 'interactions/WebVisit', {})).statusCode, 201)
  t.equal((await put(app, 'profiles/Contact', {})).statusCode, 201)
  const good = { ...minimalLinkDefinition, sourceEntityType: 'Interaction', sourceEntityTypeName: 'webvisit', targetEntityType: 'Profile', targetEntityTypeName: 'CONTACT' }

  const noSource = await put(app, 'links/Bad', { ...good, sourceEntityTypeName: 'Nowhere' })
  t.equal(noSource.statusCode, 400)
  t.strictSame(json(noSource), referenced('properties.sourceEntityTypeName', 'interaction type', 'Nowhere'))
  const wrongKind = await put(app, 'links/Bad', { ...good, targetEntityType: 'Interaction', targetEntityTypeName: 'Contact' })
  t.strictSame(json(wrongKind), referenced('properties.targetEntityTypeName', 'interaction type', 'Contact'), 'a profile type is not an interaction type')
  const flat = await app.request({ method: 'PUT', url: url(`${HUB_PATH}/links/Bad`), payload: { ...good, targetEntityTypeName: 'Nobody' } })
  t.strictSame(json(flat), referenced('targetEntityTypeName', 'profile type', 'Nobody'))
  const older = await put(app, 'links/Bad', { sourceInteractionType: 'WebVisit', targetProfileType: 'Nobody', participantPropertyReferences: [] }, '2017-01-01')
  t.strictSame(json(older), referenced('properties.targetProfileType', 'profile type', 'Nobody'), 'in 2017-01-01, its own name of the property')
  t.equal(storedAt(app.app, `${HUB_PATH}/links/Bad`), undefined)

  t.equal((await put(app, 'links/Good', good)).statusCode, 201)
  t.equal((await put(app, 'links/None', { ...good, sourceEntityType: 'None', sourceEntityTypeName: 'anything' })).statusCode, 201, 'None names nothing')
  const elsewhere = await app.request({ method: 'PUT', url: url(`${HUB_PATH}2`), payload: { location: 'westus' } })
  t.equal(elsewhere.statusCode, 201)
  const otherHub = await app.request({ method: 'PUT', url: url(`${HUB_PATH}2/links/Good`), payload: { properties: good } })
  t.equal(otherHub.statusCode, 400, 'the types of another hub do not count')
})

t.test('strict: a relationship names profile types; a relationship link an interaction type and a relationship; a KPI its entity type', async (t) => {
  const app = await strictHub(t)
  await put(app, 'profiles/Contact', {})
  await put(app, 'interactions/Purchase', {})
  t.strictSame(json(await put(app, 'relationships/Buyer', { profileType: 'Contact', relatedProfileType: 'Account' })),
    referenced('properties.relatedProfileType', 'profile type', 'Account'))
  t.equal((await put(app, 'relationships/Buyer', { profileType: 'Contact', relatedProfileType: 'contact' })).statusCode, 201)
  const link = { interactionType: 'Purchase', relationshipName: 'Buyer', profilePropertyReferences: [], relatedProfilePropertyReferences: [] }
  t.strictSame(json(await put(app, 'relationshipLinks/BuyerLink', { ...link, interactionType: 'Sale' })),
    referenced('properties.interactionType', 'interaction type', 'Sale'))
  t.strictSame(json(await put(app, 'relationshipLinks/BuyerLink', { ...link, relationshipName: 'Seller' })),
    referenced('properties.relationshipName', 'relationship', 'Seller'))
  t.equal((await put(app, 'relationshipLinks/BuyerLink', link)).statusCode, 201)
  const kpi = { entityType: 'Profile', entityTypeName: 'Prospect', calculationWindow: 'Day', function: 'Count', expression: 'x' }
  t.strictSame(json(await put(app, 'kpi/Prospects', kpi)), referenced('properties.entityTypeName', 'profile type', 'Prospect'))
})

t.test('strict: a type others name cannot be deleted until they are; deleting the hub takes everything', async (t) => {
  const app = await strictHub(t)
  await put(app, 'profiles/Contact', {})
  await put(app, 'relationships/Referrer', { profileType: 'Contact', relatedProfileType: 'Contact' })
  await put(app, 'links/ToContact', { ...minimalLinkDefinition, sourceEntityType: 'Profile', sourceEntityTypeName: 'Contact', targetEntityType: 'Profile', targetEntityTypeName: 'Contact' })

  const inUse = await app.request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Contact`) })
  t.equal(inUse.statusCode, 409)
  t.strictSame(json(inUse), {
    error: {
      code: 'ResourceInUse',
      message: "The profile type 'Contact' cannot be deleted while other resources refer to it: relationship 'Referrer', link 'ToContact'. Delete or change those first."
    }
  })
  t.ok(storedAt(app.app, `${HUB_PATH}/profiles/Contact`))
  t.equal((await app.request({ method: 'DELETE', url: url(`${HUB_PATH}/relationships/Referrer`) })).statusCode, 200)
  t.equal((await app.request({ method: 'DELETE', url: url(`${HUB_PATH}/links/ToContact`) })).statusCode, 200)
  t.equal((await app.request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Contact`) })).statusCode, 200)

  await put(app, 'profiles/Contact', {})
  await put(app, 'relationships/Referrer', { profileType: 'Contact', relatedProfileType: 'Contact' })
  t.equal((await app.request({ method: 'DELETE', url: url(HUB_PATH) })).statusCode, 200)
  t.strictSame(app.app.stores.resources.listAll(undefined).map((resource) => resource.type), ['Microsoft.Resources/resourceGroups'])
})

t.test('strict: a link PUT racing the delete of the type it names never leaves it dangling', async (t) => {
  const app = await strictHub(t)
  const link = { ...minimalLinkDefinition, sourceEntityType: 'Profile', sourceEntityTypeName: 'Racer', targetEntityType: 'Profile', targetEntityTypeName: 'Racer' }
  const outcomes = new Map<string, number>()
  for (let round = 0; round < 20; round++) {
    await put(app, 'profiles/Racer', {})
    const requests = [
      app.request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Racer`) }),
      app.request({ method: 'PUT', url: url(`${HUB_PATH}/links/Racing`), payload: { properties: link } })
    ]
    // Both orders, both landing in the same batch of writes.
    const [removed, created] = round % 2 === 0 ? await Promise.all(requests) : (await Promise.all([...requests].reverse())).reverse()
    const outcome = `${String(removed?.statusCode)}/${String(created?.statusCode)}`
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
    const profile = storedAt(app.app, `${HUB_PATH}/profiles/Racer`)
    const linked = storedAt(app.app, `${HUB_PATH}/links/Racing`)
    t.ok(linked === undefined || profile !== undefined, `round ${round}: a stored link has its profile type`)
    await app.request({ method: 'DELETE', url: url(`${HUB_PATH}/links/Racing`) })
  }
  t.comment(`delete/PUT outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`)
  t.ok([...outcomes.keys()].every((outcome) => outcome === '200/400' || outcome === '409/201'), 'whichever came first won, and the other was refused')
})

t.test('implicit: parents and named types need not exist, as before', async (t) => {
  const { request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/Free`), payload: { properties: minimalLinkDefinition } })
  t.equal(created.statusCode, 201)
  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: {} } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Uses`), payload: { properties: { profileType: 'Contact', relatedProfileType: 'Contact' } } })
  t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Contact`) })).statusCode, 200, 'and a type others name may be deleted')
})
