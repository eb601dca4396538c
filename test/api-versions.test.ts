import t from 'tap'
import { HUB, HUB_PATH, SUBSCRIPTION, buildTestApp, json, storedAt, url } from './helpers/app.js'
import { swaggerExample } from './helpers/published.js'
import { linkSeedInTheNewerNames } from './helpers/fixtures.js'
import { LINK_SEED_BODY } from './fixtures/seed-documents.js'

const LINKS = `${HUB_PATH}/links`
const OLD = '2017-01-01'
const NEW = '2017-04-26'

function link (name: string, properties: Record<string, unknown>, provisioningState = 'Provisioning') {
  return {
    id: `${LINKS}/${name}`,
    name: `${HUB}/${name}`,
    type: 'Microsoft.CustomerInsights/hubs/links',
    properties: { ...properties, referenceOnly: properties.referenceOnly ?? false, tenantId: HUB.toLowerCase(), linkName: name, provisioningState }
  }
}

// The seed document's Link body without its read-only linkName: what 2017-01-01 shows of it.
const { linkName: _, ...seedDefinition } = LINK_SEED_BODY

t.test('the Link seed document\'s body is a 2017-01-01 link, flat or inside properties: it reads back there exactly as sent', async (t) => {
  const { app, clock, request } = await buildTestApp(t)
  for (const [name, payload] of [['Flat', LINK_SEED_BODY], ['Enveloped', { properties: LINK_SEED_BODY }]] as const) {
    const created = await request({ method: 'PUT', url: url(`${LINKS}/${name}`, OLD), payload })
    t.equal(created.statusCode, 201, name)
    t.equal(new URL(String(created.headers['azure-asyncoperation'])).searchParams.get('api-version'), OLD, 'the operation status URL is in the request\'s version')
    t.strictSame(json(created), link(name, seedDefinition), 'isProfileTypeId included')
    t.match(storedAt(app, `${LINKS}/${name}`), { apiVersion: OLD })
  }
  clock.advance(500)
  t.strictSame(json(await request({ method: 'GET', url: url(`${LINKS}/Flat`, OLD) })), link('Flat', seedDefinition, 'Succeeded'))
  t.strictSame(json(await request({ method: 'GET', url: url(`${LINKS}/Flat`, NEW) })), link('Flat', linkSeedInTheNewerNames, 'Succeeded'),
    'in 2017-04-26, the newer names and no isProfileTypeId, which that version does not have')
})

t.test('the same body under 2017-04-26, flat, is translated to the newer names and isProfileTypeId is dropped', async (t) => {
  const { clock, request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: url(`${LINKS}/linkTest4806`, NEW), payload: LINK_SEED_BODY })
  t.equal(created.statusCode, 201)
  t.strictSame(json(created), link('linkTest4806', linkSeedInTheNewerNames))
  clock.advance(500)
  const { isProfileTypeId: __, ...mappingWithout } = (seedDefinition.mappings as Record<string, unknown>[])[0] as Record<string, unknown>
  t.strictSame(json(await request({ method: 'GET', url: url(`${LINKS}/linkTest4806`, OLD) })),
    link('linkTest4806', { ...seedDefinition, mappings: [mappingWithout] }, 'Succeeded'), 'written without it, it has none to show in 2017-01-01')
})

t.test('a published 2017-01-01 link is accepted and answered as published, and reads in 2017-04-26 in the newer names', async (t) => {
  const { clock, request } = await buildTestApp(t)
  const example = swaggerExample('LinksCreateOrUpdate', OLD)
  const created = await request({ method: 'PUT', url: url(`${LINKS}/linkTest4806`, OLD), payload: example.parameters.parameters })
  t.equal(created.statusCode, 201)
  const published = example.responses['200']?.body as { properties: Record<string, unknown> }
  t.strictSame((json(created) as { properties: unknown }).properties, { ...published.properties, tenantId: HUB.toLowerCase() })
  clock.advance(500)
  const newer = json(await request({ method: 'GET', url: url(`${LINKS}/linkTest4806`, NEW) })) as { properties: Record<string, unknown> }
  t.match(newer.properties, { sourceEntityType: 'Interaction', targetEntityType: 'Profile', provisioningState: 'Succeeded' })
  t.notOk('sourceInteractionType' in newer.properties)
})

t.test('a 2017-04-26 link between other kinds reads in 2017-01-01 with its type names in the only fields that version has', async (t) => {
  const { request } = await buildTestApp(t)
  const definition = {
    sourceEntityType: 'Profile', targetEntityType: 'Relationship', sourceEntityTypeName: 'Contact', targetEntityTypeName: 'Household',
    participantPropertyReferences: [{ sourcePropertyName: 'a', targetPropertyName: 'b' }], mappings: [{ sourcePropertyName: 'c', targetPropertyName: 'd' }]
  }
  await request({ method: 'PUT', url: url(`${LINKS}/Other`, NEW), payload: { properties: definition } })
  t.strictSame(json(await request({ method: 'GET', url: url(`${LINKS}/Other`, OLD) })), link('Other', {
    sourceInteractionType: 'Contact',
    targetProfileType: 'Household',
    participantPropertyReferences: [{ interactionPropertyName: 'a', profilePropertyName: 'b' }],
    mappings: [{ interactionTypePropertyName: 'c', profileTypePropertyName: 'd' }]
  }))
  t.strictSame(json(await request({ method: 'GET', url: url(`${LINKS}/Other`, NEW) })), link('Other', definition), 'and as written in its own')
  const list = json(await request({ method: 'GET', url: url(LINKS, OLD) })) as { value: unknown[] }
  t.strictSame(list.value, [json(await request({ method: 'GET', url: url(`${LINKS}/Other`, OLD) }))])
})

t.test('each version validates by its own schema, and its errors name its own properties', async (t) => {
  const { app, request } = await buildTestApp(t)
  const newerInOlder = await request({
    method: 'PUT',
    url: url(`${LINKS}/Mixed`, OLD),
    payload: { properties: { sourceEntityType: 'Interaction', targetEntityType: 'Profile', sourceEntityTypeName: 'a', targetEntityTypeName: 'b', participantPropertyReferences: [{ sourcePropertyName: 'x', targetPropertyName: 'y' }] } }
  })
  t.equal(newerInOlder.statusCode, 400)
  t.strictSame(json(newerInOlder), {
    error: {
      code: 'ValidationFailed',
      message: "The link definition is invalid. The required property 'properties.sourceInteractionType' is missing. (4 problems in all, listed in details.)",
      target: 'properties.sourceInteractionType',
      details: [
        { code: 'MissingRequiredProperty', message: "The required property 'properties.sourceInteractionType' is missing.", target: 'properties.sourceInteractionType' },
        { code: 'MissingRequiredProperty', message: "The required property 'properties.targetProfileType' is missing.", target: 'properties.targetProfileType' },
        { code: 'MissingRequiredProperty', message: "The required property 'properties.participantPropertyReferences[0].interactionPropertyName' is missing.", target: 'properties.participantPropertyReferences[0].interactionPropertyName' },
        { code: 'MissingRequiredProperty', message: "The required property 'properties.participantPropertyReferences[0].profilePropertyName' is missing.", target: 'properties.participantPropertyReferences[0].profilePropertyName' }
      ]
    }
  })
  const olderInNewer = await request({ method: 'PUT', url: url(`${LINKS}/Mixed`, NEW), payload: { properties: seedDefinition } })
  t.equal(olderInNewer.statusCode, 400, 'inside properties, 2017-04-26 takes only its own names')
  t.match(json(olderInNewer), { error: { code: 'ValidationFailed', target: 'properties.sourceEntityType' } })
  const flatOlder = await request({ method: 'PUT', url: url(`${LINKS}/Mixed`, OLD), payload: { ...seedDefinition, mappings: [{ interactionTypePropertyName: 'a' }] } })
  t.equal(flatOlder.statusCode, 400)
  t.match(json(flatOlder), { error: { code: 'ValidationFailed', target: 'mappings[0].profileTypePropertyName' } }, 'a flat body\'s paths have no properties prefix')
  t.equal(storedAt(app, `${LINKS}/Mixed`), undefined)
})

t.test('lists and their nextLink, and the api-version a list is read in, are the request\'s', async (t) => {
  const { request } = await buildTestApp(t, { pageSize: 1 })
  await request({ method: 'PUT', url: url(`${LINKS}/LinkA`, OLD), payload: LINK_SEED_BODY })
  await request({ method: 'PUT', url: url(`${LINKS}/LinkB`, NEW), payload: { properties: linkSeedInTheNewerNames } })
  const first = json(await request({ method: 'GET', url: url(LINKS, OLD) })) as { value: { properties: Record<string, unknown> }[], nextLink: string }
  t.equal(new URL(first.nextLink).searchParams.get('api-version'), OLD)
  t.match(first.value, [{ properties: { sourceInteractionType: 'testInteraction1949' } }])
  const next = new URL(first.nextLink)
  const second = json(await request({ method: 'GET', url: `${next.pathname}${next.search}` })) as { value: { properties: Record<string, unknown> }[], nextLink?: string }
  t.match(second.value, [{ properties: { sourceInteractionType: 'testInteraction1949', targetProfileType: 'testProfile1446' } }], 'LinkB, written in 2017-04-26, read in 2017-01-01')
  t.equal(second.nextLink, undefined)
})

t.test('the operation status resource answers in either version', async (t) => {
  const { request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: url(`${LINKS}/LinkA`, OLD), payload: LINK_SEED_BODY })
  const status = new URL(String(created.headers['azure-asyncoperation']))
  t.equal(status.pathname, `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CustomerInsights/operationStatuses/00000000-0000-4000-8000-000000000003`)
  for (const version of [OLD, NEW]) {
    const answer = await request({ method: 'GET', url: url(status.pathname, version) })
    t.equal(answer.statusCode, 200)
    t.match(json(answer), { status: 'InProgress' })
  }
})
