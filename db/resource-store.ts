import type { HubScope } from '../src/arm/ids.js'
import { nameKey } from '../src/arm/ids.js'
import type { Db } from './database.js'
import { operationFromRow, type OperationOutcome, type OperationStore, type StoredOperation } from './operation-store.js'

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

interface ResourceRow {
  subscription_id: string
  resource_group_name: string
  hub_name: string
  name: string
  definition: string
  guid: string
  created_at: number
  updated_at: number
  op_id: string
  op_subscription_id: string
  op_resource_id: string
  op_started_at: number
  op_completes_at: number | null
  op_reads_remaining: number | null
  op_outcome: OperationOutcome
  op_error: string | null
}

const SELECT_RESOURCE = `
  SELECT r.subscription_id, r.resource_group_name, r.hub_name, r.name, r.definition, r.guid, r.created_at, r.updated_at,
         o.id AS op_id, o.subscription_id AS op_subscription_id, o.resource_id AS op_resource_id,
         o.started_at AS op_started_at, o.completes_at AS op_completes_at, o.reads_remaining AS op_reads_remaining,
         o.outcome AS op_outcome, o.error AS op_error
  FROM resources r JOIN operations o ON o.id = r.operation_id`

const HUB_MATCH = 'r.subscription_key = @sub AND r.resource_group_key = @rg AND r.hub_key = @hub AND r.resource_type = @type'

/** One ARM child resource type of a hub (links, relationship links), stored as JSON definitions. */
export class ResourceStore<D> {
  readonly #db: Db
  readonly #operations: OperationStore
  readonly #type: string
  readonly #existing
  readonly #upsert
  readonly #get
  readonly #list
  readonly #listAll
  readonly #delete

  constructor (db: Db, operations: OperationStore, resourceType: string) {
    this.#db = db
    this.#operations = operations
    this.#type = resourceType
    this.#existing = db.prepare<[KeyParams], { guid: string, created_at: number }>(
      `SELECT guid, created_at FROM resources r WHERE ${HUB_MATCH} AND r.name_key = @name`)
    this.#upsert = db.prepare<[KeyParams & UpsertParams]>(`
      INSERT INTO resources (subscription_key, resource_group_key, hub_key, resource_type, name_key,
                             subscription_id, resource_group_name, hub_name, name,
                             definition, guid, operation_id, created_at, updated_at)
      VALUES (@sub, @rg, @hub, @type, @name, @subscription_id, @resource_group_name, @hub_name, @display_name,
              @definition, @guid, @operation_id, @now, @now)
      ON CONFLICT DO UPDATE SET
        subscription_id = excluded.subscription_id, resource_group_name = excluded.resource_group_name,
        hub_name = excluded.hub_name, name = excluded.name, definition = excluded.definition,
        operation_id = excluded.operation_id, updated_at = excluded.updated_at`)
    this.#get = db.prepare<[KeyParams], ResourceRow>(`${SELECT_RESOURCE} WHERE ${HUB_MATCH} AND r.name_key = @name`)
    this.#list = db.prepare<[HubParams & { after: string, limit: number }], ResourceRow>(
      `${SELECT_RESOURCE} WHERE ${HUB_MATCH} AND r.name_key > @after ORDER BY r.name_key LIMIT @limit`)
    this.#listAll = db.prepare<[{ type: string, sub: string | null }], ResourceRow>(
      `${SELECT_RESOURCE} WHERE r.resource_type = @type AND (@sub IS NULL OR r.subscription_key = @sub)
       ORDER BY r.subscription_key, r.resource_group_key, r.hub_key, r.name_key`)
    this.#delete = db.prepare<[KeyParams]>(
      `DELETE FROM resources AS r WHERE ${HUB_MATCH} AND r.name_key = @name`)
  }

  /** Creates or replaces the resource and records the operation its PUT started, in one transaction. */
  put (input: PutInput<D>): { created: boolean, resource: StoredResource<D> } {
    const keys = this.#keys(input.scope, input.name)
    return this.#db.transaction(() => {
      const existing = this.#existing.get(keys)
      const guid = existing?.guid ?? input.guid
      this.#operations.insert(input.operation)
      this.#upsert.run({
        ...keys,
        subscription_id: input.scope.subscriptionId,
        resource_group_name: input.scope.resourceGroupName,
        hub_name: input.scope.hubName,
        display_name: input.name,
        definition: JSON.stringify(input.definition),
        guid,
        operation_id: input.operation.id,
        now: input.now
      })
      const resource: StoredResource<D> = {
        ...input.scope,
        name: input.name,
        definition: input.definition,
        guid,
        createdAt: existing?.created_at ?? input.now,
        updatedAt: input.now,
        operation: input.operation
      }
      return { created: existing === undefined, resource }
    })()
  }

  get (scope: HubScope, name: string): StoredResource<D> | undefined {
    const row = this.#get.get(this.#keys(scope, name))
    return row === undefined ? undefined : this.#fromRow(row)
  }

  /** One page in name order, starting after the given name key ('' for the first page). */
  list (scope: HubScope, afterNameKey: string, limit: number): StoredResource<D>[] {
    const { name, ...hub } = this.#keys(scope, '')
    return this.#list.all({ ...hub, after: afterNameKey, limit }).map((row) => this.#fromRow(row))
  }

  /** Every stored resource of this type, of one subscription or of all, in id order. */
  listAll (subscriptionId: string | undefined): StoredResource<D>[] {
    return this.#listAll.all({ type: this.#type, sub: subscriptionId === undefined ? null : nameKey(subscriptionId) })
      .map((row) => this.#fromRow(row))
  }

  delete (scope: HubScope, name: string): boolean {
    return this.#delete.run(this.#keys(scope, name)).changes > 0
  }

  #keys (scope: HubScope, name: string): KeyParams {
    return {
      sub: nameKey(scope.subscriptionId),
      rg: nameKey(scope.resourceGroupName),
      hub: nameKey(scope.hubName),
      type: this.#type,
      name: nameKey(name)
    }
  }

  #fromRow (row: ResourceRow): StoredResource<D> {
    return {
      subscriptionId: row.subscription_id,
      resourceGroupName: row.resource_group_name,
      hubName: row.hub_name,
      name: row.name,
      definition: JSON.parse(row.definition) as D,
      guid: row.guid,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      operation: operationFromRow({
        id: row.op_id,
        subscription_id: row.op_subscription_id,
        resource_id: row.op_resource_id,
        started_at: row.op_started_at,
        completes_at: row.op_completes_at,
        reads_remaining: row.op_reads_remaining,
        outcome: row.op_outcome,
        error: row.op_error
      })
    }
  }
}

interface HubParams { sub: string, rg: string, hub: string, type: string }
interface KeyParams extends HubParams { name: string }
interface UpsertParams {
  subscription_id: string
  resource_group_name: string
  hub_name: string
  display_name: string
  definition: string
  guid: string
  operation_id: string
  now: number
}
