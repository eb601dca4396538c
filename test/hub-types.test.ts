import t from 'tap'
import { HUB, HUB_PATH, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'
import { swaggerExample } from './helpers/published.js'

const flags = { isArray: false, isRequired: false, isEnum: false, isFlagEnum: false, isImage: false, isLocalizedString: false, isName: false }
const PROFILE_STRONG_ID = { keyPropertyNames: ['ProfileId'], strongIdName: 'ProfileId' }

function resource (collection: string, type: string, name: string, properties: Record<string, unknown>, provisioningState = 'Provisioning') {
  return {
    id: `${HUB_PATH}/${collection}/${name}`,
    name: `${HUB}/${name}`,
    type: `Microsoft.CustomerInsights/hubs/${type}`,
    properties: { ...properties, provisioningState }
  }
}

t.test('a profile type: every field gets its flags and a property id, ProfileId its own, and the ProfileId strong id is added', async (t) => {
  const { app, clock, request } = await buildTestApp(t)
  const definition = {
    apiEntitySetName: 'Contacts',
    entityType: 'Interaction',
    typeName: 'NotItsName',
    instancesCount: 12,
    fields: [
      { fieldName: 'Email', fieldType: 'Edm.String', isRequired: true },
      { fieldName: 'ProfileId', fieldType: 'Edm.String' },
      { fieldName: 'Tags', fieldType: 'Edm.String', isArray: true, propertyId: 'mine' }
    ],
    strongIds: [{ keyPropertyNames: ['Email'], strongIdName: 'EmailId' }]
  }
  const created = await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: definition } })
  t.equal(created.statusCode, 201)
  t.ok(created.headers['azure-asyncoperation'])
  const expected = {
    apiEntitySetName: 'Contacts',
    entityType: 'Profile',
    typeName: 'Contact',
    instancesCount: 0,
    fields: [
      { ...flags, fieldName: 'Email', fieldType: 'Edm.String', isRequired: true, propertyId: 'id1' },
      { ...flags, fieldName: 'ProfileId', fieldType: 'Edm.String', propertyId: 'PROFILEID' },
      { ...flags, fieldName: 'Tags', fieldType: 'Edm.String', isArray: true, propertyId: 'id2' }
    ],
    strongIds: [{ keyPropertyNames: ['Email'], strongIdName: 'EmailId' }, PROFILE_STRONG_ID],
    tenantId: HUB.toLowerCase()
  }
  t.strictSame(json(created), resource('profiles', 'profiles', 'Contact', expected))
  t.strictSame(storedBody(storedAt(app, `${HUB_PATH}/profiles/Contact`)), resource('profiles', 'profiles', 'Contact', expected))

  // A client that PUTs back what it read does not collect a second ProfileId strong id.
  clock.advance(500)
  const read = json(await request({ method: 'GET', url: url(`${HUB_PATH}/profiles/Contact`) })) as { properties: Record<string, unknown> }
  t.strictSame(read, resource('profiles', 'profiles', 'Contact', expected, 'Succeeded'))
  const again = await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: read })
  t.equal(again.statusCode, 200)
  t.strictSame(json(again), resource('profiles', 'profiles', 'Contact', expected))
})

t.test('the published profile example is answered with the server\'s own fields', async (t) => {
  const { request } = await buildTestApp(t)
  const example = swaggerExample('ProfilesCreateOrUpdate')
  const response = await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/TestProfileType396`), payload: example.parameters.parameters })
  t.equal(response.statusCode, 201)
  const published = example.responses['200']?.body as { properties: Record<string, unknown> & { fields: Record<string, unknown>[] } }
  const ids = ['id1', 'PROFILEID', 'id2', 'id3', 'id4']
  t.strictSame((json(response) as { properties: unknown }).properties, {
    ...published.properties,
    // The recorded service numbered the fields (the published example shows every one as id1) and the client's casing.
    fields: published.properties.fields.map((field, index) => ({ ...field, propertyId: ids[index] })),
    strongIds: [
      { keyPropertyNames: ['Id', 'SavingAccountBalance'], strongIdName: 'Id' },
      { keyPropertyNames: ['ProfileId', 'LastName'], strongIdName: 'ProfileId' },
      PROFILE_STRONG_ID
    ],
    tenantId: HUB.toLowerCase()
  })
})

t.test('an interaction type: the same server fields without the strong id; its participants in each version\'s names', async (t) => {
  const { request } = await buildTestApp(t)
  const participant = { profileTypeName: 'Contact', participantName: 'Visitor' }
  const written = await request({
    method: 'PUT',
    url: url(`${HUB_PATH}/interactions/WebVisit`, '2017-01-01'),
    payload: { properties: { fields: [{ fieldName: 'VisitorId', fieldType: 'Edm.String' }], participantProfiles: [{ ...participant, participantPropertyReferences: [{ interactionPropertyName: 'VisitorId', profilePropertyName: 'ContactId' }] }] } }
  })
  t.equal(written.statusCode, 201)
  const common = {
    fields: [{ ...flags, fieldName: 'VisitorId', fieldType: 'Edm.String', propertyId: 'id1' }],
    entityType: 'Interaction',
    instancesCount: 0,
    tenantId: HUB.toLowerCase(),
    typeName: 'WebVisit'
  }
  const older = resource('interactions', 'interactions', 'WebVisit', {
    ...common, participantProfiles: [{ ...participant, participantPropertyReferences: [{ interactionPropertyName: 'VisitorId', profilePropertyName: 'ContactId' }] }]
  })
  t.strictSame(json(written), older)
  const newer = await request({ method: 'GET', url: url(`${HUB_PATH}/interactions/WebVisit`) })
  t.strictSame(json(newer), resource('interactions', 'interactions', 'WebVisit', {
    ...common, participantProfiles: [{ ...participant, participantPropertyReferences: [{ sourcePropertyName: 'VisitorId', targetPropertyName: 'ContactId' }] }]
  }))
  t.strictSame(json(await request({ method: 'GET', url: url(`${HUB_PATH}/interactions/WebVisit`, '2017-01-01') })), older)

  const deleted = await request({ method: 'DELETE', url: url(`${HUB_PATH}/interactions/WebVisit`) })
  t.equal(deleted.statusCode, 405, 'the swaggers declare no delete for interaction types')
  t.match(json(deleted), { error: { code: 'MethodNotAllowed' } })
})

t.test('a relationship: OneToOne unless told, and its own name', async (t) => {
  const { request } = await buildTestApp(t)
  const example = swaggerExample('RelationshipsCreateOrUpdate')
  const published = await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/SomeRelationship`), payload: example.parameters.parameters })
  t.equal(published.statusCode, 201)
  const answer = (example.responses['200']?.body as { properties: Record<string, unknown> }).properties
  // The published answer adds an empty lookupMappings the client did not send; the recorded service echoed only what was sent.
  const { lookupMappings: _, ...sent } = answer
  t.strictSame((json(published) as { properties: unknown }).properties, sent)

  const bare = await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Bare`), payload: { properties: { profileType: 'A', relatedProfileType: 'B' } } })
  t.strictSame(json(bare), resource('relationships', 'relationships', 'Bare', {
    profileType: 'A', relatedProfileType: 'B', cardinality: 'OneToOne', relationshipName: 'Bare', tenantId: HUB.toLowerCase()
  }))
  const many = await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Many`), payload: { properties: { profileType: 'A', relatedProfileType: 'B', cardinality: 'ManyToMany' } } })
  t.match(json(many), { properties: { cardinality: 'ManyToMany' } })
  const list = json(await request({ method: 'GET', url: url(`${HUB_PATH}/relationships`) })) as { value: { name: string }[] }
  t.strictSame(list.value.map((item) => item.name), [`${HUB}/Bare`, `${HUB}/Many`, `${HUB}/SomeRelationship`])
  t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/relationships/Bare`) })).statusCode, 200)
  t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/relationships/Bare`) })).statusCode, 204)
})

t.test('getEnrichingKpis answers the KPIs over the profile type and over the interactions it takes part in', async (t) => {
  const { request } = await buildTestApp(t, { provisioningDelayMs: 0 })
  const put = async (path: string, properties: unknown) => {
    const response = await request({ method: 'PUT', url: url(`${HUB_PATH}/${path}`), payload: { properties } })
    t.equal(response.statusCode, 201, path)
  }
  await put('profiles/Contact', { fields: [{ fieldName: 'City', fieldType: 'Edm.String' }] })
  await put('interactions/Deposit', { participantProfiles: [{ profileTypeName: 'contact', participantName: 'Owner', participantPropertyReferences: [] }] })
  await put('interactions/Unrelated', {})
  const kpi = { calculationWindow: 'Month', function: 'Sum', expression: 'Amount' }
  await put('kpi/ByCity', { ...kpi, entityType: 'Profile', entityTypeName: 'Contact', groupBy: ['City', 'Unknown'] })
  await put('kpi/Deposits', { ...kpi, entityType: 'Interaction', entityTypeName: 'Deposit' })
  await put('kpi/Elsewhere', { ...kpi, entityType: 'Interaction', entityTypeName: 'Unrelated' })

  const enriching = await request({ method: 'POST', url: url(`${HUB_PATH}/profiles/Contact/getEnrichingKpis`) })
  t.equal(enriching.statusCode, 200)
  t.strictSame(json(enriching), [
    {
      ...kpi,
      entityType: 'Profile',
      entityTypeName: 'Contact',
      groupBy: ['City', 'Unknown'],
      kpiName: 'ByCity',
      tenantId: HUB.toLowerCase(),
      groupByMetadata: [
        { displayName: { 'en-us': 'City' }, fieldName: 'City', fieldType: 'Edm.String' },
        { displayName: { 'en-us': 'Unknown' }, fieldName: 'Unknown' }
      ],
      participantProfilesMetadata: [],
      provisioningState: 'Succeeded'
    },
    {
      ...kpi,
      entityType: 'Interaction',
      entityTypeName: 'Deposit',
      kpiName: 'Deposits',
      tenantId: HUB.toLowerCase(),
      participantProfilesMetadata: [{ typeName: 'contact' }],
      provisioningState: 'Succeeded'
    }
  ])
  const none = await request({ method: 'POST', url: url(`${HUB_PATH}/profiles/Nobody/getEnrichingKpis`) })
  t.equal(none.statusCode, 404)
  t.match(json(none), { error: { code: 'ResourceNotFound' } })
  const reprocess = await request({ method: 'POST', url: url(`${HUB_PATH}/kpi/ByCity/reprocess`) })
  t.equal(reprocess.statusCode, 202)
  t.equal(reprocess.body, '')
})

t.test('suggestRelationshipLinks pairs the interaction\'s participants, naming the relationship between them if there is one', async (t) => {
  const { request } = await buildTestApp(t)
  const participants = [
    { profileTypeName: 'Branch', participantName: 'Branch', participantPropertyReferences: [{ sourcePropertyName: 'BranchId', targetPropertyName: 'BranchId' }] },
    { profileTypeName: 'Contact', participantName: 'Owner', participantPropertyReferences: [{ sourcePropertyName: 'ContactId', targetPropertyName: 'ContactId' }] }
  ]
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Deposit`), payload: { properties: { participantProfiles: participants } } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/BranchOfContact`), payload: { properties: { profileType: 'branch', relatedProfileType: 'CONTACT' } } })
  const suggested = await request({ method: 'POST', url: url(`${HUB_PATH}/interactions/Deposit/suggestRelationshipLinks`) })
  t.equal(suggested.statusCode, 200)
  const branch = [{ interactionPropertyName: 'BranchId', profilePropertyName: 'BranchId' }]
  const contact = [{ interactionPropertyName: 'ContactId', profilePropertyName: 'ContactId' }]
  t.strictSame(json(suggested), {
    interactionName: 'Deposit',
    suggestedRelationships: [
      { profileName: 'Branch', profilePropertyReferences: branch, relatedProfileName: 'Contact', relatedProfilePropertyReferences: contact, existingRelationshipName: 'BranchOfContact' },
      { profileName: 'Contact', profilePropertyReferences: contact, relatedProfileName: 'Branch', relatedProfilePropertyReferences: branch }
    ]
  })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Alone`), payload: { properties: {} } })
  t.strictSame(json(await request({ method: 'POST', url: url(`${HUB_PATH}/interactions/Alone/suggestRelationshipLinks`, '2017-01-01') })),
    { interactionName: 'Alone', suggestedRelationships: [] })
})
