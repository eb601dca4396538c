import type { ApiVersion } from '../src/arm/api-version.js'
import type { Db } from './database.js'
import { prefixEnd, subscriptionPrefix } from './keys.js'
import { OPERATION_COLUMNS, operationFromRow, type OperationRow, type OperationStore, type StoredOperation } from './operation-store.js'

/** `V`: the api-versions of the resource's type; the provider's by default, ARM's own for a resource group. */
export interface StoredResource<V extends string = ApiVersion> {
  /** The resource's ARM id as stored: lower-cased, names escaped (db/keys.ts). */
  key: string
  /** The ARM type, `Microsoft.CustomerInsights/hubs/links`. */
  type: string
  /** The api-version its body is written in. */
  apiVersion: V
  /** Minted when the resource is created and kept across updates. */
  guid: string
  createdAt: number
  updatedAt: number
  /**
   * The resource as its latest PUT answered it, JSON. A type that provisions has its state as the last member of the
   * last object, written as running, so a read swaps in the state of the moment without parsing the rest.
   */
  body: string
  /** The operation whose course the resource's provisioning state follows; null for a type that does not provision. */
  operation: StoredOperation | null
}

/** What a PUT's body is rendered from besides its definition: the identity the resource keeps, and what it was. */
export interface Identity {
  guid: string
  createdAt: number
  /** The resource before this PUT, undefined on create; read only when asked for. */
  previous: () => StoredResource | undefined
}

export interface PutInput<V extends string = ApiVersion> {
  key: string
  type: string
  tracked: boolean
  subscriptionId: string
  apiVersion: V
  /** Kept for the resource's lifetime: used only when the PUT creates it. */
  guid: string
  now: number
  /** The operation this PUT starts, given whether it creates the resource; null: the resource keeps the one it has, if any. */
  operation: (created: boolean) => StoredOperation | null
  /** The body the PUT answers and that is stored. */
  render: (identity: Identity) => string
}

/**
 * A resource's columns with its operation's, as raw mode returns them: an array (see OperationRow). The operation's
 * columns are null for a resource without one.
 */
type ResourceRow = [key: string, type: string, apiVersion: ApiVersion, guid: string, createdAt: number, updatedAt: number, body: string,
  ...(OperationRow | Nulls<OperationRow>)]

type Nulls<T extends unknown[]> = { [K in keyof T]: null }

const SELECT_RESOURCE = `
  SELECT r.key, r.type, r.api_version, r.guid, r.created_at, r.updated_at, r.body,
    ${OPERATION_COLUMNS.split(', ').map((column) => `o.${column}`).join(', ')}
  FROM resources r LEFT JOIN operations o ON o.subscription_key = r.subscription_key AND o.id = r.operation_id`

/**
 * Every resource the emulator keeps, of every type, in one table keyed by its ARM id: a hub's collection, a hub and
 * everything under it, a resource group, a subscription are each one range of keys.
 */
export class ResourceStore {
  readonly #db: Db
  readonly #operations: OperationStore
  readonly #existing
  readonly #upsert
  readonly #setBody
  readonly #hidden
  readonly #setHidden
  readonly #get
  readonly #typeAt
  readonly #page
  readonly #trackedPage
  readonly #trackedPageOf
  readonly #ofType
  readonly #anyIn
  readonly #firstIn
  readonly #firstAfter
  readonly #all
  readonly #deleteRange

  constructor (db: Db, operations: OperationStore) {
    this.#db = db
    this.#operations = operations
    this.#existing = db.prepare<[string], [guid: string, createdAt: number]>('SELECT guid, created_at FROM resources WHERE key = ?').raw(true)
    // Every PUT runs this: positional parameters bind without a property lookup per name.
    this.#upsert = db.prepare<[key: string, type: string, tracked: number, subscriptionKey: string, operationId: string | null,
      apiVersion: string, guid: string, createdAt: number, updatedAt: number, body: string]>(`
      INSERT INTO resources (key, type, tracked, subscription_key, operation_id, api_version, guid, created_at, updated_at, body)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET operation_id = coalesce(excluded.operation_id, resources.operation_id),
        api_version = excluded.api_version, updated_at = excluded.updated_at, body = excluded.body`)
    this.#setBody = db.prepare<[body: string, apiVersion: string, updatedAt: number, key: string]>(
      'UPDATE resources SET body = ?, api_version = ?, updated_at = ? WHERE key = ?')
    // Read and written only by the actions of types that keep hidden state: no other statement touches the column.
    this.#hidden = db.prepare<[string], [hidden: string | null]>('SELECT hidden FROM resources WHERE key = ?').raw(true)
    this.#setHidden = db.prepare<[hidden: string, key: string]>('UPDATE resources SET hidden = ? WHERE key = ?')
    this.#get = db.prepare<[string], ResourceRow>(`${SELECT_RESOURCE} WHERE r.key = ?`).raw(true)
    this.#typeAt = db.prepare<[string], [type: string]>('SELECT type FROM resources WHERE key = ?').raw(true)
    this.#page = db.prepare<[{ from: string, to: string, type: string, limit: number }], ResourceRow>(
      `${SELECT_RESOURCE} WHERE r.key > @from AND r.key < @to AND r.type = @type ORDER BY r.key LIMIT @limit`).raw(true)
    // Only resource groups and hubs enter the partial index of tracked resources: listing them across a subscription
    // does not read through everything under them.
    this.#trackedPage = db.prepare<[{ from: string, to: string, type: string, limit: number }], ResourceRow>(
      `${SELECT_RESOURCE} WHERE r.tracked = 1 AND r.key > @from AND r.key < @to AND r.type = @type ORDER BY r.key LIMIT @limit`).raw(true)
    // The same over several types at once (the top-level types of the provider), named by a JSON array.
    this.#trackedPageOf = db.prepare<[{ from: string, to: string, types: string, limit: number }], ResourceRow>(`${SELECT_RESOURCE}
      WHERE r.tracked = 1 AND r.key > @from AND r.key < @to AND r.type IN (SELECT value FROM json_each(@types)) ORDER BY r.key LIMIT @limit`).raw(true)
    this.#ofType = db.prepare<[{ from: string, to: string, type: string }], ResourceRow>(
      `${SELECT_RESOURCE} WHERE r.key > @from AND r.key < @to AND r.type = @type ORDER BY r.key`).raw(true)
    this.#anyIn = db.prepare<[string, string], [number]>('SELECT 1 FROM resources WHERE key > ? AND key < ? LIMIT 1').raw(true)
    this.#firstIn = db.prepare<[string, string], ResourceRow>(`${SELECT_RESOURCE} WHERE r.key > ? AND r.key < ? ORDER BY r.key LIMIT 1`).raw(true)
    this.#firstAfter = db.prepare<[string], [key: string]>('SELECT key FROM resources WHERE key > ? ORDER BY key LIMIT 1').raw(true)
    this.#all = db.prepare<[{ from: string, to: string }], ResourceRow>(`${SELECT_RESOURCE} WHERE r.key > @from AND r.key < @to ORDER BY r.key`).raw(true)
    this.#deleteRange = db.prepare<[key: string, from: string, to: string]>('DELETE FROM resources WHERE key = ? OR (key > ? AND key < ?)')
  }

  /**
   * Creates or replaces the resource and records the operation its PUT started. Two statements: the caller runs it
   * inside a transaction, the write batcher's batch, so that they land together or not at all.
   */
  put<V extends string = ApiVersion> (input: PutInput<V>): { created: boolean, resource: StoredResource<V> } {
    if (!this.#db.inTransaction) throw new Error('ResourceStore.put runs inside a transaction.')
    const [existingGuid, createdAt = input.now] = this.#existing.get(input.key) ?? []
    const guid = existingGuid ?? input.guid
    // Read only when asked for (an update of a link needs none), and before anything is written.
    let previous: StoredResource | undefined
    const previously = (): StoredResource | undefined => existingGuid === undefined ? undefined : (previous ??= this.get(input.key))
    const started = input.operation(existingGuid === undefined)
    const body = input.render({ guid, createdAt, previous: previously })
    const operation = started ?? previously()?.operation ?? null
    if (started !== null) this.#operations.insert(started)
    this.#upsert.run(input.key, input.type, input.tracked ? 1 : 0, input.subscriptionId.toLowerCase(), started?.id ?? null,
      input.apiVersion, guid, input.now, input.now, body)
    return {
      created: existingGuid === undefined,
      resource: {
        key: input.key,
        type: input.type,
        apiVersion: input.apiVersion,
        guid,
        createdAt,
        updatedAt: input.now,
        body,
        operation
      }
    }
  }

  /** Replaces a resource's body (an action that changes it), keeping its operation; false when it is not there. */
  replaceBody (key: string, body: string, apiVersion: ApiVersion, now: number): boolean {
    return this.#setBody.run(body, apiVersion, now, key).changes > 0
  }

  /** What is kept of a resource beside its body (JSON); undefined when nothing is, or the resource is not there. */
  hiddenOf (key: string): string | undefined {
    return this.#hidden.get(key)?.[0] ?? undefined
  }

  /** Keeps something beside a resource's body, replacing what was. */
  setHidden (key: string, hidden: string): void {
    this.#setHidden.run(hidden, key)
  }

  get (key: string): StoredResource | undefined {
    const row = this.#get.get(key)
    return row === undefined ? undefined : fromRow(row)
  }

  /** The type of what is stored at the key, if anything. */
  typeAt (key: string): string | undefined {
    return this.#typeAt.get(key)?.[0]
  }

  /** One page of a collection's resources of one type in key order, after the given key ('' for the first page). */
  page (prefix: string, type: string, afterKey: string, limit: number): StoredResource[] {
    return this.#page.all({ from: afterKey === '' ? prefix : afterKey, to: prefixEnd(prefix), type, limit }).map(fromRow)
  }

  /** The same for a tracked type (resource groups, hubs) over a scope that holds more than them. */
  trackedPage (prefix: string, type: string, afterKey: string, limit: number): StoredResource[] {
    return this.#trackedPage.all({ from: afterKey === '' ? prefix : afterKey, to: prefixEnd(prefix), type, limit }).map(fromRow)
  }

  /** One page of the tracked resources of any of the given types, in key order. */
  trackedPageOf (prefix: string, types: readonly string[], afterKey: string, limit: number): StoredResource[] {
    return this.#trackedPageOf.all({ from: afterKey === '' ? prefix : afterKey, to: prefixEnd(prefix), types: JSON.stringify(types), limit }).map(fromRow)
  }

  /** Every resource of a type under the prefix, in key order. */
  ofType (prefix: string, type: string): StoredResource[] {
    return this.#ofType.all({ from: prefix, to: prefixEnd(prefix), type }).map(fromRow)
  }

  /** Whether anything is stored under the key (the key followed by '/'). */
  holdsAnything (key: string): boolean {
    const prefix = `${key}/`
    return this.#anyIn.get(prefix, prefixEnd(prefix)) !== undefined
  }

  /** The first resource stored under the key (the key followed by '/'), in key order. */
  firstUnder (key: string): StoredResource | undefined {
    const prefix = `${key}/`
    const row = this.#firstIn.get(prefix, prefixEnd(prefix))
    return row === undefined ? undefined : fromRow(row)
  }

  /**
   * The distinct next segment of the keys under a prefix (which ends with '/'): the subscriptions under `/subscriptions/`,
   * the resource groups under a subscription's `…/resourcegroups/`. A skip scan, one seek per value found.
   */
  segmentsUnder (prefix: string): string[] {
    const segments: string[] = []
    let after = prefix
    for (;;) {
      const key = this.#firstAfter.get(after)?.[0]
      if (key === undefined || !key.startsWith(prefix)) return segments
      // A key under the prefix holds at least the segment: split always has a first part.
      const segment = key.slice(prefix.length).split('/', 1)[0] as string
      segments.push(segment)
      after = prefixEnd(`${prefix}${segment}/`)
    }
  }

  /** Every stored resource, of one subscription or of all, in key order. */
  listAll (subscriptionId: string | undefined): StoredResource[] {
    const prefix = subscriptionId === undefined ? '/' : subscriptionPrefix(subscriptionId)
    return this.#all.all({ from: prefix, to: prefixEnd(prefix) }).map(fromRow)
  }

  /** Deletes a resource and everything under it; how many resources were deleted. */
  deleteTree (key: string): number {
    const prefix = `${key}/`
    return this.#deleteRange.run(key, prefix, prefixEnd(prefix)).changes
  }
}

function fromRow ([key, type, apiVersion, guid, createdAt, updatedAt, body, ...operation]: ResourceRow): StoredResource {
  return {
    key,
    type,
    apiVersion,
    guid,
    createdAt,
    updatedAt,
    body,
    operation: operation[0] === null ? null : operationFromRow(operation)
  }
}
