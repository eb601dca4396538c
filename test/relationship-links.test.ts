import t from 'tap'
import { HUB, HUB_PATH, RESOURCE_GROUP, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'
import { swaggerExample } from './helpers/published.js'
import { RELATIONSHIP_LINK_SEED_BODY } from './fixtures/seed-documents.js'

const RELATIONSHIP_LINKS = `${HUB_PATH}/relationshipLinks`

const definition = {
  interactionType: 'Purchase',
  relationshipName: 'ContactToAccount',
  profilePropertyReferences: [{ interactionPropertyName: 'BuyerId', profilePropertyName: 'ContactId' }],
  relatedProfilePropertyReferences: [{ interactionPropertyName: 'AccountId', profilePropertyName: 'AccountId' }]
}

/** The service never showed a relationship link's relationshipGuidId, and no published example has it. */
function relationshipLinkResource (name: string, properties: Record<string, unknown>, provisioningState = 'Provisioning') {
  return {
    id: `${RELATIONSHIP_LINKS}/${name}`,
    name: `${HUB}/${name}`,
    type: 'Microsoft.CustomerInsights/hubs/relationshipLinks',
    properties: { ...properties, tenantId: HUB.toLowerCase(), linkName: name, provisioningState }
  }
}

// With sequential ids, the first PUT's ids are: 1 request, 2 correlation, 3 operation, 4 the resource's own guid.
const FIRST_GUID = '00000000-0000-4000-8000-000000000004'

t.test('PUT creates a relationship link, an update keeps its identity, and relationshipGuidId is never shown', async (t) => {
  const { app, clock, request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: url(`${RELATIONSHIP_LINKS}/BuyerOfAccount`), payload: { properties: definition } })
  t.equal(created.statusCode, 201)
  t.ok(created.headers['azure-asyncoperation'])
  t.equal(created.headers['retry-after'], '1')
  t.strictSame(json(created), relationshipLinkResource('BuyerOfAccount', definition))

  const updatedDefinition = {
    ...definition,
    displayName: { 'en-us': 'Buyer of account' },
    description: { 'en-us': 'Who buys for which account' },
    mappings: [{ interactionFieldName: 'Since', relationshipFieldName: 'StartDate', linkType: 'CopyIfNull' }]
  }
  const updated = await request({ method: 'PUT', url: url(`${RELATIONSHIP_LINKS}/buyerofaccount`), payload: { properties: updatedDefinition } })
  t.equal(updated.statusCode, 200)
  t.strictSame(json(updated), relationshipLinkResource('buyerofaccount', updatedDefinition))

  clock.advance(500)
  const get = await request({ method: 'GET', url: url(`${RELATIONSHIP_LINKS}/BuyerOfAccount`) })
  t.equal(get.statusCode, 200)
  t.strictSame(json(get), relationshipLinkResource('buyerofaccount', updatedDefinition, 'Succeeded'))

  const stored = storedAt(app, `${HUB_PATH}/relationshipLinks/BuyerOfAccount`)
  t.strictSame(storedBody(stored), relationshipLinkResource('buyerofaccount', updatedDefinition))
  t.equal(stored?.guid, FIRST_GUID)
})

t.test('the RelationshipLink seed document\'s example body creates a relationship link as it stands', async (t) => {
  const { app, request } = await buildTestApp(t)
  const seedBody = RELATIONSHIP_LINK_SEED_BODY
  const response = await request({ method: 'PUT', url: url(`${RELATIONSHIP_LINKS}/testlink002`), payload: seedBody })
  t.equal(response.statusCode, 201)
  const expected = {
    description: { 'en-us': 'Link Description' },
    displayName: { 'en-us': 'Link DisplayName' },
    interactionType: 'testInteraction4332',
    profilePropertyReferences: [{ interactionPropertyName: 'profile1', profilePropertyName: 'ProfileId' }],
    relatedProfilePropertyReferences: [{ interactionPropertyName: 'profile1', profilePropertyName: 'ProfileId' }],
    relationshipName: 'testProfile2326994'
  }
  t.strictSame(json(response), relationshipLinkResource('testlink002', expected),
    'the read-only tenantId, linkName and provisioningState it sends are ignored')
  t.strictSame(storedBody(storedAt(app, `${HUB_PATH}/relationshipLinks/testlink002`)), relationshipLinkResource('testlink002', expected))
})

t.test('the swagger example request is accepted and answered as its example response shows', async (t) => {
  const { request } = await buildTestApp(t)
  const example = swaggerExample('RelationshipLinksCreateOrUpdate')
  const response = await request({ method: 'PUT', url: url(`${RELATIONSHIP_LINKS}/Somelink`), payload: example.parameters.parameters })
  t.equal(response.statusCode, 201)
  const published = example.responses['200']?.body as { properties: Record<string, unknown> }
  const body = json(response) as { properties: Record<string, unknown> }
  t.strictSame(body.properties, published.properties)
})

t.test('GET of a missing relationship link is a 404; DELETE answers 200 then 204', async (t) => {
  const { app, request } = await buildTestApp(t)
  const missing = await request({ method: 'GET', url: url(`${RELATIONSHIP_LINKS}/Nope`) })
  t.equal(missing.statusCode, 404)
  t.strictSame(json(missing), {
    error: {
      code: 'ResourceNotFound',
      message: `The Resource 'Microsoft.CustomerInsights/hubs/${HUB}/relationshipLinks/Nope' under resource group '${RESOURCE_GROUP}' was not found.`
    }
  })

  await request({ method: 'PUT', url: url(`${RELATIONSHIP_LINKS}/Gone`), payload: { properties: definition } })
  const first = await request({ method: 'DELETE', url: url(`${RELATIONSHIP_LINKS}/Gone`) })
  t.equal(first.statusCode, 200)
  t.equal(first.body, '')
  t.equal(storedAt(app, `${HUB_PATH}/relationshipLinks/Gone`), undefined)
  const second = await request({ method: 'DELETE', url: url(`${RELATIONSHIP_LINKS}/Gone`) })
  t.equal(second.statusCode, 204)
})

t.test('a relationship link created again after a delete is a new resource, with a new identity', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${RELATIONSHIP_LINKS}/Again`), payload: { properties: definition } })
  await request({ method: 'DELETE', url: url(`${RELATIONSHIP_LINKS}/Again`) })
  const again = await request({ method: 'PUT', url: url(`${RELATIONSHIP_LINKS}/Again`), payload: { properties: definition } })
  t.equal(again.statusCode, 201)
  t.strictSame(json(again), relationshipLinkResource('Again', definition))
  t.not(storedAt(app, `${RELATIONSHIP_LINKS}/Again`)?.guid, FIRST_GUID)
})

t.test('listing relationship links pages in name order', async (t) => {
  const { request } = await buildTestApp(t, { pageSize: 1 })
  for (const name of ['beta', 'Alpha']) {
    await request({ method: 'PUT', url: url(`${RELATIONSHIP_LINKS}/${name}`), payload: { properties: definition } })
  }
  const first = json(await request({ method: 'GET', url: url(RELATIONSHIP_LINKS) })) as { value: { name: string }[], nextLink: string }
  t.strictSame(first.value.map((item) => item.name), [`${HUB}/Alpha`])
  const next = new URL(first.nextLink)
  const second = json(await request({ method: 'GET', url: `${next.pathname}${next.search}` })) as { value: { name: string }[], nextLink?: string }
  t.strictSame(second.value.map((item) => item.name), [`${HUB}/beta`])
  t.equal(second.nextLink, undefined)
})

t.test('a relationship link body missing what the swagger requires is a 400 with one detail per problem', async (t) => {
  const { app, request } = await buildTestApp(t)
  const response = await request({
    method: 'PUT',
    url: url(`${RELATIONSHIP_LINKS}/Broken`),
    payload: { properties: { interactionType: 7, profilePropertyReferences: [{ interactionPropertyName: 'a' }], relatedProfilePropertyReferences: [] } }
  })
  t.equal(response.statusCode, 400)
  t.strictSame(json(response), {
    error: {
      code: 'ValidationFailed',
      message: "The relationship link definition is invalid. The required property 'properties.relationshipName' is missing. (3 problems in all, listed in details.)",
      target: 'properties.relationshipName',
      details: [
        { code: 'MissingRequiredProperty', message: "The required property 'properties.relationshipName' is missing.", target: 'properties.relationshipName' },
        { code: 'InvalidPropertyType', message: "The property 'properties.interactionType' must be of type string.", target: 'properties.interactionType' },
        {
          code: 'MissingRequiredProperty',
          message: "The required property 'properties.profilePropertyReferences[0].profilePropertyName' is missing.",
          target: 'properties.profilePropertyReferences[0].profilePropertyName'
        }
      ]
    }
  })
  t.equal(storedAt(app, `${HUB_PATH}/relationshipLinks/Broken`), undefined)
})

t.test('with every optional field, in every provisioning state, reads answer the whole resource', async (t) => {
  const { clock, request } = await buildTestApp(t, { provisioningDelayMs: 1000 })
  const full = {
    ...definition,
    displayName: { 'en-us': 'Buyer of account', provisioningState: 'Provisioning' },
    description: { 'en-us': '"provisioningState":"Provisioning"}}' },
    mappings: [{ interactionFieldName: 'Since', relationshipFieldName: 'StartDate', linkType: 'CopyIfNull' }]
  }
  const put = await request({ method: 'PUT', url: url(`${RELATIONSHIP_LINKS}/Full`), payload: { properties: full } })
  t.strictSame(json(put), relationshipLinkResource('Full', full))

  const failing = await request({
    method: 'PUT', url: url(`${RELATIONSHIP_LINKS}/Failing`), payload: { properties: full }, headers: { 'x-emulator-provisioning': '{"outcome":"Failed"}' }
  })
  t.strictSame(json(failing), relationshipLinkResource('Failing', full))
  clock.advance(1000)
  const expected = [relationshipLinkResource('Failing', full, 'Failed'), relationshipLinkResource('Full', full, 'Succeeded')]
  for (const resource of expected) {
    const get = await request({ method: 'GET', url: url(`${RELATIONSHIP_LINKS}/${resource.properties.linkName}`) })
    t.strictSame(json(get), resource)
  }
  const list = await request({ method: 'GET', url: url(RELATIONSHIP_LINKS) })
  t.strictSame(json(list), { value: expected })
})
