import t from 'tap'
import { HUB_PATH, SUBSCRIPTION, buildTestApp, json, url } from './helpers/app.js'
import { minimalLinkDefinition } from './helpers/fixtures.js'

const DEFAULT_SUBSCRIPTION = 'c1a0c1a0-0000-4000-8000-000000000001'
const TENANT = 'c1a0c1a0-0000-4000-8000-0000000000f0'

function subscription (id: string, tenantId = TENANT) {
  return {
    id: `/subscriptions/${id}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: id,
    tenantId,
    displayName: 'Customer Insights emulator',
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' }
  }
}

t.test('GET /subscriptions: the default subscription, then every one that holds resources, all enabled', async (t) => {
  const { request } = await buildTestApp(t)
  const empty = await request({ method: 'GET', url: '/subscriptions?api-version=2019-11-01' })
  t.equal(empty.statusCode, 200)
  t.equal(empty.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(empty), { value: [subscription(DEFAULT_SUBSCRIPTION)] })

  await request({ method: 'PUT', url: url(`${HUB_PATH}/links/link1`), payload: { properties: minimalLinkDefinition } })
  await request({ method: 'PUT', url: '/subscriptions/0AAAAAAA-0000-4000-8000-000000000009/resourcegroups/rg?api-version=2021-04-01', payload: { location: 'westus' } })
  await request({ method: 'PUT', url: `/subscriptions/${DEFAULT_SUBSCRIPTION}/resourcegroups/rg?api-version=2021-04-01`, payload: { location: 'westus' } })
  const held = await request({ method: 'GET', url: '/subscriptions?api-version=2022-12-01' })
  t.strictSame(json(held), {
    value: [subscription(DEFAULT_SUBSCRIPTION), subscription('0aaaaaaa-0000-4000-8000-000000000009'), subscription(SUBSCRIPTION)]
  }, 'key order after the default, each once')
})

t.test('GET /subscriptions/{id}: the default one, or one that holds resources; any other is not found', async (t) => {
  const { request } = await buildTestApp(t)
  const own = await request({ method: 'GET', url: `/subscriptions/${DEFAULT_SUBSCRIPTION.toUpperCase()}?api-version=2022-12-01` })
  t.equal(own.statusCode, 200)
  t.strictSame(json(own), subscription(DEFAULT_SUBSCRIPTION))

  const missing = await request({ method: 'GET', url: `/subscriptions/${SUBSCRIPTION}?api-version=2022-12-01` })
  t.equal(missing.statusCode, 404)
  t.strictSame(json(missing), { error: { code: 'SubscriptionNotFound', message: `The subscription '${SUBSCRIPTION}' could not be found.` } })

  await request({ method: 'PUT', url: url(`${HUB_PATH}/links/link1`), payload: { properties: minimalLinkDefinition } })
  const held = await request({ method: 'GET', url: `/subscriptions/${SUBSCRIPTION}?api-version=2022-12-01` })
  t.equal(held.statusCode, 200)
  t.strictSame(json(held), subscription(SUBSCRIPTION))
})

t.test('GET /tenants: the one tenant', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: '/tenants?api-version=2019-11-01' })
  t.equal(response.statusCode, 200)
  t.strictSame(json(response), {
    value: [{
      id: `/tenants/${TENANT}`,
      tenantId: TENANT,
      countryCode: 'US',
      displayName: 'Customer Insights emulator',
      domains: ['customerinsights.localhost'],
      tenantCategory: 'Home',
      defaultDomain: 'customerinsights.localhost',
      tenantType: 'AAD'
    }]
  })
})

t.test('the subscription and the tenant are options; the lists need no token and an api-version ARM knows', async (t) => {
  const subscriptionId = 'aaaaaaaa-0000-4000-8000-000000000001'
  const tenantId = 'bbbbbbbb-0000-4000-8000-000000000002'
  const { request } = await buildTestApp(t, { subscriptionId, tenantId, requireAuth: true })
  t.strictSame(json(await request({ method: 'GET', url: '/subscriptions?api-version=2016-06-01' })), { value: [subscription(subscriptionId, tenantId)] })
  t.equal((json(await request({ method: 'GET', url: '/tenants?api-version=2016-06-01' })) as { value: [{ tenantId: string }] }).value[0].tenantId, tenantId)

  const missing = await request({ method: 'GET', url: '/subscriptions' })
  t.equal(missing.statusCode, 400)
  t.equal((json(missing) as { error: { code: string } }).error.code, 'MissingApiVersionParameter')
  const unknown = await request({ method: 'GET', url: `/subscriptions/${subscriptionId}?api-version=2017-04-26` })
  t.equal(unknown.statusCode, 400)
  t.match(json(unknown), { error: { code: 'InvalidApiVersionParameter', message: /^The api-version '2017-04-26' is invalid. The supported versions are '2022-12-01,2021-01-01,/ } })

  const { request: open } = await buildTestApp(t)
  t.equal((await open({ method: 'DELETE', url: '/tenants?api-version=2016-06-01' })).statusCode, 405)
  t.equal((await open({ method: 'PUT', url: `/subscriptions/${subscriptionId}?api-version=2016-06-01` })).statusCode, 405)
  t.equal((await open({ method: 'POST', url: '/subscriptions?api-version=2016-06-01' })).statusCode, 405)
})
