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
  /** When the operation reaches its outcome; null while it waits to be completed by hand or by reads. */
  completesAt: number | null
  /** Reads still to come before it completes, when it completes after a number of reads. */
  readsRemaining: number | null
  outcome: OperationOutcome
  error: OperationError | null
}

export interface OperationRow {
  id: string
  subscription_id: string
  resource_id: string
  started_at: number
  completes_at: number | null
  reads_remaining: number | null
  outcome: OperationOutcome
  error: string | null
}

export const OPERATION_COLUMNS = 'id, subscription_id, resource_id, started_at, completes_at, reads_remaining, outcome, error'

export function operationFromRow (row: OperationRow): StoredOperation {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    resourceId: row.resource_id,
    startedAt: row.started_at,
    completesAt: row.completes_at,
    readsRemaining: row.reads_remaining,
    outcome: row.outcome,
    error: row.error === null ? null : JSON.parse(row.error) as OperationError
  }
}

/** The asynchronous operations that PUTs start, read back through the operation-status resource. */
export class OperationStore {
  readonly #insert
  readonly #get
  readonly #find
  readonly #read
  readonly #complete
  readonly #pending

  constructor (db: Db) {
    this.#insert = db.prepare<[OperationRow & { subscription_key: string }]>(`
      INSERT INTO operations (id, subscription_key, subscription_id, resource_id, started_at, completes_at, reads_remaining, outcome, error)
      VALUES (@id, @subscription_key, @subscription_id, @resource_id, @started_at, @completes_at, @reads_remaining, @outcome, @error)`)
    this.#get = db.prepare<[string, string], OperationRow>(
      `SELECT ${OPERATION_COLUMNS} FROM operations WHERE subscription_key = ? AND id = ?`)
    this.#find = db.prepare<[string], OperationRow>(`SELECT ${OPERATION_COLUMNS} FROM operations WHERE id = ?`)
    // A read of an operation that completes after N reads: the first N reads count down, the next one completes it.
    this.#read = db.prepare<[{ sub: string, id: string, now: number }], OperationRow>(`
      UPDATE operations SET
        completes_at = CASE WHEN reads_remaining <= 0 THEN @now ELSE NULL END,
        reads_remaining = CASE WHEN reads_remaining <= 0 THEN NULL ELSE reads_remaining - 1 END
      WHERE subscription_key = @sub AND id = @id AND completes_at IS NULL AND reads_remaining IS NOT NULL
      RETURNING ${OPERATION_COLUMNS}`)
    this.#complete = db.prepare<[{ sub: string, id: string, now: number, outcome: OperationOutcome, error: string | null }], OperationRow>(`
      UPDATE operations SET completes_at = @now, reads_remaining = NULL, outcome = @outcome, error = @error
      WHERE subscription_key = @sub AND id = @id AND (completes_at IS NULL OR completes_at > @now)
      RETURNING ${OPERATION_COLUMNS}`)
    this.#pending = db.prepare<[{ now: number }], OperationRow>(
      `SELECT ${OPERATION_COLUMNS} FROM operations WHERE completes_at IS NULL OR completes_at > @now ORDER BY started_at, id`)
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
      reads_remaining: operation.readsRemaining,
      outcome: operation.outcome,
      error: operation.error === null ? null : JSON.stringify(operation.error)
    })
  }

  get (subscriptionId: string, id: string): StoredOperation | undefined {
    const row = this.#get.get(subscriptionId.toLowerCase(), id)
    return row === undefined ? undefined : operationFromRow(row)
  }

  /** The operation with this id, whatever its subscription: a scan, for the control endpoints only. */
  find (id: string): StoredOperation | undefined {
    const row = this.#find.get(id)
    return row === undefined ? undefined : operationFromRow(row)
  }

  /**
   * Counts one read of an operation that completes after a number of reads, and returns it as it now is;
   * any other operation is returned as it was.
   */
  read (operation: StoredOperation, now: number): StoredOperation {
    if (operation.completesAt !== null || operation.readsRemaining === null) return operation
    const row = this.#read.get({ sub: operation.subscriptionId.toLowerCase(), id: operation.id, now })
    /* c8 ignore next -- the row matches the check above; nothing runs between them on this one thread */
    return row === undefined ? operation : operationFromRow(row)
  }

  /** Ends a running operation now; undefined when it is no longer running. */
  complete (operation: StoredOperation, now: number, outcome: OperationOutcome, error: OperationError | null): StoredOperation | undefined {
    const row = this.#complete.get({
      sub: operation.subscriptionId.toLowerCase(), id: operation.id, now, outcome, error: error === null ? null : JSON.stringify(error)
    })
    return row === undefined ? undefined : operationFromRow(row)
  }

  /** Operations still running, oldest first. */
  pending (now: number): StoredOperation[] {
    return this.#pending.all({ now }).map(operationFromRow)
  }
}
