import t from 'tap'
import { HUB, HUB_PATH, buildTestApp, json, storedAt, url } from './helpers/app.js'

const TENANT = HUB.toLowerCase()
const flags = { isArray: false, isRequired: false, isEnum: false, isFlagEnum: false, isImage: false, isLocalizedString: false, isName: false }

const contact = {
  displayName: { 'en-us': 'Contact' },
  fields: [
    { fieldName: 'Email', fieldType: 'Edm.String' },
    { fieldName: 'ProfileId', fieldType: 'Edm.String', isRequired: true },
    { fieldName: 'City', fieldType: 'Edm.String', isArray: true }
  ],
  strongIds: [{ keyPropertyNames: ['Email'], strongIdName: 'EmailId' }]
}

const purchase = {
  fields: [{ fieldName: 'Amount', fieldType: 'Edm.Double' }],
  participantProfiles: [
    { profileTypeName: 'Contact', participantName: 'buyer', participantPropertyReferences: [{ sourcePropertyName: 'BuyerId', targetPropertyName: 'ProfileId' }] },
    { profileTypeName: 'Account', participantName: 'seller', participantPropertyReferences: [{ sourcePropertyName: 'SellerId', targetPropertyName: 'ProfileId' }] }
  ]
}

/** The same interaction as 2017-01-01 writes it: a participant's references name the interaction's and the profile's properties. */
const purchase20170101 = {
  ...purchase,
  participantProfiles: purchase.participantProfiles.map((participant) => ({
    ...participant,
    participantPropertyReferences: participant.participantPropertyReferences.map(({ sourcePropertyName, targetPropertyName }) =>
      ({ interactionPropertyName: sourcePropertyName, profilePropertyName: targetPropertyName }))
  }))
}

function resource (collection: string, name: string, type: string, properties: Record<string, unknown>) {
  return { id: `${HUB_PATH}/${collection}/${name}`, name: `${HUB}/${name}`, type: `Microsoft.CustomerInsights/hubs/${type}`, properties }
}

t.test('a profile type: its kind, no instances, its name, every flag of each field and a property id; the ProfileId strong id', async (t) => {
  const { app, clock, request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: contact } })
  t.equal(created.statusCode, 201)
  t.ok(created.headers['azure-asyncoperation'])
  const shown = {
    displayName: { 'en-us': 'Contact' },
    fields: [
      { fieldName: 'Email', fieldType: 'Edm.String', ...flags, propertyId: 'id1' },
      { fieldName: 'ProfileId', fieldType: 'Edm.String', ...flags, isRequired: true, propertyId: 'PROFILEID' },
      { fieldName: 'City', fieldType: 'Edm.String', ...flags, isArray: true, propertyId: 'id2' }
    ],
    strongIds: [{ keyPropertyNames: ['Email'], strongIdName: 'EmailId' }, { keyPropertyNames: ['ProfileId'], strongIdName: 'ProfileId' }],
    entityType: 'Profile',
    instancesCount: 0,
    tenantId: TENANT,
    typeName: 'Contact'
  }
  t.strictSame(json(created), resource('profiles', 'Contact', 'profiles', { ...shown, provisioningState: 'Provisioning' }))
  clock.advance(500)
  t.strictSame(json(await request({ method: 'GET', url: url(`${HUB_PATH}/profiles/contact`, '2017-01-01') })),
    resource('profiles', 'Contact', 'profiles', { ...shown, provisioningState: 'Succeeded' }), 'the same in 2017-01-01')

  const own = await request({
    method: 'PUT', url: url(`${HUB_PATH}/profiles/Account`),
    payload: { properties: { strongIds: [{ keyPropertyNames: ['ProfileId'], strongIdName: 'ProfileId' }] } }
  })
  t.strictSame((json(own) as { properties: { strongIds: unknown } }).properties.strongIds, [{ keyPropertyNames: ['ProfileId'], strongIdName: 'ProfileId' }],
    'a ProfileId strong id given already is not added twice')
  t.notOk('fields' in (json(own) as { properties: object }).properties, 'no fields, none shown')
  t.equal(storedAt(app, `${HUB_PATH}/profiles/account`)?.type, 'Microsoft.CustomerInsights/hubs/profiles')
})

t.test('an interaction type in either version: 2017-01-01 names the participants\' references after the interaction and the profile', async (t) => {
  const { clock, request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Purchase`, '2017-01-01'), payload: { properties: purchase20170101 } })
  t.equal(created.statusCode, 201)
  const shown = (participants: unknown, state: string) => resource('interactions', 'Purchase', 'interactions', {
    fields: [{ fieldName: 'Amount', fieldType: 'Edm.Double', ...flags, propertyId: 'id1' }],
    participantProfiles: participants,
    entityType: 'Interaction',
    instancesCount: 0,
    tenantId: TENANT,
    typeName: 'Purchase',
    provisioningState: state
  })
  t.strictSame(json(created), shown(purchase20170101.participantProfiles, 'Provisioning'))
  clock.advance(500)
  t.strictSame(json(await request({ method: 'GET', url: url(`${HUB_PATH}/interactions/Purchase`) })), shown(purchase.participantProfiles, 'Succeeded'),
    'read in 2017-04-26: the newer names')
  t.strictSame(json(await request({ method: 'GET', url: url(`${HUB_PATH}/interactions/Purchase`, '2017-01-01') })),
    shown(purchase20170101.participantProfiles, 'Succeeded'))

  const plain = await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/PageView`, '2017-01-01'), payload: { properties: { isActivity: true } } })
  t.strictSame((json(plain) as { properties: unknown }).properties, {
    isActivity: true, entityType: 'Interaction', instancesCount: 0, tenantId: TENANT, typeName: 'PageView', provisioningState: 'Provisioning'
  })
  t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/interactions/PageView`) })).statusCode, 405, 'the swagger declares no delete')
  const listed = json(await request({ method: 'GET', url: url(`${HUB_PATH}/interactions`) })) as { value: { name: string }[] }
  t.strictSame(listed.value.map(({ name }) => name), [`${HUB}/PageView`, `${HUB}/Purchase`])
})

t.test('a relationship: OneToOne unless told, its own name; a relationship link: its hub and name', async (t) => {
  const { request } = await buildTestApp(t)
  const relationship = await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/ContactToAccount`), payload: { properties: { profileType: 'Contact', relatedProfileType: 'Account' } } })
  t.equal(relationship.statusCode, 201)
  t.strictSame(json(relationship), resource('relationships', 'ContactToAccount', 'relationships', {
    profileType: 'Contact', relatedProfileType: 'Account', cardinality: 'OneToOne', relationshipName: 'ContactToAccount', tenantId: TENANT, provisioningState: 'Provisioning'
  }))
  const many = await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Many`), payload: { properties: { profileType: 'Contact', relatedProfileType: 'Account', cardinality: 'ManyToMany' } } })
  t.equal((json(many) as { properties: { cardinality: string } }).properties.cardinality, 'ManyToMany')
  t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/relationships/Many`) })).statusCode, 200)

  const link = await request({
    method: 'PUT', url: url(`${HUB_PATH}/relationshipLinks/PurchaseLink`),
    payload: { properties: { interactionType: 'Purchase', relationshipName: 'ContactToAccount', profilePropertyReferences: [], relatedProfilePropertyReferences: [] } }
  })
  t.strictSame(json(link), resource('relationshipLinks', 'PurchaseLink', 'relationshipLinks', {
    interactionType: 'Purchase', relationshipName: 'ContactToAccount', profilePropertyReferences: [], relatedProfilePropertyReferences: [],
    tenantId: TENANT, linkName: 'PurchaseLink', provisioningState: 'Provisioning'
  }))
})

t.test('a KPI: what the service computes from the type it is over, as that type is when the KPI is written', async (t) => {
  const { request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: contact } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Purchase`), payload: { properties: purchase } })
  const kpi = { calculationWindow: 'Day', function: 'Sum', expression: 'Amount' }

  const overProfile = await request({
    method: 'PUT', url: url(`${HUB_PATH}/kpi/ContactCities`),
    payload: { properties: { ...kpi, entityType: 'Profile', entityTypeName: 'contact', groupBy: ['City', 'Unknown'] } }
  })
  t.equal(overProfile.statusCode, 201)
  t.strictSame(json(overProfile), resource('kpi', 'ContactCities', 'kpi', {
    ...kpi,
    entityType: 'Profile',
    entityTypeName: 'contact',
    groupBy: ['City', 'Unknown'],
    kpiName: 'ContactCities',
    tenantId: TENANT,
    groupByMetadata: [
      { displayName: { 'en-us': 'City' }, fieldName: 'City', fieldType: 'Edm.String' },
      { displayName: { 'en-us': 'Unknown' }, fieldName: 'Unknown' }
    ],
    participantProfilesMetadata: [],
    provisioningState: 'Provisioning'
  }))

  const overInteraction = await request({
    method: 'PUT', url: url(`${HUB_PATH}/kpi/Revenue`), payload: { properties: { ...kpi, entityType: 'Interaction', entityTypeName: 'Purchase' } }
  })
  t.strictSame((json(overInteraction) as { properties: { participantProfilesMetadata: unknown } }).properties.participantProfilesMetadata,
    [{ typeName: 'Contact' }, { typeName: 'Account' }])
  const overNothing = await request({ method: 'PUT', url: url(`${HUB_PATH}/kpi/Nothing`), payload: { properties: { ...kpi, entityType: 'None', entityTypeName: 'x' } } })
  t.strictSame((json(overNothing) as { properties: { participantProfilesMetadata: unknown } }).properties.participantProfilesMetadata, [])
  const overMissing = await request({ method: 'PUT', url: url(`${HUB_PATH}/kpi/Missing`), payload: { properties: { ...kpi, entityType: 'Relationship', entityTypeName: 'none', groupBy: ['a'] } } })
  t.strictSame((json(overMissing) as { properties: { groupByMetadata: unknown } }).properties.groupByMetadata, [{ displayName: { 'en-us': 'a' }, fieldName: 'a' }])

  const reprocess = await request({ method: 'POST', url: url(`${HUB_PATH}/kpi/Revenue/reprocess`) })
  t.equal(reprocess.statusCode, 202)
  t.equal(reprocess.body, '')
  const missing = await request({ method: 'POST', url: url(`${HUB_PATH}/kpi/Absent/reprocess`) })
  t.equal(missing.statusCode, 404)
  t.equal((json(missing) as { error: { code: string } }).error.code, 'ResourceNotFound')
  t.equal((await request({ method: 'GET', url: url(`${HUB_PATH}/kpi/Revenue/reprocess`) })).statusCode, 405)
})

t.test('a profile\'s enriching KPIs: those over it, and those over an interaction it takes part in', async (t) => {
  const { clock, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: contact } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Purchase`), payload: { properties: purchase } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Alone`), payload: { properties: {} } })
  const kpi = { calculationWindow: 'Day', function: 'Count', expression: '*' }
  for (const [name, entityType, entityTypeName] of [['OverContact', 'Profile', 'Contact'], ['OverPurchase', 'Interaction', 'purchase'],
    ['OverAccount', 'Profile', 'Account'], ['OverAlone', 'Interaction', 'Alone']]) {
    await request({ method: 'PUT', url: url(`${HUB_PATH}/kpi/${name as string}`), payload: { properties: { ...kpi, entityType, entityTypeName } } })
  }
  clock.advance(500)
  const enriching = await request({ method: 'POST', url: url(`${HUB_PATH}/profiles/Contact/getEnrichingKpis`) })
  t.equal(enriching.statusCode, 200)
  t.equal(enriching.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame((json(enriching) as { kpiName: string, provisioningState: string }[]).map(({ kpiName, provisioningState }) => [kpiName, provisioningState]),
    [['OverContact', 'Succeeded'], ['OverPurchase', 'Succeeded']])
})

t.test('an interaction\'s suggested relationship links: each ordered pair of its participants, with the relationship that exists', async (t) => {
  const { request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Purchase`), payload: { properties: purchase } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Buys`), payload: { properties: { profileType: 'contact', relatedProfileType: 'ACCOUNT' } } })
  const suggested = await request({ method: 'POST', url: url(`${HUB_PATH}/interactions/Purchase/suggestRelationshipLinks`) })
  t.equal(suggested.statusCode, 200)
  const buyer = [{ interactionPropertyName: 'BuyerId', profilePropertyName: 'ProfileId' }]
  const seller = [{ interactionPropertyName: 'SellerId', profilePropertyName: 'ProfileId' }]
  t.strictSame(json(suggested), {
    interactionName: 'Purchase',
    suggestedRelationships: [
      { profileName: 'Contact', profilePropertyReferences: buyer, relatedProfileName: 'Account', relatedProfilePropertyReferences: seller, existingRelationshipName: 'Buys' },
      { profileName: 'Account', profilePropertyReferences: seller, relatedProfileName: 'Contact', relatedProfilePropertyReferences: buyer }
    ]
  })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Lonely`), payload: { properties: {} } })
  t.strictSame(json(await request({ method: 'POST', url: url(`${HUB_PATH}/interactions/Lonely/suggestRelationshipLinks`) })),
    { interactionName: 'Lonely', suggestedRelationships: [] })
})
