import type { Db } from './database.js'

export type OperationOutcome = 'Succeeded' | 'Failed'

export interface OperationError {
  code: string
  message: string
}

export interface StoredOperation {
  id: string
  subscriptionId: string
  resourceId: string
  startedAt: number
  /** When the operation reaches its outcome. */
  completesAt: number
  outcome: OperationOutcome
  error: OperationError | null
}

interface OperationRow {
  id: string
  subscription_id: string
  resource_id: string
  started_at: number
  completes_at: number
  outcome: OperationOutcome
  error: string | null
}

export function operationFromRow (row: OperationRow): StoredOperation {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    resourceId: row.resource_id,
    startedAt: row.started_at,
    completesAt: row.completes_at,
    outcome: row.outcome,
    error: row.error === null ? null : JSON.parse(row.error) as OperationError
  }
}

/** The asynchronous operations that PUTs start, read back through the operation-status resource. */
export class OperationStore {
  readonly #insert
  readonly #get

  constructor (db: Db) {
    this.#insert = db.prepare<[OperationRow & { subscription_key: string }]>(`
      INSERT INTO operations (id, subscription_key, subscription_id, resource_id, started_at, completes_at, outcome, error)
      VALUES (@id, @subscription_key, @subscription_id, @resource_id, @started_at, @completes_at, @outcome, @error)`)
    this.#get = db.prepare<[string, string], OperationRow>(`
      SELECT id, subscription_id, resource_id, started_at, completes_at, outcome, error
      FROM operations WHERE subscription_key = ? AND id = ?`)
  }

  /** Records a new operation; callers run it inside their own transaction. */
  insert (operation: StoredOperation): void {
    this.#insert.run({
      id: operation.id,
      subscription_key: operation.subscriptionId.toLowerCase(),
      subscription_id: operation.subscriptionId,
      resource_id: operation.resourceId,
      started_at: operation.startedAt,
      completes_at: operation.completesAt,
      outcome: operation.outcome,
      error: operation.error === null ? null : JSON.stringify(operation.error)
    })
  }

  get (subscriptionId: string, id: string): StoredOperation | undefined {
    const row = this.#get.get(subscriptionId.toLowerCase(), id)
    return row === undefined ? undefined : operationFromRow(row)
  }
}
