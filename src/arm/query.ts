import { parse } from 'fast-querystring'

type Query = Record<string, string | string[]>

/** Parses a query string with lower-cased parameter names: ARM matches them case-insensitively. */
export function parseArmQuery (raw: string): Query {
  const query = parse(raw) as Query
  // The common case, names already lower-case, costs one pass and no copy.
  for (const name in query) {
    if (name !== name.toLowerCase()) return lowerCased(query)
  }
  return query
}

function lowerCased (query: Query): Query {
  const lowered: Query = Object.create(null) as Query
  for (const [name, value] of Object.entries(query)) {
    const key = name.toLowerCase()
    const previous = lowered[key]
    lowered[key] = previous === undefined ? value : [previous, value].flat()
  }
  return lowered
}

/** The path of a request URL, without its query. */
export function pathOf (url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}
