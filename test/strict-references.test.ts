import t from 'tap'
import { HUB, HUB_PATH, RESOURCE_GROUP, SUBSCRIPTION, buildTestApp, json, storedAt, url } from './helpers/app.js'
import { storageWithResourceGroup } from './helpers/strict.js'

t.test('strict: a hub needs its resource group; deleting it removes everything under it', async (t) => {
  const { app, request } = await buildTestApp(t, { references: 'strict', storage: storageWithResourceGroup(t) })
  const elsewhere = `/subscriptions/${SUBSCRIPTION}/resourceGroups/NoSuchGroup/providers/Microsoft.CustomerInsights/hubs/${HUB}`
  const refused = await request({ method: 'PUT', url: url(elsewhere), payload: { location: 'westus' } })
  t.equal(refused.statusCode, 404)
  t.strictSame(json(refused), { error: { code: 'ResourceGroupNotFound', message: "Resource group 'NoSuchGroup' could not be found." } })

  t.equal((await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })).statusCode, 201)
  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: {} } })
  t.equal((await request({ method: 'DELETE', url: url(HUB_PATH) })).statusCode, 200)
  t.equal(storedAt(app, `${HUB_PATH}/profiles/Contact`), undefined)
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Contact`) })).statusCode, 204, 'nothing to delete, so no one uses it')
  t.equal((await request({ method: 'GET', url: url(`/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.CustomerInsights/hubs`) })).statusCode, 200)
})

t.test('strict: a link names existing types of the kinds it says, and the error names the property as the client sent it', async (t) => {
  const { request } = await buildTestApp(t, { references: 'strict', storage: storageWithResourceGroup(t) })
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  const refusal = (target: string, kind: string, name: string) => ({
    error: { code: 'ReferencedResourceNotFound', message: `The ${kind} '${name}' named by '${target}' does not exist in hub '${HUB}'.`, target }
  })
  const older = { sourceInteractionType: 'Visit', targetProfileType: 'Contact', participantPropertyReferences: [] }
  const inOlderNames = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/L1`, '2017-01-01'), payload: { properties: older } })
  t.equal(inOlderNames.statusCode, 400)
  t.strictSame(json(inOlderNames), refusal('properties.sourceInteractionType', 'interaction type', 'Visit'))
  const flat = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/L1`, '2017-01-01'), payload: older })
  t.strictSame(json(flat), refusal('sourceInteractionType', 'interaction type', 'Visit'))

  const link = (sourceEntityType: string, targetEntityType: string) =>
    ({ properties: { sourceEntityType, targetEntityType, sourceEntityTypeName: 'Owns', targetEntityTypeName: 'Contact', participantPropertyReferences: [] } })
  const overRelationship = await request({ method: 'PUT', url: url(`${HUB_PATH}/links/L1`), payload: link('Relationship', 'None') })
  t.strictSame(json(overRelationship), refusal('properties.sourceEntityTypeName', 'relationship', 'Owns'))
  await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Owns`), payload: { properties: { profileType: 'Contact', relatedProfileType: 'Contact' } } })
    .then((response) => { t.strictSame(json(response), refusal('properties.profileType', 'profile type', 'Contact')) })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: {} } })
  t.equal((await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Owns`), payload: { properties: { profileType: 'Contact', relatedProfileType: 'Contact' } } })).statusCode, 201)
  t.equal((await request({ method: 'PUT', url: url(`${HUB_PATH}/links/L1`), payload: link('Relationship', 'None') })).statusCode, 201, 'None names nothing')
  const inUse = await request({ method: 'DELETE', url: url(`${HUB_PATH}/relationships/Owns`) })
  t.equal(inUse.statusCode, 409)
  t.strictSame(json(inUse), {
    error: { code: 'ResourceInUse', message: "The relationship 'Owns' cannot be deleted while other resources refer to it: link 'L1'. Delete or change those first." }
  })
  for (const name of ['L2', 'L3', 'L4', 'L5', 'L6']) await request({ method: 'PUT', url: url(`${HUB_PATH}/links/${name}`), payload: link('Relationship', 'Profile') })
  const many = await request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Contact`) })
  t.strictSame(json(many), {
    error: {
      code: 'ResourceInUse',
      message: "The profile type 'Contact' cannot be deleted while other resources refer to it: relationship 'Owns', link 'L2', link 'L3', " +
        "link 'L4', link 'L5' and 1 more. Delete or change those first."
    }
  })
})

t.test('strict: a child of a hub that was not created is refused on every method, and nothing is written', async (t) => {
  const { app, request } = await buildTestApp(t, { references: 'strict', storage: storageWithResourceGroup(t) })
  const parentMissing = { error: { code: 'ParentResourceNotFound', message: `Can not perform requested operation on nested resource. Parent resource '${HUB}' not found.` } }
  for (const [method, path] of [['GET', `${HUB_PATH}/views/v1?userId=*`], ['DELETE', `${HUB_PATH}/views/v1?userId=*`], ['GET', `${HUB_PATH}/views?userId=*`],
    ['PUT', `${HUB_PATH}/views/v1`], ['POST', `${HUB_PATH}/kpi/k1/reprocess`]] as const) {
    const response = await request({ method, url: url(path), payload: method === 'PUT' ? { properties: { definition: '{}' } } : undefined })
    t.equal(response.statusCode, 404, `${method} ${path}`)
    t.strictSame(json(response), parentMissing)
  }
  t.equal(storedAt(app, `${HUB_PATH}/views/v1`), undefined)
})
