import { invalidFilter } from '../errors.js'

/** One `{field} eq '{value}'` of a `$filter`; `field` lower-cased, since ARM reads the names case-insensitively. */
export interface FilterTerm {
  field: string
  value: string
}

const TERM = /^\s*([A-Za-z]+)\s+eq\s+'((?:[^']|'')*)'\s*/i
const AND = /^and\s+/i

/**
 * The `$filter` of ARM's listings, as the Azure CLI and the SDKs write it: terms `{field} eq '{value}'` joined by `and`
 * (`tagName eq 'env' and tagValue eq 'test'`), a quote inside a value doubled. `fields` are those the listing reads;
 * anything else is refused, so that a filter the emulator cannot apply never reads as one that matched everything.
 */
export function parseFilter (filter: string | undefined, fields: readonly string[]): FilterTerm[] {
  if (filter === undefined || filter.trim() === '') return []
  const terms: FilterTerm[] = []
  let rest = filter
  for (;;) {
    const term = TERM.exec(rest)
    const field = term?.[1]?.toLowerCase()
    if (term === null || field === undefined || !fields.includes(field)) throw invalidFilter(filter, fields)
    terms.push({ field, value: (term[2] as string).replaceAll("''", "'") })
    rest = rest.slice(term[0].length)
    if (rest === '') return terms
    const and = AND.exec(rest)
    if (and === null) throw invalidFilter(filter, fields)
    rest = rest.slice(and[0].length)
  }
}

/** The value a filter gives a field; the last one when it gives it twice. */
export function filterValue (terms: readonly FilterTerm[], field: string): string | undefined {
  return terms.findLast((term) => term.field === field)?.value
}

/** Whether tags match a filter's `tagName` and `tagValue`: names compared case-insensitively, values exactly (ARM). */
export function tagsMatch (tags: Readonly<Record<string, string>> | undefined, terms: readonly FilterTerm[]): boolean {
  const name = filterValue(terms, 'tagname')
  const value = filterValue(terms, 'tagvalue')
  if (name === undefined && value === undefined) return true
  return Object.entries(tags ?? {}).some(([tagName, tagValue]) =>
    (name === undefined || tagName.toLowerCase() === name.toLowerCase()) && (value === undefined || tagValue === value))
}
