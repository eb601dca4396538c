// What the engine offers a description that the provider's types do not all use yet: read-only catalogues, actions
// with bodies that change a resource, collection actions, and properties computed from what a resource was.
import t from 'tap'
import { Type } from '@sinclair/typebox'
import type { ResourceStore, StoredResource } from '../db/resource-store.js'
import { hubs } from '../routes/hubs.js'
import { links } from '../routes/links.js'
import { mapObjects, renameKeys, storedProperties } from '../src/engine/rendering.js'
import { PROVISIONING_STATE, defineResourceType, type Json } from '../src/engine/resource-type.js'
import { storedResourceLister } from '../src/engine/stored-resources.js'
import { Strict, StringEnum } from '../src/schemas/common.js'
import { HUB, HUB_PATH, RESOURCE_GROUP, START, SUBSCRIPTION, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'

/** A read-only catalogue, the same in every hub (as a hub's roles are). */
const roles = defineResourceType({
  kind: 'role',
  segment: 'roles',
  nameParameter: 'roleName',
  parent: hubs,
  nameRule: { maxLength: 64 },
  versions: { '2017-04-26': { definition: Type.Object({}) } },
  catalogue: (names) => [
    { name: 'Admin', properties: { roleName: 'Admin', description: `Administers ${names[0] as string}` } },
    { name: 'Reader', properties: { roleName: 'Reader', description: `Reads ${names[0] as string}` } }
  ],
  properties: (definition) => definition,
  references: () => []
})

/** A type that keeps a generated key across updates, and an action that replaces it. */
const policies = defineResourceType({
  kind: 'policy',
  segment: 'policies',
  nameParameter: 'policyName',
  parent: hubs,
  // No pattern: only a length.
  nameRule: { maxLength: 8 },
  versions: { '2017-04-26': { definition: Strict({ note: Type.Optional(Type.String()) }) } },
  put: { declared: [200, 201], longRunning: false },
  delete: { declared: [200], longRunning: false },
  properties: (definition, { name, guid, previous, newKey }) => ({
    ...definition,
    policyName: name,
    policyId: guid,
    primaryKey: previous()?.primaryKey ?? newKey()
  }),
  actions: [
    {
      name: 'regenerateKey',
      on: 'item',
      status: 200,
      writes: true,
      body: { '2017-04-26': Strict({ keyType: StringEnum(['Primary'] as const) }) },
      bodyName: 'key to regenerate',
      handle: ({ resource, update, newKey, body }) => {
        const properties = { ...resource?.properties, primaryKey: newKey(), regenerated: body.keyType }
        update(properties)
        return properties
      }
    },
    {
      name: 'summary',
      on: 'collection',
      status: 200,
      handle: ({ list, names, origin, now, apiVersion }) => ({
        hub: names[0],
        roles: list(roles).map(({ name }) => name),
        policies: list(policies).map(({ name }) => name),
        links: list(links).map(({ name, properties }) => [name, properties.provisioningState, properties.sourceEntityTypeName]),
        url: `${origin}/somewhere`,
        at: new Date(now).toISOString(),
        apiVersion
      })
    }
  ]
})

/** A tracked type at the top of a group whose older version names a property otherwise. */
const sites = defineResourceType({
  kind: 'site',
  segment: 'sites',
  nameParameter: 'siteName',
  parent: null,
  nameRule: { maxLength: 20 },
  tracked: true,
  patch: true,
  versions: {
    '2017-04-26': { definition: Strict({ size: Type.Optional(Type.Integer()) }) },
    '2017-01-01': {
      definition: Strict({ capacity: Type.Optional(Type.Integer()) }),
      toStored: (properties) => renameKeys(properties, { capacity: 'size' }),
      fromStored: (properties) => renameKeys(properties, { size: 'capacity' })
    }
  },
  put: { declared: [200, 201], longRunning: false },
  properties: (definition) => definition
})

/** An untracked type at the top of a group, listed and counted by a collection action. */
const notes = defineResourceType({
  kind: 'note',
  segment: 'notes',
  nameParameter: 'noteName',
  parent: null,
  nameRule: { maxLength: 20 },
  versions: { '2017-04-26': { definition: Strict({ text: Type.Optional(Type.String()) }) } },
  put: { declared: [200, 201], longRunning: false },
  properties: (definition) => definition,
  actions: [{ name: 'count', on: 'collection', status: 200, handle: ({ list }) => ({ count: list(notes).length }) }]
})

const TYPES = [hubs, links, roles, policies, sites, notes]
const PROVIDER = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.CustomerInsights`

t.test('a catalogue answers GET and list in every hub, from its description; a name it does not hold is a 404', async (t) => {
  const { app, request } = await buildTestApp(t, { resourceTypes: TYPES })
  const role = await request({ method: 'GET', url: url(`${HUB_PATH}/roles/admin`) })
  t.equal(role.statusCode, 200)
  t.equal(role.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(role), {
    id: `${HUB_PATH}/roles/Admin`, name: `${HUB}/Admin`, type: 'Microsoft.CustomerInsights/hubs/roles', properties: { roleName: 'Admin', description: `Administers ${HUB}` }
  })
  const list = await request({ method: 'GET', url: url(`${HUB_PATH}/roles`) })
  t.strictSame((json(list) as { value: { name: string }[] }).value.map(({ name }) => name), [`${HUB}/Admin`, `${HUB}/Reader`])
  const missing = await request({ method: 'GET', url: url(`${HUB_PATH}/roles/Owner`) })
  t.equal(missing.statusCode, 404)
  t.strictSame(json(missing), {
    error: { code: 'ResourceNotFound', message: `The Resource 'Microsoft.CustomerInsights/hubs/${HUB}/roles/Owner' under resource group '${RESOURCE_GROUP}' was not found.` }
  })
  t.equal((await request({ method: 'PUT', url: url(`${HUB_PATH}/roles/Admin`), payload: {} })).statusCode, 405, 'nothing is written')
  t.strictSame(app.stores.resources.listAll(undefined), [])
})

t.test('properties computed from the resource before the PUT: a key generated once, kept by updates', async (t) => {
  const { app, request } = await buildTestApp(t, { resourceTypes: TYPES, newKey: undefined })
  const created = await request({ method: 'PUT', url: url(`${HUB_PATH}/policies/main`), payload: { properties: { note: 'first' } } })
  t.equal(created.statusCode, 201)
  const first = (json(created) as { properties: { primaryKey: string, policyId: string } }).properties
  t.match(first.primaryKey, /^[A-Za-z0-9+/]{43}=$/, 'the default: 32 random bytes, base64')
  const updated = await request({ method: 'PUT', url: url(`${HUB_PATH}/policies/MAIN`), payload: { properties: { note: 'second' } } })
  t.equal(updated.statusCode, 200)
  t.strictSame((json(updated) as { properties: unknown }).properties, { note: 'second', policyName: 'MAIN', policyId: first.policyId, primaryKey: first.primaryKey })
  t.strictSame(storedBody(storedAt(app, `${HUB_PATH}/policies/main`)), json(updated))

  const long = await request({ method: 'PUT', url: url(`${HUB_PATH}/policies/muchtoolong`), payload: { properties: {} } })
  t.equal(long.statusCode, 400)
  t.strictSame(json(long), {
    error: { code: 'InvalidResourceName', message: "The resource name 'muchtoolong' is invalid. It must be from 1 to 8 characters long.", target: 'policyName' }
  })
})

t.test('an item action with a body changes its resource in a write; a strict delete skips the catalogues', async (t) => {
  let key = 0
  const { app, clock, request } = await buildTestApp(t, { resourceTypes: TYPES, newKey: () => `key${++key}`, references: 'strict' })
  await request({ method: 'PUT', url: `/subscriptions/${SUBSCRIPTION}/resourcegroups/${RESOURCE_GROUP}?api-version=2021-04-01`, payload: { location: 'westus' } })
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  const created = await request({ method: 'PUT', url: url(`${HUB_PATH}/policies/main`), payload: { properties: {} } })
  const { policyId } = (json(created) as { properties: { policyId: string } }).properties
  clock.advance(1000)

  const invalid = await request({ method: 'POST', url: url(`${HUB_PATH}/policies/main/regenerateKey`), payload: { keyType: 'Secondary' } })
  t.equal(invalid.statusCode, 400)
  t.match(json(invalid), { error: { code: 'ValidationFailed', message: /^The key to regenerate is invalid\./, target: 'keyType' } })
  const regenerated = await request({ method: 'POST', url: url(`${HUB_PATH}/policies/main/regenerateKey`), payload: { keyType: 'Primary' } })
  t.equal(regenerated.statusCode, 200)
  t.equal(regenerated.headers['content-type'], 'application/json; charset=utf-8')
  const properties = { policyName: 'main', policyId, primaryKey: 'key2', regenerated: 'Primary' }
  t.strictSame(json(regenerated), properties)
  const stored = storedAt(app, `${HUB_PATH}/policies/main`)
  t.strictSame(storedBody(stored), { id: `${HUB_PATH}/policies/main`, name: `${HUB}/main`, type: 'Microsoft.CustomerInsights/hubs/policies', properties })
  t.equal(stored?.updatedAt, START + 1000, 'changed when the action ran')
  const missing = await request({ method: 'POST', url: url(`${HUB_PATH}/policies/none/regenerateKey`), payload: { keyType: 'Primary' } })
  t.equal(missing.statusCode, 404)

  t.equal((await request({ method: 'GET', url: url(`${HUB_PATH}/policies/main`) })).statusCode, 200)
  t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/policies/main`) })).statusCode, 200, 'a catalogue names nothing that holds it back')
})

t.test('a collection action sees the hub\'s resources, each in the stored shape and its state of the moment, and its catalogues', async (t) => {
  const { clock, request } = await buildTestApp(t, { resourceTypes: TYPES })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/policies/main`), payload: { properties: {} } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/links/Done`, '2017-01-01'), payload: { properties: { sourceInteractionType: 'Visit', targetProfileType: 'Contact', participantPropertyReferences: [] } } })
  clock.advance(1000)
  const link = { sourceEntityType: 'None', targetEntityType: 'None', sourceEntityTypeName: 'a', targetEntityTypeName: 'b', participantPropertyReferences: [] }
  await request({ method: 'PUT', url: url(`${HUB_PATH}/links/Failing`), payload: { properties: link }, headers: { 'x-emulator-provisioning': '{"outcome":"Failed","delayMs":0}' } })
  await request({ method: 'PUT', url: url(`${HUB_PATH}/links/Running`), payload: { properties: link } })
  const summary = await request({ method: 'POST', url: url(`${HUB_PATH}/policies/summary`) })
  t.equal(summary.statusCode, 200)
  t.strictSame(json(summary), {
    hub: HUB,
    roles: ['Admin', 'Reader'],
    policies: ['main'],
    links: [['Done', 'Succeeded', 'Visit'], ['Failing', 'Failed', 'a'], ['Running', 'Provisioning', 'a']],
    url: 'http://localhost:80/somewhere',
    at: new Date(clock.time).toISOString(),
    apiVersion: '2017-04-26'
  })
})

t.test('a tracked top-level type in two shapes: a PUT without properties, a PATCH in the older version', async (t) => {
  const { request } = await buildTestApp(t, { resourceTypes: TYPES })
  const created = await request({ method: 'PUT', url: url(`${PROVIDER}/sites/site1`, '2017-01-01'), payload: { location: 'westus' } })
  t.equal(created.statusCode, 201)
  t.strictSame(json(created), { id: `${PROVIDER}/sites/site1`, name: 'site1', type: 'Microsoft.CustomerInsights/sites', location: 'westus', tags: {}, properties: {} })
  const patched = await request({ method: 'PATCH', url: url(`${PROVIDER}/sites/site1`, '2017-01-01'), payload: { properties: { capacity: 3 } } })
  t.strictSame((json(patched) as { properties: unknown }).properties, { capacity: 3 })
  const again = await request({ method: 'PATCH', url: url(`${PROVIDER}/sites/site1`, '2017-01-01'), payload: { tags: { a: 'b' } } })
  t.strictSame(json(again), { id: `${PROVIDER}/sites/site1`, name: 'site1', type: 'Microsoft.CustomerInsights/sites', location: 'westus', tags: { a: 'b' }, properties: { capacity: 3 } })
  t.strictSame((json(await request({ method: 'GET', url: url(`${PROVIDER}/sites/site1`) })) as { properties: unknown }).properties, { size: 3 })
})

t.test('an untracked top-level type is listed in its group, and a collection action of it sees the group\'s', async (t) => {
  const { request } = await buildTestApp(t, { resourceTypes: TYPES })
  for (const name of ['b', 'a']) await request({ method: 'PUT', url: url(`${PROVIDER}/notes/${name}`), payload: { properties: { text: name } } })
  const listed = json(await request({ method: 'GET', url: url(`${PROVIDER}/notes`) })) as { value: { name: string }[] }
  t.strictSame(listed.value.map(({ name }) => name), ['a', 'b'])
  t.strictSame(json(await request({ method: 'POST', url: url(`${PROVIDER}/notes/count`) })), { count: 2 })
})

t.test('the rendering helpers leave what is not theirs to change as it is', async (t) => {
  t.equal(mapObjects(undefined, () => ({})), undefined)
  t.strictSame(mapObjects(['a', [1], null, { b: 1 }], (item) => ({ ...item, c: 2 })), ['a', [1], null, { b: 1, c: 2 }])
  const body = JSON.stringify({ properties: { a: 1 } })
  t.strictSame(storedProperties(roles, body, '2017-01-01'), { a: 1 }, 'a version the type does not have: as stored')
  t.throws(() => defineResourceType({ ...roles, parent: hubs, versions: {}, properties: (definition: Json) => definition }),
    { message: 'The role type has no api-version.' })
})

t.test('the control listing shows a resource of a provisioning type without an operation as it is stored', async (t) => {
  const provisioned = defineResourceType({ ...policies, provisioning: PROVISIONING_STATE })
  const row: StoredResource = {
    key: 'k', type: provisioned.type, apiVersion: '2017-04-26', guid: 'g', createdAt: 0, updatedAt: 0, operation: null,
    body: JSON.stringify({ id: 'x', properties: { provisioningState: 'Provisioning' } })
  }
  const lister = storedResourceLister([provisioned], { listAll: () => [row] } as unknown as ResourceStore)
  t.strictSame(lister(undefined, 0), [{ id: 'x', properties: { provisioningState: 'Provisioning' } }])
})
