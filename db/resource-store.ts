import { nameKey, type HubScope } from '../src/arm/ids.js'
import type { Db } from './database.js'
import { collectionPrefix, nameKeyOf, prefixEnd, resourceKey, subscriptionPrefix } from './keys.js'
import { OPERATION_COLUMNS, operationFromRow, type OperationRow, type OperationStore, type StoredOperation } from './operation-store.js'

export interface StoredResource {
  /** The resource's name as ARM compares it: lower-cased. */
  nameKey: string
  /** Minted when the resource is created and kept across updates (a relationship link's relationshipGuidId). */
  guid: string
  createdAt: number
  updatedAt: number
  /**
   * The resource as its latest PUT answered it, JSON: `properties.provisioningState` is "Provisioning" and is the
   * last member of the last object, so a read swaps in the state of the moment without parsing the rest.
   */
  body: string
  /** The operation the most recent PUT started: the resource's provisioning state is derived from it. */
  operation: StoredOperation
}

export interface PutInput {
  scope: HubScope
  name: string
  /** Kept for the resource's lifetime: used only when the PUT creates it. */
  guid: string
  operation: StoredOperation
  now: number
  /** The body the PUT answers and that is stored, given the guid the resource keeps. */
  render: (guid: string) => string
}

/** A resource's columns with its current operation's, as raw mode returns them (see OperationRow). */
type ResourceRow = [key: string, guid: string, createdAt: number, updatedAt: number, body: string, ...OperationRow]

const SELECT_RESOURCE = `
  SELECT r.key, r.guid, r.created_at, r.updated_at, r.body, ${OPERATION_COLUMNS.split(', ').map((column) => `o.${column}`).join(', ')}
  FROM resources r JOIN operations o ON o.subscription_key = r.subscription_key AND o.id = r.operation_id`

/** One ARM child resource type of a hub (links, relationship links), each resource stored as ARM shows it. */
export class ResourceStore {
  readonly #operations: OperationStore
  readonly #collection: string
  readonly #existing
  readonly #upsert
  readonly #get
  readonly #range
  readonly #scope
  readonly #delete
  readonly #db: Db

  /** `collection` is the URL segment of the resource type: `links`, `relationshipLinks`. */
  constructor (db: Db, operations: OperationStore, collection: string) {
    this.#db = db
    this.#operations = operations
    this.#collection = collection
    this.#existing = db.prepare<[string], [guid: string, createdAt: number]>('SELECT guid, created_at FROM resources WHERE key = ?').raw(true)
    // Every PUT runs this: positional parameters bind without a property lookup per name.
    this.#upsert = db.prepare<[key: string, subscriptionKey: string, operationId: string, guid: string, createdAt: number, updatedAt: number, body: string]>(`
      INSERT INTO resources (key, subscription_key, operation_id, guid, created_at, updated_at, body)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET operation_id = excluded.operation_id, updated_at = excluded.updated_at, body = excluded.body`)
    this.#get = db.prepare<[string], ResourceRow>(`${SELECT_RESOURCE} WHERE r.key = ?`).raw(true)
    this.#range = db.prepare<[{ from: string, to: string, limit: number }], ResourceRow>(
      `${SELECT_RESOURCE} WHERE r.key > @from AND r.key < @to ORDER BY r.key LIMIT @limit`).raw(true)
    this.#scope = db.prepare<[{ from: string, to: string }], ResourceRow>(
      `${SELECT_RESOURCE} WHERE r.key > @from AND r.key < @to ORDER BY r.key`).raw(true)
    this.#delete = db.prepare<[string]>('DELETE FROM resources WHERE key = ?')
  }

  /**
   * Creates or replaces the resource and records the operation its PUT started. Two statements: the caller runs it
   * inside a transaction, the write batcher's batch, so that they land together or not at all.
   */
  put (input: PutInput): { created: boolean, resource: StoredResource } {
    if (!this.#db.inTransaction) throw new Error('ResourceStore.put runs inside a transaction.')
    const key = resourceKey(input.scope, this.#collection, input.name)
    const [existingGuid, createdAt = input.now] = this.#existing.get(key) ?? []
    const guid = existingGuid ?? input.guid
    const body = input.render(guid)
    this.#operations.insert(input.operation)
    this.#upsert.run(key, nameKey(input.scope.subscriptionId), input.operation.id, guid, input.now, input.now, body)
    return {
      created: existingGuid === undefined,
      resource: { nameKey: nameKey(input.name), guid, createdAt, updatedAt: input.now, body, operation: input.operation }
    }
  }

  get (scope: HubScope, name: string): StoredResource | undefined {
    const row = this.#get.get(resourceKey(scope, this.#collection, name))
    return row === undefined ? undefined : fromRow(row)
  }

  /** One page of a hub's resources in name order, after the given name key ('' for the first page). */
  list (scope: HubScope, afterNameKey: string, limit: number): StoredResource[] {
    const prefix = collectionPrefix(scope, this.#collection)
    const from = afterNameKey === '' ? prefix : resourceKey(scope, this.#collection, afterNameKey)
    return this.#range.all({ from, to: prefixEnd(prefix), limit }).map(fromRow)
  }

  /** Every stored resource of this type, of one subscription or of all, in id order. */
  listAll (subscriptionId: string | undefined): StoredResource[] {
    const prefix = subscriptionId === undefined ? '/' : subscriptionPrefix(subscriptionId)
    // Names are escaped in keys, so the collection is the segment before the last '/'.
    const collection = `/${this.#collection.toLowerCase()}`
    return this.#scope.all({ from: prefix, to: prefixEnd(prefix) })
      .filter(([key]) => key.slice(0, key.lastIndexOf('/')).endsWith(collection))
      .map(fromRow)
  }

  delete (scope: HubScope, name: string): boolean {
    return this.#delete.run(resourceKey(scope, this.#collection, name)).changes > 0
  }
}

function fromRow ([key, guid, createdAt, updatedAt, body, ...operation]: ResourceRow): StoredResource {
  return { nameKey: nameKeyOf(key), guid, createdAt, updatedAt, body, operation: operationFromRow(operation) }
}
