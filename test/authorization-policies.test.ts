import t from 'tap'
import { HUB, HUB_PATH, RESOURCE_GROUP, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'

const POLICIES = `${HUB_PATH}/authorizationPolicies`

/** Keys counted up, 44 characters of base64 as the service's are, so bodies can be asserted exactly. */
function sequentialKeys (): () => string {
  let next = 0
  return () => Buffer.from(`key-${String(++next).padStart(28, '0')}`).toString('base64')
}
const KEY = (n: number) => Buffer.from(`key-${String(n).padStart(28, '0')}`).toString('base64')

function policyResource (name: string, properties: Record<string, unknown>) {
  return { id: `${POLICIES}/${name}`, name: `${HUB}/${name}`, type: 'Microsoft.CustomerInsights/hubs/authorizationPolicies', properties }
}

t.test('a new policy gets a primary and a secondary key; an update keeps them', async (t) => {
  const { app, request } = await buildTestApp(t, { newKey: sequentialKeys() })
  const created = await request({ method: 'PUT', url: url(`${POLICIES}/testPolicy4222`), payload: { properties: { permissions: ['Read', 'Write', 'Manage'], policyName: 'x' } } })
  t.equal(created.statusCode, 201, 'AuthorizationPolicies_CreateOrUpdate declares 201')
  t.equal(KEY(1).length, 44)
  const keys = { primaryKey: KEY(1), secondaryKey: KEY(2) }
  t.strictSame(json(created), policyResource('testPolicy4222', { permissions: ['Read', 'Write', 'Manage'], policyName: 'testPolicy4222', ...keys }))

  const updated = await request({ method: 'PUT', url: url(`${POLICIES}/testPolicy4222`, '2017-01-01'), payload: { properties: { permissions: ['Read'] } } })
  t.equal(updated.statusCode, 200)
  t.strictSame(json(updated), policyResource('testPolicy4222', { permissions: ['Read'], policyName: 'testPolicy4222', ...keys }))
  t.strictSame(storedBody(storedAt(app, `${POLICIES}/testPolicy4222`)), json(updated))
})

t.test('keys a client gives are kept as given, on create and on update', async (t) => {
  const { request } = await buildTestApp(t, { newKey: sequentialKeys() })
  const created = await request({ method: 'PUT', url: url(`${POLICIES}/mine`), payload: { properties: { permissions: ['Read'], primaryKey: 'cHJpbWFyeQ==' } } })
  t.strictSame(json(created), policyResource('mine', { permissions: ['Read'], policyName: 'mine', primaryKey: 'cHJpbWFyeQ==', secondaryKey: KEY(1) }))
  const updated = await request({ method: 'PUT', url: url(`${POLICIES}/mine`), payload: { properties: { permissions: ['Read'], secondaryKey: 'c2Vjb25kYXJ5' } } })
  t.strictSame(json(updated), policyResource('mine', { permissions: ['Read'], policyName: 'mine', primaryKey: 'cHJpbWFyeQ==', secondaryKey: 'c2Vjb25kYXJ5' }))
})

t.test('regenerating a key replaces that key only, answers the policy and stores it', async (t) => {
  const { app, request } = await buildTestApp(t, { newKey: sequentialKeys() })
  await request({ method: 'PUT', url: url(`${POLICIES}/testPolicy4222`), payload: { properties: { permissions: ['Read'] } } })

  const primary = await request({ method: 'POST', url: url(`${POLICIES}/testPolicy4222/regeneratePrimaryKey`) })
  t.equal(primary.statusCode, 200)
  t.equal(primary.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(primary), { permissions: ['Read'], policyName: 'testPolicy4222', primaryKey: KEY(3), secondaryKey: KEY(2) })

  const secondary = await request({ method: 'POST', url: url(`${POLICIES}/TESTPOLICY4222/regenerateSecondaryKey`, '2017-01-01') })
  t.equal(secondary.statusCode, 200)
  t.strictSame(json(secondary), { permissions: ['Read'], policyName: 'testPolicy4222', primaryKey: KEY(3), secondaryKey: KEY(4) })

  const got = await request({ method: 'GET', url: url(`${POLICIES}/testPolicy4222`) })
  t.strictSame(json(got), policyResource('testPolicy4222', { permissions: ['Read'], policyName: 'testPolicy4222', primaryKey: KEY(3), secondaryKey: KEY(4) }))
  t.strictSame(storedBody(storedAt(app, `${POLICIES}/testPolicy4222`)), json(got))
  const listed = await request({ method: 'GET', url: url(POLICIES) })
  t.strictSame(json(listed), { value: [json(got)] })
})

t.test('the emulator\'s own keys are 32 random bytes, base64, different each time', async (t) => {
  const { request } = await buildTestApp(t)
  const created = json(await request({ method: 'PUT', url: url(`${POLICIES}/p`), payload: { properties: { permissions: ['Read'] } } })) as { properties: { primaryKey: string, secondaryKey: string } }
  t.match(created.properties.primaryKey, /^[A-Za-z0-9+/]{43}=$/)
  t.equal(Buffer.from(created.properties.primaryKey, 'base64').length, 32)
  t.not(created.properties.primaryKey, created.properties.secondaryKey)
})

t.test('regenerating a key of a policy that does not exist is a 404, and writes nothing', async (t) => {
  const { app, request } = await buildTestApp(t)
  const response = await request({ method: 'POST', url: url(`${POLICIES}/missing/regeneratePrimaryKey`) })
  t.equal(response.statusCode, 404)
  t.strictSame(json(response), {
    error: { code: 'ResourceNotFound', message: `The Resource 'Microsoft.CustomerInsights/hubs/${HUB}/authorizationPolicies/missing' under resource group '${RESOURCE_GROUP}' was not found.` }
  })
  t.equal(storedAt(app, `${POLICIES}/missing`), undefined)
})

t.test('permissions are required, each once, from Read, Write and Manage; the name follows the swagger\'s rule', async (t) => {
  const { request } = await buildTestApp(t)
  for (const properties of [{}, { permissions: ['Read', 'Read'] }, { permissions: ['Admin'] }]) {
    const response = await request({ method: 'PUT', url: url(`${POLICIES}/p`), payload: { properties } })
    t.equal(response.statusCode, 400, JSON.stringify(properties))
    t.match(json(response), { error: { code: 'ValidationFailed', message: /^The authorization policy definition is invalid\./ } })
  }
  for (const name of ['-p', 'p-', `p${'x'.repeat(50)}`]) {
    const response = await request({ method: 'PUT', url: url(`${POLICIES}/${name}`), payload: { properties: { permissions: ['Read'] } } })
    t.equal(response.statusCode, 400, name)
    t.match(json(response), { error: { code: 'InvalidResourceName', target: 'authorizationPolicyName' } })
  }
  for (const name of ['p', 'Root.Manage_Shared-Key1']) {
    t.equal((await request({ method: 'PUT', url: url(`${POLICIES}/${name}`), payload: { properties: { permissions: ['Read'] } } })).statusCode, 201, name)
  }
  t.equal((await request({ method: 'DELETE', url: url(`${POLICIES}/p`) })).statusCode, 405, 'the swagger declares no delete')
})
