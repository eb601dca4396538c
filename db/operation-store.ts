import type { Db } from './database.js'

export type OperationOutcome = 'Succeeded' | 'Failed'

export interface OperationError {
  code: string
  message: string
}

/** A PUT's provisioning, or a delete whose result a client may still poll for (the `service` profile). */
export type OperationKind = 'put' | 'delete'

export interface StoredOperation {
  id: string
  kind: OperationKind
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

/**
 * An operation's columns, OPERATION_COLUMNS, as better-sqlite3's raw mode returns them: an array. Raw rows spare each
 * read what an object row costs, a property name interned per column and a dictionary-mode object per row.
 */
export type OperationRow = [
  id: string,
  kind: OperationKind,
  subscriptionId: string,
  resourceId: string,
  startedAt: number,
  completesAt: number | null,
  readsRemaining: number | null,
  outcome: OperationOutcome,
  error: string | null
]

export const OPERATION_COLUMNS = 'id, kind, subscription_id, resource_id, started_at, completes_at, reads_remaining, outcome, error'

export function operationFromRow ([id, kind, subscriptionId, resourceId, startedAt, completesAt, readsRemaining, outcome, error]: OperationRow): StoredOperation {
  return {
    id,
    kind,
    subscriptionId,
    resourceId,
    startedAt,
    completesAt,
    readsRemaining,
    outcome,
    error: error === null ? null : JSON.parse(error) as OperationError
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
  readonly #result

  constructor (db: Db) {
    // Every PUT runs this: positional parameters bind without a property lookup per name.
    this.#insert = db.prepare<[subscriptionKey: string, ...OperationRow, result: string | null]>(`
      INSERT INTO operations (subscription_key, ${OPERATION_COLUMNS}, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.#result = db.prepare<[string, string], [string | null]>('SELECT result FROM operations WHERE subscription_key = ? AND id = ?').raw(true)
    this.#get = db.prepare<[string, string], OperationRow>(
      `SELECT ${OPERATION_COLUMNS} FROM operations WHERE subscription_key = ? AND id = ?`).raw(true)
    this.#find = db.prepare<[string], OperationRow>(`SELECT ${OPERATION_COLUMNS} FROM operations WHERE id = ?`).raw(true)
    // A read of an operation that completes after N reads: the first N reads count down, the next one completes it.
    this.#read = db.prepare<[{ sub: string, id: string, now: number }], OperationRow>(`
      UPDATE operations SET
        completes_at = CASE WHEN reads_remaining <= 0 THEN @now ELSE NULL END,
        reads_remaining = CASE WHEN reads_remaining <= 0 THEN NULL ELSE reads_remaining - 1 END
      WHERE subscription_key = @sub AND id = @id AND completes_at IS NULL AND reads_remaining IS NOT NULL
      RETURNING ${OPERATION_COLUMNS}`).raw(true)
    this.#complete = db.prepare<[{ sub: string, id: string, now: number, outcome: OperationOutcome, error: string | null }], OperationRow>(`
      UPDATE operations SET completes_at = @now, reads_remaining = NULL, outcome = @outcome, error = @error
      WHERE subscription_key = @sub AND id = @id AND (completes_at IS NULL OR completes_at > @now)
      RETURNING ${OPERATION_COLUMNS}`).raw(true)
    this.#pending = db.prepare<[{ now: number }], OperationRow>(
      `SELECT ${OPERATION_COLUMNS} FROM operations WHERE completes_at IS NULL OR completes_at > @now ORDER BY started_at, id`).raw(true)
  }

  /**
   * Records a new operation; callers run it inside their own transaction. `result` is what polling a finished delete
   * answers: the deleted resource's last body.
   */
  insert (operation: StoredOperation, result: string | null = null): void {
    this.#insert.run(operation.subscriptionId.toLowerCase(), operation.id, operation.kind, operation.subscriptionId, operation.resourceId,
      operation.startedAt, operation.completesAt, operation.readsRemaining, operation.outcome,
      operation.error === null ? null : JSON.stringify(operation.error), result)
  }

  /** The body a finished delete's polling answers, as it was stored with the operation. */
  resultOf (operation: StoredOperation): string | null {
    return this.#result.get(operation.subscriptionId.toLowerCase(), operation.id)?.[0] ?? null
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
