/** One request the emulator answered, as the journal keeps it. */
export interface JournalEntry {
  time: string
  method: string
  path: string
  status: number
  requestId: string
  correlationId: string
  clientRequestId?: string
  durationMs: number
}

/** The most recent requests, oldest first, at most `capacity` of them. */
export class RequestJournal {
  readonly #entries: JournalEntry[] = []

  constructor (readonly capacity: number) {}

  record (entry: JournalEntry): void {
    if (this.capacity === 0) return
    if (this.#entries.length === this.capacity) this.#entries.shift()
    this.#entries.push(entry)
  }

  entries (): readonly JournalEntry[] {
    return this.#entries
  }

  clear (): void {
    this.#entries.length = 0
  }
}
