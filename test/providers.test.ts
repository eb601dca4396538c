import t from 'tap'
import { defineResourceType, type Json } from '../src/engine/resource-type.js'
import { RESOURCE_TYPES } from '../routes/registry.js'
import { hubs } from '../routes/hubs.js'
import { SUBSCRIPTION, buildTestApp, json, url } from './helpers/app.js'

const VERSION = '2021-04-01'
const PROVIDERS = `/subscriptions/${SUBSCRIPTION}/providers`
const LOCATIONS = ['East US', 'West US']

function customerInsights (resourceTypes: { resourceType: string, apiVersions: string[], capabilities: string }[]) {
  return {
    id: `${PROVIDERS}/Microsoft.CustomerInsights`,
    namespace: 'Microsoft.CustomerInsights',
    registrationState: 'Registered',
    registrationPolicy: 'RegistrationRequired',
    resourceTypes: resourceTypes.map(({ resourceType, apiVersions, capabilities }) => ({ resourceType, locations: LOCATIONS, apiVersions, capabilities }))
  }
}

const BOTH = ['2017-04-26', '2017-01-01']
const SERVED = customerInsights([
  { resourceType: 'hubs', apiVersions: BOTH, capabilities: 'SupportsTags, SupportsLocation' },
  ...['profiles', 'interactions', 'relationships', 'links', 'relationshipLinks', 'kpi', 'views', 'widgetTypes', 'roles', 'roleAssignments',
    'authorizationPolicies', 'connectors', 'connectors/mappings', 'images']
    .map((segment) => ({ resourceType: `hubs/${segment}`, apiVersions: BOTH, capabilities: 'None' })),
  { resourceType: 'hubs/predictions', apiVersions: ['2017-04-26'], capabilities: 'None' }
])

t.test('GET of Microsoft.CustomerInsights: registered, every type of the registry with its versions, 2017-04-26 first', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: url(`${PROVIDERS}/Microsoft.CustomerInsights`, VERSION) })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(response), SERVED)
  t.equal((json(response) as typeof SERVED).resourceTypes.length, RESOURCE_TYPES.length)

  const lower = await request({ method: 'GET', url: url(`${PROVIDERS}/microsoft.customerinsights`, '2016-09-01') })
  t.strictSame(json(lower), SERVED, 'the namespace matches case-insensitively')
})

t.test('the document is derived from the registry: a type added there is listed, with the versions it has', async (t) => {
  const extra = defineResourceType({
    kind: 'widget', segment: 'widgets', nameParameter: 'widgetName', parent: hubs, nameRule: { maxLength: 10 },
    versions: { '2017-04-26': hubs.versions['2017-04-26'] },
    put: { declared: [200], longRunning: false },
    properties: (definition: Json) => definition
  })
  const { request } = await buildTestApp(t, { resourceTypes: [hubs, extra] })
  t.strictSame(json(await request({ method: 'GET', url: url(`${PROVIDERS}/Microsoft.CustomerInsights`, VERSION) })), customerInsights([
    { resourceType: 'hubs', apiVersions: BOTH, capabilities: 'SupportsTags, SupportsLocation' },
    { resourceType: 'hubs/widgets', apiVersions: ['2017-04-26'], capabilities: 'None' }
  ]))
})

t.test('the provider list, registering, and a namespace the emulator does not serve', async (t) => {
  const { request } = await buildTestApp(t, { requireAuth: true })
  const list = await request({ method: 'GET', url: url(PROVIDERS, VERSION) })
  t.equal(list.statusCode, 200)
  const providers = (json(list) as { value: { namespace: string, registrationState: string, registrationPolicy: string, resourceTypes: { resourceType: string }[] }[] }).value
  t.strictSame(providers[0], SERVED)
  t.match(providers[1], {
    id: `${PROVIDERS}/Microsoft.Resources`,
    namespace: 'Microsoft.Resources',
    registrationState: 'Registered',
    registrationPolicy: 'RegistrationFree'
  })
  t.strictSame(providers[1]?.resourceTypes.map(({ resourceType }) => resourceType), ['resourceGroups', 'subscriptions', 'tenants'])
  t.equal(providers.length, 2)

  const resources = await request({ method: 'GET', url: url(`${PROVIDERS}/Microsoft.Resources`, VERSION) })
  t.strictSame(json(resources), providers[1])

  const registered = await request({ method: 'POST', url: url(`${PROVIDERS}/Microsoft.CustomerInsights/register`, VERSION) })
  t.equal(registered.statusCode, 200)
  t.strictSame(json(registered), SERVED)

  const unknown = await request({ method: 'GET', url: url(`${PROVIDERS}/Microsoft.Compute`, VERSION) })
  t.equal(unknown.statusCode, 404)
  t.strictSame(json(unknown), { error: { code: 'InvalidResourceNamespace', message: "The resource namespace 'Microsoft.Compute' is invalid." } })
  const registerUnknown = await request({ method: 'POST', url: url(`${PROVIDERS}/Microsoft.Compute/register`, VERSION) })
  t.equal(registerUnknown.statusCode, 404)

  const missing = await request({ method: 'GET', url: url(PROVIDERS, null) })
  t.equal((json(missing) as { error: { code: string } }).error.code, 'MissingApiVersionParameter')
  const { request: open } = await buildTestApp(t)
  t.equal((await open({ method: 'PUT', url: url(`${PROVIDERS}/Microsoft.CustomerInsights`, VERSION) })).statusCode, 405)
  t.equal((await open({ method: 'GET', url: url(`${PROVIDERS}/Microsoft.CustomerInsights/register`, VERSION) })).statusCode, 405)
  t.equal((await open({ method: 'DELETE', url: url(PROVIDERS, VERSION) })).statusCode, 405)
})
