// Run by test/sdk.test.ts in a child process whose only trust set-up is NODE_EXTRA_CA_CERTS, as a user's would be: every
// operation group of the SDK (links and relationship links have their own scenario, scenario.ts).
import t, { type Test } from 'tap'
import { CustomerInsightsManagementClient, type ConnectorMappingResourceFormat } from '@azure/arm-customerinsights'
import type { AccessToken, TokenCredential } from '@azure/core-auth'

const endpoint = process.env.EMULATOR_URL ?? ''
const profile = process.env.EMULATOR_PROFILE ?? 'default'
const subscriptionId = process.env.SUBSCRIPTION_ID ?? ''
const resourceGroup = 'sdk-rp-rg'
const hub = 'sdkRpHub'

/** Any token will do: the emulator accepts every bearer token. */
const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 'emulator-token', expiresOnTimestamp: Date.now() + 60 * 60 * 1000 })
}
const client = new CustomerInsightsManagementClient(credential, subscriptionId, { endpoint })

async function all<T> (items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = []
  for await (const item of items) collected.push(item)
  return collected
}

/** The default profile answers a create with 201, which an operation that declares 200 only does not take. */
async function created<T> (t: Test, create: () => Promise<T>): Promise<void> {
  if (profile === 'default') await t.rejects(create(), { name: 'RestError', statusCode: 201 }, 'default profile: 201, undeclared here')
  else await create()
}

t.test('operations: the provider lists its operations', async (t) => {
  const operations = await all(client.operations.list())
  t.ok(operations.some((operation) => operation.name === 'Microsoft.CustomerInsights/hubs/predictions/modelStatus/action'))
  t.ok(operations.every((operation) => operation.display?.provider === 'Microsoft Azure Customer Insights'))
})

t.test('hubs: create, update, get, list by resource group and subscription', async (t) => {
  const hubResource = await client.hubs.createOrUpdate(resourceGroup, hub, { location: 'westus', hubBillingInfo: { skuName: 'B0', minUnits: 1, maxUnits: 5 } })
  t.match(hubResource, { name: hub, location: 'westus', provisioningState: 'Creating', hubBillingInfo: { skuName: 'B0' } })
  const updated = await client.hubs.update(resourceGroup, hub, { location: 'westus', tags: { team: 'rp' } })
  t.match(updated, { tags: { team: 'rp' }, hubBillingInfo: { skuName: 'B0' } })
  t.match(await client.hubs.get(resourceGroup, hub), { name: hub, tags: { team: 'rp' } })
  t.ok((await all(client.hubs.listByResourceGroup(resourceGroup))).some((item) => item.name === hub))
  t.ok((await all(client.hubs.list())).some((item) => item.name === hub))
})

t.test('profiles, interactions, relationships and KPIs: created and waited for, read, listed, their actions', async (t) => {
  const contact = await client.profiles.beginCreateOrUpdateAndWait(resourceGroup, hub, 'Contact', {
    fields: [{ fieldName: 'ContactId', fieldType: 'Edm.String' }, { fieldName: 'Region', fieldType: 'Edm.String' }]
  })
  t.match(contact, { typeName: 'Contact', entityType: 'Profile', provisioningState: 'Succeeded', fields: [{ propertyId: 'id1' }, { propertyId: 'id2' }] })
  await client.profiles.beginCreateOrUpdateAndWait(resourceGroup, hub, 'Branch', { fields: [{ fieldName: 'BranchId', fieldType: 'Edm.String' }] })
  t.match(await client.profiles.get(resourceGroup, hub, 'Contact'), { typeName: 'Contact' })
  t.strictSame((await all(client.profiles.listByHub(resourceGroup, hub))).map((item) => item.typeName), ['Branch', 'Contact'])

  const deposit = await client.interactions.beginCreateOrUpdateAndWait(resourceGroup, hub, 'Deposit', {
    fields: [{ fieldName: 'ContactId', fieldType: 'Edm.String' }, { fieldName: 'BranchId', fieldType: 'Edm.String' }],
    participantProfiles: [
      { profileTypeName: 'Contact', participantName: 'Customer', participantPropertyReferences: [{ sourcePropertyName: 'ContactId', targetPropertyName: 'ContactId' }] },
      { profileTypeName: 'Branch', participantName: 'Branch', participantPropertyReferences: [{ sourcePropertyName: 'BranchId', targetPropertyName: 'BranchId' }] }
    ]
  })
  t.match(deposit, { entityType: 'Interaction', provisioningState: 'Succeeded' })
  t.match(await client.interactions.get(resourceGroup, hub, 'Deposit'), { typeName: 'Deposit' })
  t.equal((await all(client.interactions.listByHub(resourceGroup, hub))).length, 1)

  const relationship = await client.relationships.beginCreateOrUpdateAndWait(resourceGroup, hub, 'ContactBranch', { profileType: 'Contact', relatedProfileType: 'Branch' })
  t.match(relationship, { cardinality: 'OneToOne', provisioningState: 'Succeeded' })
  t.match(await client.relationships.get(resourceGroup, hub, 'ContactBranch'), { relationshipName: 'ContactBranch' })
  t.equal((await all(client.relationships.listByHub(resourceGroup, hub))).length, 1)
  const suggested = await client.interactions.suggestRelationshipLinks(resourceGroup, hub, 'Deposit')
  t.match(suggested, { interactionName: 'Deposit', suggestedRelationships: [{ profileName: 'Contact', existingRelationshipName: 'ContactBranch' }, { profileName: 'Branch' }] })

  const kpi = await client.kpi.beginCreateOrUpdateAndWait(resourceGroup, hub, 'Deposits', {
    entityType: 'Interaction', entityTypeName: 'Deposit', calculationWindow: 'Month', function: 'Sum', expression: 'Amount'
  })
  t.match(kpi, { kpiName: 'Deposits', participantProfilesMetadata: [{ typeName: 'Contact' }, { typeName: 'Branch' }], provisioningState: 'Succeeded' })
  t.match(await client.kpi.get(resourceGroup, hub, 'Deposits'), { kpiName: 'Deposits' })
  t.equal((await all(client.kpi.listByHub(resourceGroup, hub))).length, 1)
  t.match(await client.profiles.getEnrichingKpis(resourceGroup, hub, 'Contact'), [{ kpiName: 'Deposits' }])
  await client.kpi.reprocess(resourceGroup, hub, 'Deposits')

  await client.kpi.beginDeleteAndWait(resourceGroup, hub, 'Deposits')
  await client.relationships.beginDeleteAndWait(resourceGroup, hub, 'ContactBranch')
  await client.profiles.beginDeleteAndWait(resourceGroup, hub, 'Branch')
  await t.rejects(client.kpi.get(resourceGroup, hub, 'Deposits'), { statusCode: 404, code: 'ResourceNotFound' })
})

t.test('widget types and roles: the hub\'s catalogues', async (t) => {
  t.strictSame((await all(client.widgetTypes.listByHub(resourceGroup, hub))).map((item) => item.widgetTypeName), ['ActivityGauge', 'AsterChart'])
  t.match(await client.widgetTypes.get(resourceGroup, hub, 'ActivityGauge'), { widgetTypeName: 'ActivityGauge', widgetVersion: '2016-01-01' })
  t.ok((await all(client.roles.listByHub(resourceGroup, hub))).some((role) => role.roleName === 'DataReader'))
})

t.test('views: created, read and listed for a user, deleted', async (t) => {
  await created(t, async () => await client.views.createOrUpdate(resourceGroup, hub, 'Home', { userId: 'user1', definition: '{"widgets":[]}' }))
  const updated = await client.views.createOrUpdate(resourceGroup, hub, 'Home', { userId: 'user1', definition: '{"widgets":[1]}', displayName: { en: 'Home' } })
  t.match(updated, { viewName: 'Home', userId: 'user1', definition: '{"widgets":[1]}' })
  t.match(await client.views.get(resourceGroup, hub, 'Home', 'user1'), { viewName: 'Home' })
  t.strictSame((await all(client.views.listByHub(resourceGroup, hub, '*'))).map((item) => item.viewName), ['Home'])
  await client.views.delete(resourceGroup, hub, 'Home', 'user1')
  await t.rejects(client.views.get(resourceGroup, hub, 'Home', 'user1'), { name: 'RestError', statusCode: 404 })
})

t.test('role assignments and authorization policies: principals, keys and their regeneration', async (t) => {
  const assignment = await client.roleAssignments.beginCreateOrUpdateAndWait(resourceGroup, hub, 'Readers', {
    role: 'Reader', principals: [{ principalId: '4c54c38ffa9b416ba5a6d6c8a20cbe7e', principalType: 'User' }], profiles: { elements: ['*'] }
  })
  t.match(assignment, { assignmentName: 'Readers', provisioningState: 'Succeeded', principals: [{ principalId: '4c54c38f-fa9b-416b-a5a6-d6c8a20cbe7e' }] })
  t.match(await client.roleAssignments.get(resourceGroup, hub, 'Readers'), { role: 'Reader' })
  t.equal((await all(client.roleAssignments.listByHub(resourceGroup, hub))).length, 1)
  await client.roleAssignments.delete(resourceGroup, hub, 'Readers')

  const policy = await client.authorizationPolicies.createOrUpdate(resourceGroup, hub, 'Reader', { permissions: ['Read'] })
  t.match(policy, { policyName: 'Reader', primaryKey: /^[A-Za-z0-9+/]{43}=$/, secondaryKey: /^[A-Za-z0-9+/]{43}=$/ })
  const primary = await client.authorizationPolicies.regeneratePrimaryKey(resourceGroup, hub, 'Reader')
  t.not(primary.primaryKey, policy.primaryKey)
  t.equal(primary.secondaryKey, policy.secondaryKey)
  const secondary = await client.authorizationPolicies.regenerateSecondaryKey(resourceGroup, hub, 'Reader')
  t.not(secondary.secondaryKey, policy.secondaryKey)
  t.match(await client.authorizationPolicies.get(resourceGroup, hub, 'Reader'), { primaryKey: primary.primaryKey, secondaryKey: secondary.secondaryKey })
  t.equal((await all(client.authorizationPolicies.listByHub(resourceGroup, hub))).length, 1)
})

t.test('connectors and their mappings: created, read, listed, deleted together', async (t) => {
  const connector = await client.connectors.beginCreateOrUpdateAndWait(resourceGroup, hub, 'Blob', { connectorType: 'AzureBlob', connectorProperties: { storage: { account: 'a' } } })
  t.match(connector, { connectorId: 1, connectorName: 'Blob', state: 'Created' })
  t.match(await client.connectors.get(resourceGroup, hub, 'Blob'), { state: 'Created' })
  t.equal((await all(client.connectors.listByHub(resourceGroup, hub))).length, 1)

  const mapping: ConnectorMappingResourceFormat = {
    entityType: 'Profile',
    entityTypeName: 'Contact',
    mappingProperties: {
      errorManagement: { errorManagementType: 'StopImport' },
      format: { formatType: 'TextFormat', columnDelimiter: ',' },
      availability: { frequency: 'Hour', interval: 1 },
      structure: [{ propertyName: 'ContactId', columnName: 'id' }],
      completeOperation: { completionOperationType: 'DoNothing' }
    }
  }
  const made = await client.connectorMappings.createOrUpdate(resourceGroup, hub, 'Blob', 'Contacts', mapping)
  t.match(made, { connectorMappingName: 'Contacts', connectorType: 'AzureBlob', state: 'Created', mappingProperties: { format: { arraySeparator: ';' } } })
  t.match(await client.connectorMappings.get(resourceGroup, hub, 'Blob', 'Contacts'), { connectorName: 'Blob' })
  t.equal((await all(client.connectorMappings.listByConnector(resourceGroup, hub, 'Blob'))).length, 1)
  await client.connectorMappings.delete(resourceGroup, hub, 'Blob', 'Contacts')
  await client.connectorMappings.createOrUpdate(resourceGroup, hub, 'Blob', 'Again', mapping)
  await client.connectors.beginDeleteAndWait(resourceGroup, hub, 'Blob')
  await t.rejects(client.connectorMappings.get(resourceGroup, hub, 'Blob', 'Again'), { name: 'RestError', statusCode: 404 })
})

t.test('images: upload URLs on the emulator itself, which takes the upload', async (t) => {
  const input = { entityType: 'Profile', entityTypeName: 'Contact', relativePath: 'images/contact.png' }
  const forType = await client.images.getUploadUrlForEntityType(resourceGroup, hub, input)
  t.match(forType, { imageExists: false, relativePath: 'images/contact.png' })
  t.ok(forType.contentUrl?.startsWith(`${endpoint}/_emulator/images/`), String(forType.contentUrl))
  const forData = await client.images.getUploadUrlForData(resourceGroup, hub, input)
  const uploaded = await fetch(String(forData.contentUrl), { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'image/png' }, body: new Uint8Array(16) })
  t.equal(uploaded.status, 201)
})

t.test('predictions: created and waited for, the model\'s status set and read, training results, deleted', async (t) => {
  const prediction = await client.predictions.beginCreateOrUpdateAndWait(resourceGroup, hub, 'churn', {
    autoAnalyze: true,
    mappings: { score: 'churn_Score', grade: 'churn_Grade', reason: 'churn_Reason' },
    negativeOutcomeExpression: "Contact.Region = 'A'",
    positiveOutcomeExpression: "Contact.Region = 'B'",
    primaryProfileType: 'Contact',
    scopeExpression: '*',
    scoreLabel: 'score'
  })
  t.match(prediction, { predictionName: 'churn', provisioningState: 'Succeeded', systemGeneratedEntities: { generatedLinks: ['_predictions_link_churn'] } })
  t.match(await client.predictions.get(resourceGroup, hub, 'churn'), { predictionName: 'churn' })
  t.equal((await all(client.predictions.listByHub(resourceGroup, hub))).length, 1)
  t.match(await client.predictions.getModelStatus(resourceGroup, hub, 'churn'), { status: 'New', predictionName: 'churn' })
  await client.predictions.modelStatus(resourceGroup, hub, 'churn', { status: 'Training' })
  t.match(await client.predictions.getModelStatus(resourceGroup, hub, 'churn'), { status: 'Training' })
  t.match(await client.predictions.getTrainingResults(resourceGroup, hub, 'churn'), { scoreName: 'churn', primaryProfileInstanceCount: 0 })
  await client.predictions.beginDeleteAndWait(resourceGroup, hub, 'churn')
  await t.rejects(client.predictions.get(resourceGroup, hub, 'churn'), { name: 'RestError', statusCode: 404 })
})

t.test('hubs: deleted with everything in them', async (t) => {
  await client.hubs.beginDeleteAndWait(resourceGroup, hub)
  await t.rejects(client.hubs.get(resourceGroup, hub), { name: 'RestError', statusCode: 404 })
  await t.rejects(client.profiles.get(resourceGroup, hub, 'Contact'), { name: 'RestError', statusCode: 404 })
})
