import type { Db } from './database.js'

interface Pending {
  work: () => unknown
  resolve: (value: unknown) => void
  reject: (reason: unknown) => void
}

/**
 * Group commit: the writes that requests ask for within one turn of the event loop run in one transaction, and every
 * request is answered only once that transaction has committed. Each write sees the ones before it, and one that fails
 * is rolled back alone; what is acknowledged is on disk either way, but a burst of writes costs one commit, not one each.
 *
 * A batch first runs its writes one after the other. Only if one throws is the batch rolled back and run again with each
 * write in a savepoint of its own, so that the failure is undone alone: a savepoint on every write would copy each page
 * it touches into a statement journal, a third of the cost of a create. So a write may run twice, and must do nothing
 * outside the database.
 */
export class WriteBatcher {
  #queue: Pending[] = []
  /** The batch's transaction and each write's savepoint, made once: better-sqlite3 builds four wrappers per call. */
  readonly #inTransaction
  readonly #inSavepoint

  constructor (db: Db) {
    this.#inTransaction = db.transaction((run: () => void) => { run() })
    this.#inSavepoint = db.transaction((work: () => unknown) => work())
  }

  /** Runs a synchronous write in the next batch; resolves with its result once the batch has committed. */
  async run<T> (work: () => T): Promise<T> {
    return await new Promise<T>((resolve, reject) => {
      if (this.#queue.length === 0) setImmediate(() => { this.#flush() })
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
    })
  }

  #flush (): void {
    const batch = this.#queue
    this.#queue = []
    const values: unknown[] = []
    try {
      this.#inTransaction(() => {
        for (const { work } of batch) values.push(work())
      })
    } catch {
      // A write or the commit failed, and nothing of the batch is stored: each write is tried again on its own.
      this.#flushEachInSavepoint(batch)
      return
    }
    for (const [index, { resolve }] of batch.entries()) resolve(values[index])
  }

  #flushEachInSavepoint (batch: Pending[]): void {
    const settle: (() => void)[] = []
    try {
      this.#inTransaction(() => {
        for (const { work, resolve, reject } of batch) {
          try {
            const value = this.#inSavepoint(work)
            settle.push(() => { resolve(value) })
          } catch (error) {
            settle.push(() => { reject(error) })
          }
        }
      })
    } catch (error) {
      // The commit itself failed: nothing of the batch is stored, so every write fails.
      for (const { reject } of batch) reject(error)
      return
    }
    for (const answer of settle) answer()
  }
}
