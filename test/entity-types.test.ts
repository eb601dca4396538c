import t from 'tap'
import { HUB, HUB_PATH, buildTestApp, json, url } from './helpers/app.js'

const field = (fieldName: string, fieldType = 'Edm.String') => ({ fieldName, fieldType })
/** A field as the service shows it: every flag, false when not sent, and its property id. */
const shownField = (fieldName: string, propertyId: string, fieldType = 'Edm.String') => ({
  fieldName, fieldType, isArray: false, isRequired: false, isEnum: false, isFlagEnum: false, isImage: false, isLocalizedString: false, isName: false, propertyId
})

t.test('a profile type whose strong ids already hold ProfileId keeps them as given', async (t) => {
  const { request } = await buildTestApp(t)
  const strongIds = [{ keyPropertyNames: ['ProfileId'], strongIdName: 'ProfileId', displayName: { en: 'Id' } }]
  const created = await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: { fields: [field('ProfileId'), field('Region')], strongIds } } })
  t.strictSame(json(created), {
    id: `${HUB_PATH}/profiles/Contact`,
    name: `${HUB}/Contact`,
    type: 'Microsoft.CustomerInsights/hubs/profiles',
    properties: {
      fields: [shownField('ProfileId', 'PROFILEID'), shownField('Region', 'id1')],
      strongIds,
      entityType: 'Profile',
      instancesCount: 0,
      tenantId: HUB.toLowerCase(),
      typeName: 'Contact',
      provisioningState: 'Provisioning'
    }
  })
})

t.test('an interaction\'s participants are written and read in either version, each in its own names', async (t) => {
  const { request } = await buildTestApp(t)
  const participant = (references: Record<string, string>[]) => ({ profileTypeName: 'Contact', participantName: 'Buyer', participantPropertyReferences: references })
  const older = { participantProfiles: [participant([{ interactionPropertyName: 'BuyerId', profilePropertyName: 'ContactId' }])] }
  const newer = { participantProfiles: [participant([{ sourcePropertyName: 'BuyerId', targetPropertyName: 'ContactId' }])] }
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Purchase`, '2017-01-01'), payload: { properties: older } })
  t.match(json(await request({ method: 'GET', url: url(`${HUB_PATH}/interactions/Purchase`) })), { properties: newer })
  t.match(json(await request({ method: 'GET', url: url(`${HUB_PATH}/interactions/Purchase`, '2017-01-01') })), { properties: older })

  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Visit`), payload: { properties: newer } })
  t.match(json(await request({ method: 'GET', url: url(`${HUB_PATH}/interactions/Visit`, '2017-01-01') })), { properties: older })
  const listed = json(await request({ method: 'GET', url: url(`${HUB_PATH}/interactions`, '2017-01-01') })) as { value: unknown[] }
  t.match(listed.value, [{ properties: older }, { properties: older }])

  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Bare`), payload: { properties: {} } })
  t.notOk('participantProfiles' in (json(await request({ method: 'GET', url: url(`${HUB_PATH}/interactions/Bare`, '2017-01-01') })) as { properties: object }).properties)
})

t.test('suggested relationship links: every ordered pair of participants, with the relationship between them when there is one', async (t) => {
  const { request } = await buildTestApp(t)
  const participants = [
    { profileTypeName: 'Branch', participantName: 'Branch', participantPropertyReferences: [{ sourcePropertyName: 'BranchId', targetPropertyName: 'BranchId' }] },
    { profileTypeName: 'Contact', participantName: 'Customer', participantPropertyReferences: [{ sourcePropertyName: 'ContactId', targetPropertyName: 'ContactId' }] }
  ]
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Deposit`), payload: { properties: { participantProfiles: participants } } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/BranchOfContact`), payload: { properties: { profileType: 'branch', relatedProfileType: 'CONTACT' } } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Other`), payload: { properties: { profileType: 'Branch', relatedProfileType: 'Account' } } })
  const suggested = await request({ method: 'POST', url: url(`${HUB_PATH}/interactions/deposit/suggestRelationshipLinks`) })
  t.equal(suggested.statusCode, 200)
  t.strictSame(json(suggested), {
    interactionName: 'Deposit',
    suggestedRelationships: [
      {
        profileName: 'Branch',
        profilePropertyReferences: [{ interactionPropertyName: 'BranchId', profilePropertyName: 'BranchId' }],
        relatedProfileName: 'Contact',
        relatedProfilePropertyReferences: [{ interactionPropertyName: 'ContactId', profilePropertyName: 'ContactId' }],
        existingRelationshipName: 'BranchOfContact'
      },
      {
        profileName: 'Contact',
        profilePropertyReferences: [{ interactionPropertyName: 'ContactId', profilePropertyName: 'ContactId' }],
        relatedProfileName: 'Branch',
        relatedProfilePropertyReferences: [{ interactionPropertyName: 'BranchId', profilePropertyName: 'BranchId' }]
      }
    ]
  })
})

t.test('a relationship keeps the cardinality it is given, and is OneToOne without one', async (t) => {
  const { request } = await buildTestApp(t)
  const given = await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Owns`), payload: { properties: { profileType: 'A', relatedProfileType: 'B', cardinality: 'ManyToMany' } } })
  t.match(json(given), { properties: { cardinality: 'ManyToMany', relationshipName: 'Owns', tenantId: HUB.toLowerCase() } })
  const defaulted = await request({ method: 'PUT', url: url(`${HUB_PATH}/relationships/Knows`), payload: { properties: { profileType: 'A', relatedProfileType: 'B' } } })
  t.match(json(defaulted), { properties: { cardinality: 'OneToOne' } })
})

t.test('a KPI shows what the service computes from its entity type; the KPIs that enrich a profile type; reprocessing', async (t) => {
  const { request } = await buildTestApp(t)
  const kpi = (entityType: string, entityTypeName: string, extra: Record<string, unknown> = {}) =>
    ({ properties: { entityType, entityTypeName, calculationWindow: 'Month', function: 'Sum', expression: 'Amount', ...extra } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: { fields: [field('Region'), field('Age', 'Edm.Int32')] } } })
  await request({
    method: 'PUT',
    url: url(`${HUB_PATH}/interactions/Deposit`),
    payload: { properties: { participantProfiles: [{ profileTypeName: 'contact', participantName: 'Customer', participantPropertyReferences: [] }] } }
  })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/Visit`), payload: { properties: {} } })

  const overProfile = await request({ method: 'PUT', url: url(`${HUB_PATH}/kpi/ByRegion`), payload: kpi('Profile', 'Contact', { groupBy: ['Region', 'Unknown'] }) })
  t.strictSame((json(overProfile) as { properties: unknown }).properties, {
    ...kpi('Profile', 'Contact', { groupBy: ['Region', 'Unknown'] }).properties,
    kpiName: 'ByRegion',
    tenantId: HUB.toLowerCase(),
    groupByMetadata: [
      { displayName: { 'en-us': 'Region' }, fieldName: 'Region', fieldType: 'Edm.String' },
      { displayName: { 'en-us': 'Unknown' }, fieldName: 'Unknown' }
    ],
    participantProfilesMetadata: [],
    provisioningState: 'Provisioning'
  })
  const overInteraction = await request({ method: 'PUT', url: url(`${HUB_PATH}/kpi/Deposits`), payload: kpi('Interaction', 'Deposit') })
  t.match(json(overInteraction), { properties: { participantProfilesMetadata: [{ typeName: 'contact' }] } })
  t.notOk('groupByMetadata' in (json(overInteraction) as { properties: object }).properties)
  await request({ method: 'PUT', url: url(`${HUB_PATH}/kpi/Visits`), payload: kpi('Interaction', 'Visit') })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/kpi/Elsewhere`), payload: kpi('Profile', 'Account') })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/kpi/Related`), payload: kpi('Relationship', 'Contact') })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/kpi/Nothing`), payload: kpi('None', 'Contact') })
  await request({
    method: 'PUT',
    url: url(`${HUB_PATH}/kpi/Failing`),
    headers: { 'x-emulator-provisioning': JSON.stringify({ delayMs: 0, outcome: 'Failed' }) },
    payload: kpi('Profile', 'Contact')
  })

  const enriching = await request({ method: 'POST', url: url(`${HUB_PATH}/profiles/CONTACT/getEnrichingKpis`) })
  t.equal(enriching.statusCode, 200)
  t.strictSame((json(enriching) as { kpiName: string, provisioningState: string }[]).map((item) => [item.kpiName, item.provisioningState]),
    [['ByRegion', 'Provisioning'], ['Deposits', 'Provisioning'], ['Failing', 'Failed']], 'each in its state of the moment')

  const reprocessed = await request({ method: 'POST', url: url(`${HUB_PATH}/kpi/ByRegion/reprocess`) })
  t.equal(reprocessed.statusCode, 202)
  t.equal(reprocessed.body, '')
})
