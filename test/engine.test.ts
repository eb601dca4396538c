import t from 'tap'
import { Type } from '@sinclair/typebox'
import { renameKeys } from '../src/engine/rendering.js'
import { defineResourceType } from '../src/engine/resource-type.js'
import { CHILD_NAME } from '../src/provider/names.js'
import { Strict } from '../src/schemas/common.js'
import { hubs } from '../routes/hubs.js'
import { widgetTypes } from '../routes/widget-types.js'
import { HUB_PATH, SUBSCRIPTION, buildTestApp, json, url } from './helpers/app.js'

// What the engine offers that no type of the provider combines yet, tried on a type of its own. Its requests go through
// `app.inject`, not the tests' recorder: no swagger knows such a type.

/** A patchable type whose older version names its one property otherwise, and which counts the hub's widget types. */
const gadgets = defineResourceType({
  kind: 'gadget',
  segment: 'gadgets',
  nameParameter: 'gadgetName',
  parent: hubs,
  nameRule: CHILD_NAME,
  versions: {
    '2017-04-26': { definition: Strict({ size: Type.Optional(Type.Integer()), color: Type.Optional(Type.String()) }) },
    '2017-01-01': {
      definition: Strict({ dimension: Type.Optional(Type.Integer()), color: Type.Optional(Type.String()) }),
      toStored: (properties) => renameKeys(properties, { dimension: 'size' }),
      fromStored: (properties) => renameKeys(properties, { size: 'dimension' })
    }
  },
  put: { declared: [200, 201], longRunning: false },
  patch: true,
  properties: (definition, { name }) => ({ ...definition, gadgetName: name }),
  actions: [{ name: 'census', on: 'collection', status: 200, handle: ({ list }) => list(widgetTypes).map(({ name }) => name) }]
})

t.test('PATCH merges what it gives into the stored properties, through each version\'s shape', async (t) => {
  const { app } = await buildTestApp(t, { resourceTypes: [hubs, widgetTypes, gadgets] })
  const path = `${HUB_PATH}/gadgets/g1`
  await app.inject({ method: 'PUT', url: url(path), payload: { properties: { size: 3, color: 'red' } } })

  const older = await app.inject({ method: 'PATCH', url: url(path, '2017-01-01'), payload: { properties: { color: 'blue' } } })
  t.equal(older.statusCode, 200)
  t.strictSame(json(older), { id: path, name: 'sdkTestHub/g1', type: 'Microsoft.CustomerInsights/hubs/gadgets', properties: { dimension: 3, color: 'blue', gadgetName: 'g1' } })
  const nothing = await app.inject({ method: 'PATCH', url: url(path), payload: {} })
  t.strictSame(json(nothing), { id: path, name: 'sdkTestHub/g1', type: 'Microsoft.CustomerInsights/hubs/gadgets', properties: { size: 3, color: 'blue', gadgetName: 'g1' } })

  const missing = await app.inject({ method: 'PATCH', url: url(`${HUB_PATH}/gadgets/g2`), payload: { properties: { size: 1 } } })
  t.equal(missing.statusCode, 404)
  t.match(json(missing), { error: { code: 'ResourceNotFound' } })
})

t.test('an action lists the resources of a catalogued type as it lists stored ones', async (t) => {
  const { app } = await buildTestApp(t, { resourceTypes: [hubs, widgetTypes, gadgets] })
  const census = await app.inject({ method: 'POST', url: url(`${HUB_PATH}/gadgets/census`) })
  t.equal(census.statusCode, 200)
  t.strictSame(json(census), ['ActivityGauge', 'AsterChart'])
})

t.test('a type with no api-version cannot be defined', async (t) => {
  t.throws(() => defineResourceType({ kind: 'nothing', segment: 'nothings', nameParameter: 'nothingName', parent: hubs, nameRule: CHILD_NAME, versions: {} }),
    { message: 'The nothing type has no api-version.' })
})

t.test('a hub that does not exist cannot be patched', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'PATCH', url: url(HUB_PATH), payload: { tags: { a: 'b' } } })
  t.equal(response.statusCode, 404)
  t.match(json(response), { error: { code: 'ResourceNotFound' } })
})

t.test('hubs are listed page by page, by resource group and across the subscription', async (t) => {
  const { request } = await buildTestApp(t, { pageSize: 1 })
  for (const hub of ['hubA', 'hubB']) await request({ method: 'PUT', url: url(HUB_PATH.replace('sdkTestHub', hub)), payload: { location: 'westus' } })
  for (const collection of [HUB_PATH.replace('/sdkTestHub', ''), `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CustomerInsights/hubs`]) {
    const first = json(await request({ method: 'GET', url: url(collection) })) as { value: { name: string }[], nextLink: string }
    t.strictSame(first.value.map((hub) => hub.name), ['hubA'])
    const next = new URL(first.nextLink)
    const second = json(await request({ method: 'GET', url: `${next.pathname}${next.search}` })) as { value: { name: string }[], nextLink?: string }
    t.strictSame(second.value.map((hub) => hub.name), ['hubB'])
    t.equal(second.nextLink, undefined)
  }
})
