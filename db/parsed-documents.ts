/**
 * The most recently read JSON documents, parsed, keyed by their text: a resource read again (a GET polled, a list
 * page read again) is not parsed again. Keyed by content, an entry can never be stale; callers must not mutate what
 * they get.
 */
export class ParsedDocuments<T> {
  readonly #entries = new Map<string, T>()

  constructor (readonly capacity: number) {}

  parse (text: string): T {
    const cached = this.#entries.get(text)
    if (cached !== undefined) return cached
    const parsed = JSON.parse(text) as T
    if (this.#entries.size >= this.capacity) {
      // The oldest entry goes first: a Map keeps insertion order.
      this.#entries.delete(this.#entries.keys().next().value as string)
    }
    this.#entries.set(text, parsed)
    return parsed
  }
}
