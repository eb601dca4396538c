// Run by test/sdk.test.ts in a child process whose only trust set-up is NODE_EXTRA_CA_CERTS, as a user's would be.
import { performance } from 'node:perf_hooks'
import t from 'tap'
import { CustomerInsightsManagementClient, type LinkResourceFormat } from '@azure/arm-customerinsights'
import type { AccessToken, TokenCredential } from '@azure/core-auth'
import type { FullOperationResponse } from '@azure/core-client'

const endpoint = process.env.EMULATOR_URL ?? ''
const profile = process.env.EMULATOR_PROFILE ?? 'default'
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
  t.equal(put?.status, profile === 'swagger' ? 200 : 201)
  t.match(JSON.parse(put?.bodyAsText ?? '{}'), { properties: { provisioningState: 'Provisioning' } }, 'the PUT response shows Provisioning')
  t.ok(put?.headers.get('azure-asyncoperation')?.startsWith(`${endpoint}/subscriptions/${subscriptionId}/providers/Microsoft.CustomerInsights/operationStatuses/`))
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
  if (profile === 'swagger') {
    await client.links.delete(resourceGroup, hub, 'NeverThere')
    t.pass('200 under the swagger profile')
  } else {
    await t.rejects(client.links.delete(resourceGroup, hub, 'NeverThere'), { name: 'RestError', statusCode: 204 },
      'the default profile answers 204, which this SDK does not declare for Links_Delete')
  }
})
