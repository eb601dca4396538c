import { sql as resourcesAndOperations } from './0001-resources-and-operations.js'
import { sql as operationCompletionControl } from './0002-operation-completion-control.js'
import { sql as resourcesById } from './0003-resources-by-id.js'
import { sql as resourcesAsServed } from './0004-resources-as-served.js'
import { sql as everyResourceType } from './0005-every-resource-type.js'
import { sql as hiddenState } from './0006-hidden-state.js'

export interface Migration {
  version: number
  name: string
  sql: string
}

/** Applied in order at start; `PRAGMA user_version` records the last one applied. Never edit a released entry. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'resources-and-operations', sql: resourcesAndOperations },
  { version: 2, name: 'operation-completion-control', sql: operationCompletionControl },
  { version: 3, name: 'resources-by-id', sql: resourcesById },
  { version: 4, name: 'resources-as-served', sql: resourcesAsServed },
  { version: 5, name: 'every-resource-type', sql: everyResourceType },
  { version: 6, name: 'hidden-state', sql: hiddenState }
]
