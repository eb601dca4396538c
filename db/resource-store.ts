import { nameKey, type HubScope } from '../src/arm/ids.js'
import type { Db } from './database.js'
import { collectionPrefix, prefixEnd, resourceKey, subscriptionPrefix } from './keys.js'
import { ParsedDocuments } from './parsed-documents.js'
import type { OperationError, OperationOutcome, OperationStore, StoredOperation } from './operation-store.js'

export interface StoredResource<D> extends HubScope {
  name: string
  definition: D
  guid: string
  createdAt: number
  updatedAt: number
  /** The operation the most recent PUT started: the resource's provisioning state is derived from it. */
  operation: StoredOperation
}

export interface PutInput<D> {
  scope: HubScope
  name: string
  definition: D
  /** Kept for the resource's lifetime: used only when the PUT creates it. */
  guid: string
  operation: StoredOperation
  now: number
}

/** The resource's document: everything but its operation's progress, which lives with the operation. */
interface ResourceDoc<D> extends Omit<StoredResource<D>, 'operation'> {
  operation: Pick<StoredOperation, 'id' | 'subscriptionId' | 'resourceId' | 'startedAt'>
}

interface ResourceRow {
  doc: string
  completes_at: number | null
  reads_remaining: number | null
  outcome: OperationOutcome
  error: string | null
}

/** Documents kept parsed per resource type: a few list pages' worth, a few megabytes at most. */
const PARSED_DOCUMENTS = 2000

const SELECT_RESOURCE = `
  SELECT r.doc, o.completes_at, o.reads_remaining, o.outcome, o.error
  FROM resources r JOIN operations o ON o.subscription_key = r.subscription_key AND o.id = r.operation_id`

/** One ARM child resource type of a hub (links, relationship links), each resource one JSON document. */
export class ResourceStore<D> {
  readonly #operations: OperationStore
  readonly #collection: string
  readonly #documents = new ParsedDocuments<ResourceDoc<D>>(PARSED_DOCUMENTS)
  readonly #existing
  readonly #upsert
  readonly #get
  readonly #range
  readonly #scope
  readonly #delete
  readonly #put

  /** `collection` is the URL segment of the resource type: `links`, `relationshipLinks`. */
  constructor (db: Db, operations: OperationStore, collection: string) {
    this.#operations = operations
    this.#collection = collection
    // Only what a replacement keeps: SQLite reads two fields of the document faster than JavaScript parses all of it.
    this.#existing = db.prepare<[string], Pick<StoredResource<D>, 'guid' | 'createdAt'>>(
      `SELECT doc ->> '$.guid' AS guid, doc ->> '$.createdAt' AS createdAt FROM resources WHERE key = ?`)
    this.#upsert = db.prepare<[{ key: string, subscription_key: string, operation_id: string, doc: string }]>(`
      INSERT INTO resources (key, subscription_key, operation_id, doc) VALUES (@key, @subscription_key, @operation_id, @doc)
      ON CONFLICT DO UPDATE SET subscription_key = excluded.subscription_key, operation_id = excluded.operation_id, doc = excluded.doc`)
    this.#get = db.prepare<[string], ResourceRow>(`${SELECT_RESOURCE} WHERE r.key = ?`)
    this.#range = db.prepare<[{ from: string, to: string, limit: number }], ResourceRow>(
      `${SELECT_RESOURCE} WHERE r.key > @from AND r.key < @to ORDER BY r.key LIMIT @limit`)
    this.#scope = db.prepare<[{ from: string, to: string }], ResourceRow & { key: string }>(
      `SELECT r.key, r.doc, o.completes_at, o.reads_remaining, o.outcome, o.error
       FROM resources r JOIN operations o ON o.subscription_key = r.subscription_key AND o.id = r.operation_id
       WHERE r.key > @from AND r.key < @to ORDER BY r.key`)
    this.#delete = db.prepare<[string]>('DELETE FROM resources WHERE key = ?')
    // Made once: better-sqlite3 builds a transaction's wrappers anew on every db.transaction() call.
    this.#put = db.transaction((input: PutInput<D>) => this.#write(input))
  }

  /** Creates or replaces the resource and records the operation its PUT started, in one transaction (or savepoint). */
  put (input: PutInput<D>): { created: boolean, resource: StoredResource<D> } {
    return this.#put(input)
  }

  get (scope: HubScope, name: string): StoredResource<D> | undefined {
    const row = this.#get.get(resourceKey(scope, this.#collection, name))
    return row === undefined ? undefined : this.#fromRow(row)
  }

  /** One page of a hub's resources in name order, after the given resource name ('' for the first page). */
  list (scope: HubScope, afterName: string, limit: number): StoredResource<D>[] {
    const prefix = collectionPrefix(scope, this.#collection)
    const from = afterName === '' ? prefix : resourceKey(scope, this.#collection, afterName)
    return this.#range.all({ from, to: prefixEnd(prefix), limit }).map((row) => this.#fromRow(row))
  }

  /** Every stored resource of this type, of one subscription or of all, in id order. */
  listAll (subscriptionId: string | undefined): StoredResource<D>[] {
    const prefix = subscriptionId === undefined ? '/' : subscriptionPrefix(subscriptionId)
    // Names are escaped in keys, so the collection is the segment before the last '/'.
    const collection = `/${this.#collection.toLowerCase()}`
    return this.#scope.all({ from: prefix, to: prefixEnd(prefix) })
      .filter((row) => row.key.slice(0, row.key.lastIndexOf('/')).endsWith(collection))
      .map((row) => this.#fromRow(row))
  }

  delete (scope: HubScope, name: string): boolean {
    return this.#delete.run(resourceKey(scope, this.#collection, name)).changes > 0
  }

  #write (input: PutInput<D>): { created: boolean, resource: StoredResource<D> } {
    const key = resourceKey(input.scope, this.#collection, input.name)
    const existing = this.#existing.get(key)
    const resource: StoredResource<D> = {
      subscriptionId: input.scope.subscriptionId,
      resourceGroupName: input.scope.resourceGroupName,
      hubName: input.scope.hubName,
      name: input.name,
      definition: input.definition,
      guid: existing?.guid ?? input.guid,
      createdAt: existing?.createdAt ?? input.now,
      updatedAt: input.now,
      operation: input.operation
    }
    this.#operations.insert(input.operation)
    this.#upsert.run({
      key, subscription_key: nameKey(input.scope.subscriptionId), operation_id: input.operation.id, doc: JSON.stringify(docOf(resource))
    })
    return { created: existing === undefined, resource }
  }

  #fromRow (row: ResourceRow): StoredResource<D> {
    return withOperation(this.#documents.parse(row.doc), row)
  }
}

function docOf<D> (resource: StoredResource<D>): ResourceDoc<D> {
  const { id, subscriptionId, resourceId, startedAt } = resource.operation
  return { ...resource, operation: { id, subscriptionId, resourceId, startedAt } }
}

/** Built field by field, not spread: every resource then shares one object shape, which lists read much faster. */
function withOperation<D> (doc: ResourceDoc<D>, row: ResourceRow): StoredResource<D> {
  return {
    subscriptionId: doc.subscriptionId,
    resourceGroupName: doc.resourceGroupName,
    hubName: doc.hubName,
    name: doc.name,
    definition: doc.definition,
    guid: doc.guid,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    operation: {
      id: doc.operation.id,
      subscriptionId: doc.operation.subscriptionId,
      resourceId: doc.operation.resourceId,
      startedAt: doc.operation.startedAt,
      completesAt: row.completes_at,
      readsRemaining: row.reads_remaining,
      outcome: row.outcome,
      error: row.error === null ? null : JSON.parse(row.error) as OperationError
    }
  }
}
