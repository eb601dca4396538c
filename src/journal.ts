/** One request the emulator answered, as the journal shows it. */
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

/** What is kept per request: raw values, formatted only when someone reads the journal. */
export interface JournalRecord {
  at: number
  method: string
  url: string
  status: number
  requestId: string
  correlationId: string
  clientRequestId: string | undefined
  elapsedMs: number
}

/** The most recent requests, oldest first, at most `capacity` of them, in a ring that never moves its entries. */
export class RequestJournal {
  readonly #ring: (JournalRecord | undefined)[]
  #next = 0
  #size = 0

  constructor (readonly capacity: number) {
    this.#ring = new Array<JournalRecord | undefined>(capacity)
  }

  record (entry: JournalRecord): void {
    if (this.capacity === 0) return
    this.#ring[this.#next] = entry
    this.#next = (this.#next + 1) % this.capacity
    this.#size = Math.min(this.#size + 1, this.capacity)
  }

  entries (): JournalEntry[] {
    const start = (this.#next - this.#size + this.capacity) % this.capacity
    return Array.from({ length: this.#size }, (_, index) => format(this.#ring[(start + index) % this.capacity] as JournalRecord))
  }

  clear (): void {
    this.#ring.fill(undefined)
    this.#next = 0
    this.#size = 0
  }
}

function format (record: JournalRecord): JournalEntry {
  const query = record.url.indexOf('?')
  return {
    time: new Date(record.at).toISOString(),
    method: record.method,
    path: query === -1 ? record.url : record.url.slice(0, query),
    status: record.status,
    requestId: record.requestId,
    correlationId: record.correlationId,
    ...(record.clientRequestId === undefined ? {} : { clientRequestId: record.clientRequestId }),
    durationMs: Math.round(record.elapsedMs * 1000) / 1000
  }
}
