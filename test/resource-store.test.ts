import t from 'tap'
import { openDatabase } from '../db/database.js'
import { escapedName, nameKeyOf, providerKey, resourceGroupKey } from '../db/keys.js'
import { OperationStore } from '../db/operation-store.js'
import { ResourceStore } from '../db/resource-store.js'
import { mapObjects } from '../src/engine/rendering.js'
import { subscriptionNotFound } from '../src/errors.js'

// The parts of storage and the shared helpers that the ARM around the provider (resource groups, subscriptions) builds on.

function storeWith (keys: string[]) {
  const db = openDatabase({ inMemory: true })
  const store = new ResourceStore(db, new OperationStore(db))
  db.transaction(() => {
    for (const key of keys) {
      store.put({
        key, type: 'T', tracked: false, subscriptionId: 's', apiVersion: '2017-04-26', guid: key, now: 0, operation: () => null, render: () => '{}'
      })
    }
  })()
  return { db, store }
}

t.test('a key names its resource: the last segment, unescaped', async (t) => {
  for (const name of ['Plain', 'with/slash', '100%', 'a%2fb']) {
    t.equal(nameKeyOf(`${providerKey('s', 'rg')}/hubs/${escapedName(name)}`), name.toLowerCase(), name)
  }
})

t.test('whether anything is stored under a key, and the distinct segments under a prefix', async (t) => {
  const group = resourceGroupKey('s', 'rg1')
  const { db, store } = storeWith([group, `${providerKey('s', 'rg1')}/hubs/h1`, `${providerKey('s', 'rg2')}/hubs/h2`,
    `${providerKey('s', 'rg2')}/hubs/h3`, `${providerKey('t', 'rg9')}/hubs/h9`])
  t.teardown(() => { db.close() })
  t.ok(store.holdsAnything(group))
  t.ok(store.holdsAnything(`${providerKey('s', 'rg2')}/hubs`))
  t.notOk(store.holdsAnything(`${providerKey('s', 'rg1')}/hubs/h1`))
  t.notOk(store.holdsAnything(resourceGroupKey('s', 'rg3')))
  t.strictSame(store.segmentsUnder('/subscriptions/'), ['s', 't'])
  t.strictSame(store.segmentsUnder('/subscriptions/s/resourcegroups/'), ['rg1', 'rg2'])
  t.strictSame(store.segmentsUnder('/subscriptions/u/'), [])
})

t.test('the shared error and rendering helpers', async (t) => {
  t.strictSame(subscriptionNotFound('s1').toBody(), { error: { code: 'SubscriptionNotFound', message: "The subscription 's1' could not be found." } })
  t.equal(subscriptionNotFound('s1').statusCode, 404)
  t.equal(mapObjects(undefined, () => ({})), undefined, 'nothing to map')
  t.strictSame(mapObjects([{ a: 1 }, 'text', [2], null], (item) => ({ ...item, b: 2 })), [{ a: 1, b: 2 }, 'text', [2], null], 'only objects are mapped')
})
