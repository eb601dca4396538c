import t from 'tap'
import { RESOURCE_TYPES } from '../routes/registry.js'
import { buildTestApp, json, url } from './helpers/app.js'
import { swaggerExample } from './helpers/published.js'

const OPERATIONS = '/providers/Microsoft.CustomerInsights/operations'

interface Operation { name: string, display: { provider: string, resource: string, operation: string } }

t.test('the provider lists its operations, every type\'s reads, writes, deletes and actions, in both versions', async (t) => {
  const { request } = await buildTestApp(t)
  const listed = await request({ method: 'GET', url: url(OPERATIONS) })
  t.equal(listed.statusCode, 200)
  t.equal(listed.headers['content-type'], 'application/json; charset=utf-8')
  const { value } = json(listed) as { value: Operation[] }
  t.strictSame(json(await request({ method: 'GET', url: url(OPERATIONS.toLowerCase(), '2017-01-01') })), { value })

  const byName = new Map(value.map((operation) => [operation.name, operation]))
  t.equal(byName.size, value.length, 'each once')
  // Every operation the published list shows is there, with its words where the type is the same, but the delete of an
  // authorization policy, which no swagger declares, so the emulator does not serve.
  const published = (swaggerExample('DCIOperations_List').responses['200']?.body as { value: Operation[] }).value
  for (const operation of published) {
    t.equal(byName.has(operation.name), operation.name !== 'Microsoft.CustomerInsights/hubs/authorizationPolicies/delete', operation.name)
  }
  t.strictSame(byName.get('Microsoft.CustomerInsights/hubs/authorizationPolicies/regeneratePrimaryKey/action'),
    published.find((operation) => operation.name.endsWith('regeneratePrimaryKey/action')))
  t.strictSame(byName.get('Microsoft.CustomerInsights/hubs/views/write'), published.find((operation) => operation.name.endsWith('views/write')))
  t.strictSame(byName.get('Microsoft.CustomerInsights/hubs/providers/Microsoft.Insights/diagnosticSettings/write'),
    published.find((operation) => operation.name.endsWith('diagnosticSettings/write')))

  t.strictSame(byName.get('Microsoft.CustomerInsights/hubs/predictions/getTrainingResults/action'), {
    name: 'Microsoft.CustomerInsights/hubs/predictions/getTrainingResults/action',
    display: {
      provider: 'Microsoft Azure Customer Insights',
      resource: 'Azure Customer Insights Predictions',
      operation: 'Get Azure Customer Insights Prediction training results'
    }
  })
  t.strictSame(byName.get('Microsoft.CustomerInsights/hubs/connectors/mappings/delete')?.display.operation, 'Delete Azure Customer Insights Connector Mapping')
  t.notOk(byName.has('Microsoft.CustomerInsights/hubs/interactions/delete'), 'interaction types are not deleted')
  t.notOk(byName.has('Microsoft.CustomerInsights/hubs/images/read'), 'images are not read, only their actions run')
  t.ok(byName.has('Microsoft.CustomerInsights/hubs/images/getDataImageUploadUrl/action'))
  t.ok(byName.has('Microsoft.CustomerInsights/hubs/roles/read'))
  t.notOk(byName.has('Microsoft.CustomerInsights/hubs/roles/write'))
  for (const type of RESOURCE_TYPES) t.ok(value.some((operation) => operation.name.startsWith(`${type.type}/`)), type.type)
})

t.test('the operations list checks the api-version and answers GET only', async (t) => {
  const { request } = await buildTestApp(t)
  t.match(json(await request({ method: 'GET', url: OPERATIONS })), { error: { code: 'MissingApiVersionParameter' } })
  const unknown = await request({ method: 'GET', url: url(OPERATIONS, '2016-01-01') })
  t.equal(unknown.statusCode, 400)
  t.match(json(unknown), { error: { code: 'NoRegisteredProviderFound', message: /for type 'operations'/ } })
  t.equal((await request({ method: 'POST', url: url(OPERATIONS) })).statusCode, 405)
  const { request: unchecked } = await buildTestApp(t, { apiVersionCheck: false })
  t.equal((await unchecked({ method: 'GET', url: OPERATIONS })).statusCode, 200)
})
