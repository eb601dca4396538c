import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import Database from 'better-sqlite3'
import { DATABASE_FILE_NAME, SchemaTooNewError, openDatabase } from '../db/database.js'
import { migrations } from '../db/migrations/index.js'
import { HUB, HUB_PATH, ManualClock, buildTestApp, json, url } from './helpers/app.js'
import { minimalLinkDefinition, minimalRelationshipLinkDefinition } from './helpers/fixtures.js'

const definition = minimalLinkDefinition
const relationshipDefinition = minimalRelationshipLinkDefinition

function dataDir (): string {
  return mkdtempSync(join(tmpdir(), 'ci-emulator-'))
}

t.test('resources survive closing and reopening the app on the same data directory', async (t) => {
  const dir = dataDir()
  const first = await buildTestApp({ teardown: () => undefined }, { storage: { inMemory: false, dataDir: dir } })
  await first.request({ method: 'PUT', url: url(`${HUB_PATH}/links/Kept`), payload: { properties: definition } })
  const relationship = json(await first.request({ method: 'PUT', url: url(`${HUB_PATH}/relationshipLinks/KeptToo`), payload: { properties: relationshipDefinition } }))
  await first.request({ method: 'PUT', url: url(`${HUB_PATH}/links/Dropped`), payload: { properties: definition } })
  await first.request({ method: 'DELETE', url: url(`${HUB_PATH}/links/Dropped`) })
  first.clock.advance(1000)
  const before = json(await first.request({ method: 'GET', url: url(`${HUB_PATH}/links/Kept`) }))
  await first.app.close()

  const second = await buildTestApp(t, { storage: { inMemory: false, dataDir: dir } })
  second.clock.advance(1000)
  t.strictSame(json(await second.request({ method: 'GET', url: url(`${HUB_PATH}/links/Kept`) })), before)
  t.match(json(await second.request({ method: 'GET', url: url(`${HUB_PATH}/relationshipLinks/KeptToo`) })), {
    properties: { relationshipGuidId: (relationship as { properties: { relationshipGuidId: string } }).properties.relationshipGuidId }
  })
  t.equal((await second.request({ method: 'GET', url: url(`${HUB_PATH}/links/Dropped`) })).statusCode, 404)
  await second.app.close()

  const raw = new Database(join(dir, DATABASE_FILE_NAME), { readonly: true })
  t.teardown(() => raw.close())
  t.equal(raw.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(raw.pragma('user_version', { simple: true }), migrations.at(-1)?.version)
  const hubKey = '/subscriptions/c909e979-ef71-4def-a970-bc7c154db8c5/resourcegroups/testhubrg/providers/microsoft.customerinsights/hubs/sdktesthub'
  t.strictSame(raw.prepare("SELECT key, body ->> '$.name' AS name, body ->> '$.properties.provisioningState' AS state FROM resources ORDER BY key").all(), [
    { key: `${hubKey}/links/kept`, name: `${HUB}/Kept`, state: 'Provisioning' },
    { key: `${hubKey}/relationshiplinks/kepttoo`, name: `${HUB}/KeptToo`, state: 'Provisioning' }
  ], 'each resource as its PUT answered it; the state of the moment is derived from its operation')
})

t.test('a restart in the middle of provisioning neither loses nor freezes it', async (t) => {
  const dir = dataDir()
  const clock = new ManualClock()
  const first = await buildTestApp({ teardown: () => undefined }, { storage: { inMemory: false, dataDir: dir }, now: clock.now, provisioningDelayMs: 5000 })
  const put = await first.request({ method: 'PUT', url: url(`${HUB_PATH}/links/Midway`), payload: { properties: definition } })
  const status = new URL(String(put.headers['azure-asyncoperation']))
  clock.advance(2000)
  await first.app.close()

  const second = await buildTestApp(t, { storage: { inMemory: false, dataDir: dir }, now: clock.now, provisioningDelayMs: 5000 })
  t.match(json(await second.request({ method: 'GET', url: url(`${HUB_PATH}/links/Midway`) })), { properties: { provisioningState: 'Provisioning' } })
  t.match(json(await second.request({ method: 'GET', url: `${status.pathname}${status.search}` })), { status: 'InProgress' })
  clock.advance(3000)
  t.match(json(await second.request({ method: 'GET', url: url(`${HUB_PATH}/links/Midway`) })), { properties: { provisioningState: 'Succeeded' } })
  t.match(json(await second.request({ method: 'GET', url: `${status.pathname}${status.search}` })), { status: 'Succeeded' })
})

t.test('a database from a newer schema is refused and left untouched', async (t) => {
  const dir = dataDir()
  const file = join(dir, DATABASE_FILE_NAME)
  const newer = new Database(file)
  newer.pragma('user_version = 99')
  newer.exec('CREATE TABLE future (x)')
  newer.close()
  const bytes = readFileSync(file)

  t.throws(() => openDatabase({ inMemory: false, dataDir: dir }), new SchemaTooNewError(99, migrations.at(-1)?.version ?? 0, file))
  t.ok(readFileSync(file).equals(bytes), 'the file is byte for byte what it was')
})

t.test('a file that is not a database is refused and left untouched', async (t) => {
  const dir = dataDir()
  const file = join(dir, DATABASE_FILE_NAME)
  writeFileSync(file, 'this is not a SQLite database, it only has its name'.repeat(100))
  const bytes = readFileSync(file)
  t.throws(() => openDatabase({ inMemory: false, dataDir: dir }), { code: 'SQLITE_NOTADB' })
  t.ok(readFileSync(file).equals(bytes))
})

t.test('migrations are applied in order, once, each in its own transaction', async (t) => {
  const dir = dataDir()
  const extra = [...migrations, { version: migrations.length + 1, name: 'extra', sql: 'CREATE TABLE extra (x INTEGER)' }]
  openDatabase({ inMemory: false, dataDir: dir }).close()
  const upgraded = openDatabase({ inMemory: false, dataDir: dir }, extra)
  t.equal(upgraded.pragma('user_version', { simple: true }), extra.length)
  t.strictSame(upgraded.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").all(), [{ name: 'extra' }])
  upgraded.close()

  const broken = [...extra, { version: extra.length + 1, name: 'broken', sql: 'CREATE TABLE half (x); THIS IS NOT SQL' }]
  t.throws(() => openDatabase({ inMemory: false, dataDir: dir }, broken))
  const after = openDatabase({ inMemory: false, dataDir: dir }, extra)
  t.equal(after.pragma('user_version', { simple: true }), extra.length, 'the failed migration left nothing behind')
  t.strictSame(after.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all(), [])
  after.close()
})

t.test('a database of schema version 2 is migrated with its resources and operations', async (t) => {
  const dir = dataDir()
  const old = openDatabase({ inMemory: false, dataDir: dir }, migrations.slice(0, 2))
  const insertOperation = old.prepare(`INSERT INTO operations (id, subscription_key, subscription_id, resource_id, started_at, completes_at, reads_remaining, outcome, error)
    VALUES (?, ?, ?, ?, ?, ?, NULL, 'Succeeded', NULL)`)
  const insertResource = old.prepare(`INSERT INTO resources (subscription_key, resource_group_key, hub_key, resource_type, name_key, subscription_id,
    resource_group_name, hub_name, name, definition, guid, operation_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  insertOperation.run('op-1', 'sub-a', 'SUB-A', '/x', 1000, 2000)
  insertOperation.run('op-2', 'sub-a', 'SUB-A', '/y', 1000, 9_999_999_999_999)
  insertResource.run('sub-a', 'rg', 'hub', 'Microsoft.CustomerInsights/hubs/links', 'old', 'SUB-A', 'RG', 'Hub', 'Old',
    JSON.stringify(definition), 'guid-1', 'op-1', 1000, 1000)
  insertResource.run('sub-a', 'rg', 'hub', 'Microsoft.CustomerInsights/hubs/relationshipLinks', 'oldrel', 'SUB-A', 'RG', 'Hub', 'OldRel',
    JSON.stringify(relationshipDefinition), 'guid-2', 'op-2', 1000, 1000)
  old.close()

  const { app, request } = await buildTestApp(t, { storage: { inMemory: false, dataDir: dir } })
  t.strictSame(json(await request({ method: 'GET', url: url('/subscriptions/sub-a/resourceGroups/rg/providers/Microsoft.CustomerInsights/hubs/hub/links/old') })), {
    id: '/subscriptions/SUB-A/resourceGroups/RG/providers/Microsoft.CustomerInsights/hubs/Hub/links/Old',
    name: 'Hub/Old',
    type: 'Microsoft.CustomerInsights/hubs/links',
    properties: { ...definition, referenceOnly: false, tenantId: 'hub', linkName: 'Old', provisioningState: 'Succeeded' }
  })
  t.strictSame(json(await request({ method: 'GET', url: url('/subscriptions/sub-a/resourceGroups/rg/providers/Microsoft.CustomerInsights/hubs/hub/relationshipLinks/oldrel') })), {
    id: '/subscriptions/SUB-A/resourceGroups/RG/providers/Microsoft.CustomerInsights/hubs/Hub/relationshipLinks/OldRel',
    name: 'Hub/OldRel',
    type: 'Microsoft.CustomerInsights/hubs/relationshipLinks',
    properties: { ...relationshipDefinition, tenantId: 'hub', linkName: 'OldRel', provisioningState: 'Provisioning' }
  }, 'relationshipGuidId leaves the stored body')
  const kept = app.stores.resources.get('/subscriptions/sub-a/resourcegroups/rg/providers/microsoft.customerinsights/hubs/hub/relationshiplinks/oldrel')
  t.match(kept, { type: 'Microsoft.CustomerInsights/hubs/relationshipLinks', apiVersion: '2017-04-26', guid: 'guid-2' }, 'the identity is kept')
})

t.test('a second emulator on a data directory in use fails at start, and the first carries on', async (t) => {
  const dir = dataDir()
  const first = await buildTestApp(t, { storage: { inMemory: false, dataDir: dir } })
  await t.rejects(buildTestApp({ teardown: () => undefined }, { storage: { inMemory: false, dataDir: dir } }), { code: 'SQLITE_BUSY' })
  t.equal((await first.request({ method: 'PUT', url: url(`${HUB_PATH}/links/StillMine`), payload: { properties: definition } })).statusCode, 201)
})

t.test('a resource write outside a transaction is refused, so its two statements never land apart', async (t) => {
  const { app } = await buildTestApp(t)
  const operation = { id: 'op', kind: 'put' as const, subscriptionId: 'sub', resourceId: '/x', startedAt: 0, completesAt: 0, readsRemaining: null, outcome: 'Succeeded' as const, error: null }
  const key = '/subscriptions/sub/resourcegroups/rg/providers/microsoft.customerinsights/hubs/hub/links/outside'
  t.throws(() => app.stores.resources.put({
    key, type: 'Microsoft.CustomerInsights/hubs/links', tracked: false, subscriptionId: 'sub', apiVersion: '2017-04-26', guid: 'g', now: 0,
    operation: () => operation, render: () => '{}'
  }), new Error('ResourceStore.put runs inside a transaction.'))
  t.equal(app.stores.resources.get(key), undefined)
  t.equal(app.stores.operations.get('sub', 'op'), undefined)
})
