import { parse } from 'node:querystring'

/** Parses a query string with lower-cased parameter names: ARM matches them case-insensitively. */
export function parseArmQuery (raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>
  for (const [name, value] of Object.entries(parse(raw)) as [string, string | string[]][]) {
    const key = name.toLowerCase()
    const previous = query[key]
    query[key] = previous === undefined ? value : [previous, value].flat()
  }
  return query
}

/** The path of a request URL, without its query. */
export function pathOf (url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}
