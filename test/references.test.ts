import t from 'tap'
import { HUB, HUB_PATH, RESOURCE_GROUP, SUBSCRIPTION, buildTestApp, json, url } from './helpers/app.js'
import { minimalLinkDefinition } from './helpers/fixtures.js'
import { LINK_SEED_BODY } from './fixtures/seed-documents.js'

const GROUP = `/subscriptions/${SUBSCRIPTION}/resourcegroups/${RESOURCE_GROUP}?api-version=2021-04-01`
const webToContact = {
  sourceEntityType: 'Interaction',
  targetEntityType: 'Profile',
  sourceEntityTypeName: 'WebVisits',
  targetEntityTypeName: 'Contact',
  participantPropertyReferences: []
}

async function strictApp (t: Parameters<typeof buildTestApp>[0], withHub = true) {
  const built = await buildTestApp(t, { references: 'strict' })
  await built.request({ method: 'PUT', url: GROUP, payload: { location: 'westus' } })
  if (withHub) await built.request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  return built
}

t.test('strict: a child of a hub that does not exist is a 404 ParentResourceNotFound, whatever the method', async (t) => {
  const { app, request } = await strictApp(t, false)
  const refusal = {
    error: { code: 'ParentResourceNotFound', message: `Can not perform requested operation on nested resource. Parent resource '${HUB}' not found.` }
  }
  for (const [method, path, payload] of [
    ['PUT', `${HUB_PATH}/links/link1`, { properties: minimalLinkDefinition }],
    ['GET', `${HUB_PATH}/links/link1`, undefined],
    ['DELETE', `${HUB_PATH}/links/link1`, undefined],
    ['GET', `${HUB_PATH}/links`, undefined]
  ] as const) {
    const response = await request({ method, url: url(path), ...(payload && { payload }) })
    t.equal(response.statusCode, 404, `${method} ${path}`)
    t.strictSame(json(response), refusal)
  }
  t.strictSame(app.stores.resources.listAll(SUBSCRIPTION).map(({ type }) => type), ['Microsoft.Resources/resourceGroups'], 'nothing written')
})

t.test('strict: the types a link names must exist, of the kind it says; the target is the property as the client sent it', async (t) => {
  const { request } = await strictApp(t)
  const missing = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/WebToContact`), payload: { properties: webToContact } })
  t.equal(missing.statusCode, 400)
  t.strictSame(json(missing), {
    error: {
      code: 'ReferencedResourceNotFound',
      message: `The interaction type 'WebVisits' named by 'properties.sourceEntityTypeName' does not exist in hub '${HUB}'.`,
      target: 'properties.sourceEntityTypeName'
    }
  })
  const flat = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/WebToContact`), payload: webToContact })
  t.equal((json(flat) as { error: { target: string } }).error.target, 'sourceEntityTypeName', 'a flat body: no properties.')
  const older = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/SeedLink`, '2017-01-01'), payload: { properties: LINK_SEED_BODY } })
  t.equal((json(older) as { error: { target: string } }).error.target, 'properties.sourceInteractionType', 'in 2017-01-01, its own name')
  const seed = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/SeedLink`), payload: LINK_SEED_BODY })
  t.equal((json(seed) as { error: { target: string } }).error.target, 'sourceInteractionType', 'the seed document\'s name')

  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/WebVisits`), payload: { properties: {} } })
  const target = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/WebToContact`), payload: { properties: webToContact } })
  t.match(json(target), { error: { code: 'ReferencedResourceNotFound', target: 'properties.targetEntityTypeName', message: /^The profile type 'Contact'/ } })
  const wrongKind = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/WebToContact`), payload: { properties: { ...webToContact, targetEntityType: 'Interaction', targetEntityTypeName: 'WebVisits' } } })
  t.equal(wrongKind.statusCode, 201, 'an interaction named as an interaction')
  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: {} } })
  t.equal((await request({ method: 'PUT', url: url(`${HUB_PATH}/links/WebToContact`), payload: { properties: webToContact } })).statusCode, 200)
  t.equal((await request({ method: 'PUT', url: url(`${HUB_PATH}/links/NoTypes`), payload: { properties: { ...minimalLinkDefinition, sourceEntityType: 'None', targetEntityType: 'None' } } })).statusCode, 201,
    'None names nothing')
})

t.test('strict: relationships name profiles, relationship links an interaction and a relationship, KPIs their entity', async (t) => {
  const { request } = await strictApp(t)
  const relationship = await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Buys`), payload: { properties: { profileType: 'Contact', relatedProfileType: 'Account' } } })
  t.match(json(relationship), { error: { code: 'ReferencedResourceNotFound', target: 'properties.profileType' } })
  const relationshipLink = await request({
    method: 'PUT', url: url(`${HUB_PATH}/relationshipLinks/Link`),
    payload: { properties: { interactionType: 'Purchase', relationshipName: 'Buys', profilePropertyReferences: [], relatedProfilePropertyReferences: [] } }
  })
  t.match(json(relationshipLink), { error: { code: 'ReferencedResourceNotFound', target: 'properties.interactionType' } })
  const kpi = await request({
    method: 'PUT', url: url(`${HUB_PATH}/kpi/Revenue`),
    payload: { properties: { entityType: 'Interaction', entityTypeName: 'Purchase', calculationWindow: 'Day', function: 'Sum', expression: 'a' } }
  })
  t.match(json(kpi), { error: { code: 'ReferencedResourceNotFound', target: 'properties.entityTypeName' } })
})

t.test('strict: a type others name cannot be deleted while they do (409 ResourceInUse), then it can', async (t) => {
  const { request } = await strictApp(t)
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/WebVisits`), payload: { properties: {} } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: {} } })
  const names = ['LinkA', 'LinkB', 'LinkC', 'LinkD', 'LinkE', 'LinkF', 'LinkG']
  for (const name of names) await request({ method: 'PUT', url: url(`${HUB_PATH}/links/${name}`), payload: { properties: webToContact } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/kpi/Visits`), payload: { properties: { entityType: 'Profile', entityTypeName: 'contact', calculationWindow: 'Day', function: 'Count', expression: '*' } } })

  const inUse = await request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Contact`) })
  t.equal(inUse.statusCode, 409)
  t.strictSame(json(inUse), {
    error: {
      code: 'ResourceInUse',
      message: "The profile type 'Contact' cannot be deleted while other resources refer to it: link 'LinkA', link 'LinkB', link 'LinkC', " +
        "link 'LinkD', link 'LinkE' and 3 more. Delete or change those first."
    }
  })
  for (const name of names) await request({ method: 'DELETE', url: url(`${HUB_PATH}/links/${name}`) })
  const kpiOnly = await request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/contact`) })
  t.strictSame(json(kpiOnly), {
    error: { code: 'ResourceInUse', message: "The profile type 'contact' cannot be deleted while other resources refer to it: KPI 'Visits'. Delete or change those first." }
  })
  await request({ method: 'DELETE', url: url(`${HUB_PATH}/kpi/Visits`) })
  t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Contact`) })).statusCode, 200)
  t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Contact`) })).statusCode, 204, 'nothing left to delete')
})
