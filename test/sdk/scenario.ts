// Run by test/sdk.test.ts in a child process whose only trust set-up is NODE_EXTRA_CA_CERTS, as a user's would be.
import { performance } from 'node:perf_hooks'
import t from 'tap'
import { CustomerInsightsManagementClient, type LinkResourceFormat } from '@azure/arm-customerinsights'
import type { AccessToken, TokenCredential } from '@azure/core-auth'
import type { FullOperationResponse } from '@azure/core-client'

const endpoint = process.env.EMULATOR_URL ?? ''
const profile = (process.env.EMULATOR_PROFILE ?? 'default') as 'default' | 'swagger' | 'service'
const subscriptionId = process.env.SUBSCRIPTION_ID ?? ''
const resourceGroup = 'sdk-rg'
const hub = 'sdkHub'

/** Any token will do: the emulator accepts every bearer token. */
const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 'emulator-token', expiresOnTimestamp: Date.now() + 60 * 60 * 1000 })
}
const client = new CustomerInsightsManagementClient(credential, subscriptionId, { endpoint })

const link: LinkResourceFormat = {
  sourceEntityType: 'Interaction',
  targetEntityType: 'Profile',
  sourceEntityTypeName: 'WebVisit',
  targetEntityTypeName: 'Contact',
  participantPropertyReferences: [{ sourcePropertyName: 'VisitorId', targetPropertyName: 'ContactId' }]
}

function recordResponses (): { responses: FullOperationResponse[], onResponse: (response: FullOperationResponse) => void } {
  const responses: FullOperationResponse[] = []
  return { responses, onResponse: (response) => { responses.push(response) } }
}

t.test('links: create and wait, then update and wait', async (t) => {
  const recorder = recordResponses()
  const started = performance.now()
  const created = await client.links.beginCreateOrUpdateAndWait(resourceGroup, hub, 'WebToContact', link, { onResponse: recorder.onResponse })
  const elapsed = performance.now() - started
  t.comment(`create-and-wait with the emulator's and the SDK's default settings: ${elapsed.toFixed(0)} ms (${profile} profile)`)

  const [put] = recorder.responses
  t.equal(put?.request.method, 'PUT')
  t.equal(put?.status, { default: 201, swagger: 200, service: 202 }[profile])
  t.match(JSON.parse(put?.bodyAsText ?? '{}'), { properties: { provisioningState: 'Provisioning' } }, 'the PUT response shows Provisioning')
  if (profile === 'service') {
    t.match(put?.headers.get('location'), new RegExp(`^${endpoint}/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.CustomerInsights/hubs/${hub}/links/WebToContact/operations/[0-9a-f]{32}\\?api-version=2017-04-26$`))
  } else {
    t.ok(put?.headers.get('azure-asyncoperation')?.startsWith(`${endpoint}/subscriptions/${subscriptionId}/providers/Microsoft.CustomerInsights/operationStatuses/`))
  }
  t.match(created, {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.CustomerInsights/hubs/${hub}/links/WebToContact`,
    name: `${hub}/WebToContact`,
    type: 'Microsoft.CustomerInsights/hubs/links',
    tenantId: hub.toLowerCase(),
    linkName: 'WebToContact',
    provisioningState: 'Succeeded',
    referenceOnly: false,
    ...link
  })

  const updated = await client.links.beginCreateOrUpdateAndWait(resourceGroup, hub, 'WebToContact', { ...link, referenceOnly: true, displayName: { 'en-us': 'Web to contact' } })
  t.match(updated, { provisioningState: 'Succeeded', referenceOnly: true, displayName: { 'en-us': 'Web to contact' } })
})

t.test('links: get, list across several pages, delete', async (t) => {
  const got = await client.links.get(resourceGroup, hub, 'WebToContact')
  t.match(got, { name: `${hub}/WebToContact`, provisioningState: 'Succeeded', referenceOnly: true })

  await Promise.all(['L1', 'L2', 'L3', 'L4', 'L5', 'L6'].map((name) => client.links.beginCreateOrUpdateAndWait(resourceGroup, hub, name, link)))
  const pages: string[][] = []
  for await (const page of client.links.listByHub(resourceGroup, hub).byPage()) pages.push(page.map((item) => item.linkName ?? ''))
  t.ok(pages.length > 1, `the listing came in ${pages.length} pages`)
  t.strictSame(pages.flat(), ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'WebToContact'])

  await client.links.delete(resourceGroup, hub, 'L1')
  await t.rejects(client.links.get(resourceGroup, hub, 'L1'), { name: 'RestError', statusCode: 404, code: 'ResourceNotFound' })
})

t.test('relationship links: create and wait, get, list, delete and wait', async (t) => {
  const definition = {
    interactionType: 'Purchase',
    relationshipName: 'ContactToAccount',
    profilePropertyReferences: [{ interactionPropertyName: 'BuyerId', profilePropertyName: 'ContactId' }],
    relatedProfilePropertyReferences: [{ interactionPropertyName: 'AccountId', profilePropertyName: 'AccountId' }]
  }
  const created = await client.relationshipLinks.beginCreateOrUpdateAndWait(resourceGroup, hub, 'BuyerOfAccount', definition)
  t.match(created, { name: `${hub}/BuyerOfAccount`, provisioningState: 'Succeeded', ...definition })
  t.equal(created.relationshipGuidId, undefined, 'the service never showed relationshipGuidId')

  const got = await client.relationshipLinks.get(resourceGroup, hub, 'BuyerOfAccount')
  t.match(got, { name: `${hub}/BuyerOfAccount`, provisioningState: 'Succeeded', ...definition })
  const listed = []
  for await (const item of client.relationshipLinks.listByHub(resourceGroup, hub)) listed.push(item.name)
  t.strictSame(listed, [`${hub}/BuyerOfAccount`])

  await client.relationshipLinks.beginDeleteAndWait(resourceGroup, hub, 'BuyerOfAccount')
  await t.rejects(client.relationshipLinks.get(resourceGroup, hub, 'BuyerOfAccount'), { statusCode: 404, code: 'ResourceNotFound' })
})

t.test('invalid requests surface as RestError 400 with the ARM code', async (t) => {
  await t.rejects(client.links.beginCreateOrUpdateAndWait(resourceGroup, hub, '1-invalid', link),
    { name: 'RestError', statusCode: 400, code: 'InvalidResourceName' })
  await t.rejects(client.links.beginCreateOrUpdateAndWait(resourceGroup, hub, 'NoParticipants', { ...link, participantPropertyReferences: undefined }),
    { name: 'RestError', statusCode: 400, code: 'ValidationFailed' })
  await t.rejects(client.links.get(resourceGroup, hub, 'Missing'), { name: 'RestError', statusCode: 404, code: 'ResourceNotFound' })
})

t.test('deleting a link that does not exist: the SDK declares 200 and 202 only', async (t) => {
  if (profile !== 'default') {
    await client.links.delete(resourceGroup, hub, 'NeverThere')
    t.pass(`200 under the ${profile} profile`)
  } else {
    await t.rejects(client.links.delete(resourceGroup, hub, 'NeverThere'), { name: 'RestError', statusCode: 204 },
      'the default profile answers 204, which this SDK does not declare for Links_Delete')
  }
})

t.test('a hub and everything a link stands on, created and waited for in order, then the hub deleted with all of it', async (t) => {
  const walk = 'walkHub'
  const started = performance.now()
  const created = await client.hubs.createOrUpdate(resourceGroup, walk, { location: 'westus', hubBillingInfo: { skuName: 'B0', minUnits: 1, maxUnits: 5 } })
  t.match(created, { name: walk, location: 'westus', provisioningState: 'Creating', tenantFeatures: 0, hubBillingInfo: { skuName: 'B0', minUnits: 1, maxUnits: 5 } })
  const contact = await client.profiles.beginCreateOrUpdateAndWait(resourceGroup, walk, 'Contact', {
    fields: [{ fieldName: 'ContactId', fieldType: 'Edm.String', isRequired: true }, { fieldName: 'Email', fieldType: 'Edm.String' }],
    strongIds: [{ keyPropertyNames: ['ContactId'], strongIdName: 'ContactId' }]
  })
  t.match(contact, {
    provisioningState: 'Succeeded',
    entityType: 'Profile',
    typeName: 'Contact',
    instancesCount: 0,
    fields: [{ fieldName: 'ContactId', isRequired: true, propertyId: 'id1' }, { fieldName: 'Email', isRequired: false, propertyId: 'id2' }],
    strongIds: [{ strongIdName: 'ContactId' }, { keyPropertyNames: ['ProfileId'], strongIdName: 'ProfileId' }]
  })
  const visit = await client.interactions.beginCreateOrUpdateAndWait(resourceGroup, walk, 'WebVisit', {
    fields: [{ fieldName: 'VisitorId', fieldType: 'Edm.String' }],
    participantProfiles: [{ profileTypeName: 'Contact', participantName: 'Visitor', participantPropertyReferences: [{ sourcePropertyName: 'VisitorId', targetPropertyName: 'ContactId' }] }]
  })
  t.match(visit, { provisioningState: 'Succeeded', entityType: 'Interaction', typeName: 'WebVisit' })
  const related = await client.relationships.beginCreateOrUpdateAndWait(resourceGroup, walk, 'Referrer', { profileType: 'Contact', relatedProfileType: 'Contact' })
  t.match(related, { provisioningState: 'Succeeded', cardinality: 'OneToOne', relationshipName: 'Referrer' })
  const webToContact = await client.links.beginCreateOrUpdateAndWait(resourceGroup, walk, 'WebToContact', { ...link, sourceEntityTypeName: 'WebVisit' })
  t.match(webToContact, { provisioningState: 'Succeeded', linkName: 'WebToContact' })
  const referral = await client.relationshipLinks.beginCreateOrUpdateAndWait(resourceGroup, walk, 'ReferredBy', {
    interactionType: 'WebVisit',
    relationshipName: 'Referrer',
    profilePropertyReferences: [{ interactionPropertyName: 'VisitorId', profilePropertyName: 'ContactId' }],
    relatedProfilePropertyReferences: [{ interactionPropertyName: 'VisitorId', profilePropertyName: 'ContactId' }]
  })
  t.match(referral, { provisioningState: 'Succeeded', linkName: 'ReferredBy' })
  t.comment(`hub, profile, interaction, relationship, link and relationship link, each waited for: ${(performance.now() - started).toFixed(0)} ms (${profile} profile)`)

  const suggestions = await client.interactions.suggestRelationshipLinks(resourceGroup, walk, 'WebVisit')
  t.strictSame(suggestions.suggestedRelationships, [], 'one participant: nothing to pair')
  t.strictSame(await client.profiles.getEnrichingKpis(resourceGroup, walk, 'Contact'), [])
  const hubs = []
  for await (const each of client.hubs.listByResourceGroup(resourceGroup)) hubs.push(each.name)
  t.strictSame(hubs, [walk])
  t.match(await client.hubs.get(resourceGroup, walk), { provisioningState: 'Succeeded' })

  await client.hubs.beginDeleteAndWait(resourceGroup, walk)
  await t.rejects(client.hubs.get(resourceGroup, walk), { statusCode: 404, code: 'ResourceNotFound' })
  await t.rejects(client.links.get(resourceGroup, walk, 'WebToContact'), { statusCode: 404, code: 'ResourceNotFound' }, 'what was under it went with it')
  const left = []
  for await (const each of client.profiles.listByHub(resourceGroup, walk)) left.push(each.name)
  t.strictSame(left, [])
})
