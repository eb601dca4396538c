import t from 'tap'
import { HUB, HUB_PATH, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'
import { LINK_SEED_BODY } from './fixtures/seed-documents.js'

const LINKS = `${HUB_PATH}/links`
const server = (name: string, state: string) => ({ tenantId: HUB.toLowerCase(), linkName: name, provisioningState: state })

t.test('the seed document\'s link is a 2017-01-01 body: it reads back in 2017-01-01 as sent, and in 2017-04-26 in its names', async (t) => {
  const { app, clock, request } = await buildTestApp(t)
  const { linkName: _, ...sent } = LINK_SEED_BODY
  const created = await request({ method: 'PUT', url: url(`${LINKS}/SeedLink`, '2017-01-01'), payload: { properties: LINK_SEED_BODY } })
  t.equal(created.statusCode, 201)
  t.strictSame((json(created) as { properties: unknown }).properties, { ...sent, referenceOnly: false, ...server('SeedLink', 'Provisioning') })
  t.equal(storedAt(app, `${LINKS}/seedlink`)?.apiVersion, '2017-01-01')
  clock.advance(500)

  t.strictSame((json(await request({ method: 'GET', url: url(`${LINKS}/SeedLink`, '2017-01-01') })) as { properties: unknown }).properties,
    { ...sent, referenceOnly: false, ...server('SeedLink', 'Succeeded') })
  t.strictSame((json(await request({ method: 'GET', url: url(`${LINKS}/SeedLink`) })) as { properties: unknown }).properties, {
    sourceEntityType: 'Interaction',
    sourceEntityTypeName: 'testInteraction1949',
    targetEntityType: 'Profile',
    targetEntityTypeName: 'testProfile1446',
    displayName: { 'en-us': 'Link DisplayName' },
    description: { 'en-us': 'Link Description' },
    mappings: [{ sourcePropertyName: 'testInteraction1949', targetPropertyName: 'testProfile1446', linkType: 'UpdateAlways' }],
    participantPropertyReferences: [{ sourcePropertyName: 'testInteraction1949', targetPropertyName: 'ProfileId' }],
    referenceOnly: false,
    ...server('SeedLink', 'Succeeded')
  }, 'without isProfileTypeId, which 2017-04-26 does not have')
})

t.test('a 2017-04-26 link between other kinds reads in 2017-01-01 with its type names there all the same', async (t) => {
  const { app, request } = await buildTestApp(t)
  const definition = {
    sourceEntityType: 'Profile',
    targetEntityType: 'Relationship',
    sourceEntityTypeName: 'Contact',
    targetEntityTypeName: 'Buys',
    mappings: [{ sourcePropertyName: 'a', targetPropertyName: 'b' }],
    participantPropertyReferences: [{ sourcePropertyName: 'c', targetPropertyName: 'd' }]
  }
  await request({ method: 'PUT', url: url(`${LINKS}/Odd`), payload: { properties: definition } })
  t.strictSame((json(await request({ method: 'GET', url: url(`${LINKS}/Odd`, '2017-01-01') })) as { properties: unknown }).properties, {
    sourceInteractionType: 'Contact',
    targetProfileType: 'Buys',
    mappings: [{ interactionTypePropertyName: 'a', profileTypePropertyName: 'b' }],
    participantPropertyReferences: [{ interactionPropertyName: 'c', profilePropertyName: 'd' }],
    referenceOnly: false,
    ...server('Odd', 'Provisioning')
  })
  const listed = json(await request({ method: 'GET', url: url(LINKS, '2017-01-01') })) as { value: { properties: Record<string, unknown> }[] }
  t.equal(listed.value[0]?.properties.sourceInteractionType, 'Contact', 'the list too')
  t.strictSame(storedBody(storedAt(app, `${LINKS}/odd`)), json(await request({ method: 'GET', url: url(`${LINKS}/Odd`) })), 'stored as written')

  const rewritten = await request({ method: 'PUT', url: url(`${LINKS}/Odd`, '2017-01-01'), payload: { properties: { sourceInteractionType: 'Contact', targetProfileType: 'Buys', participantPropertyReferences: [] } } })
  t.equal(rewritten.statusCode, 200)
  t.match((json(await request({ method: 'GET', url: url(`${LINKS}/Odd`) })) as { properties: unknown }).properties,
    { sourceEntityType: 'Interaction', targetEntityType: 'Profile' }, 'a 2017-01-01 PUT makes them an interaction and a profile')
})

t.test('a 2017-04-26 link with mappings but no isProfileTypeId reads as it was written', async (t) => {
  const { request } = await buildTestApp(t)
  const definition = {
    sourceEntityType: 'Interaction', targetEntityType: 'Profile', sourceEntityTypeName: 'a', targetEntityTypeName: 'b',
    mappings: [{ sourcePropertyName: 'x', targetPropertyName: 'y', linkType: 'CopyIfNull' }],
    participantPropertyReferences: []
  }
  const created = await request({ method: 'PUT', url: url(`${LINKS}/Mapped`), payload: { properties: definition } })
  t.strictSame((json(created) as { properties: unknown }).properties, { ...definition, referenceOnly: false, ...server('Mapped', 'Provisioning') })
})
