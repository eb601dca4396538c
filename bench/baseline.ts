// The thinnest server doing the emulator's work, for `npm run bench` to compare against: bare Fastify, the same
// TypeBox body schema, one better-sqlite3 upsert per PUT and one indexed select per GET, WAL, on disk.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Fastify from 'fastify'
import Database from 'better-sqlite3'
import { Type } from '@sinclair/typebox'
import { LinkDefinition } from '../src/schemas/link.js'

const [port = '0', dataDir = 'bench-baseline-data'] = process.argv.slice(2)
mkdirSync(dataDir, { recursive: true })
const db = new Database(join(dataDir, 'baseline.sqlite'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.exec('CREATE TABLE IF NOT EXISTS links (hub TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (hub, name)) WITHOUT ROWID')
const upsert = db.prepare<[string, string, string]>('INSERT INTO links (hub, name, body) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET body = excluded.body')
const select = db.prepare<[string, string], { body: string }>('SELECT body FROM links WHERE hub = ? AND name = ?')
const page = db.prepare<[string], { body: string }>('SELECT body FROM links WHERE hub = ? ORDER BY name LIMIT 100')

const LinkPutBody = Type.Object({ properties: LinkDefinition }, { additionalProperties: false })
const HUB = '/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/Microsoft.CustomerInsights/hubs/:hubName'
interface Params { hubName: string, linkName: string }

const app = Fastify()
app.get('/health', async () => ({ status: 'Healthy' }))
app.put(`${HUB}/links/:linkName`, { schema: { body: LinkPutBody } }, async (request, reply) => {
  const { hubName, linkName } = request.params as Params
  const body = JSON.stringify({ name: `${hubName}/${linkName}`, properties: (request.body as { properties: unknown }).properties })
  upsert.run(hubName, linkName, body)
  return reply.type('application/json').send(body)
})
app.get(`${HUB}/links/:linkName`, async (request, reply) => {
  const { hubName, linkName } = request.params as Params
  const row = select.get(hubName, linkName)
  if (row === undefined) return reply.code(404).send({ error: { code: 'ResourceNotFound', message: 'not found' } })
  return reply.type('application/json').send(row.body)
})
app.get(`${HUB}/links`, async (request, reply) => {
  const rows = page.all((request.params as Params).hubName)
  return reply.type('application/json').send(`{"value":[${rows.map((row) => row.body).join(',')}]}`)
})
await app.listen({ host: '127.0.0.1', port: Number(port) })
process.on('SIGTERM', () => { void app.close().then(() => { db.close() }) })
