import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { migrations, type Migration } from './migrations/index.js'

export type Db = Database.Database

export const DATABASE_FILE_NAME = 'emulator.sqlite'

export class SchemaTooNewError extends Error {
  constructor (readonly found: number, readonly supported: number, readonly file: string) {
    super(`The database ${file} has schema version ${found}, newer than the ${supported} this emulator supports. ` +
      'Upgrade the emulator or point it at another data directory.')
    this.name = 'SchemaTooNewError'
  }
}

export type DatabaseLocation = { inMemory: true } | { inMemory: false, dataDir: string }

/**
 * Opens the emulator's database and brings its schema up to date.
 * A newer or unreadable file is refused before anything is written to it.
 */
export function openDatabase (location: DatabaseLocation, available: readonly Migration[] = migrations): Db {
  const file = location.inMemory ? ':memory:' : join(location.dataDir, DATABASE_FILE_NAME)
  if (!location.inMemory) mkdirSync(location.dataDir, { recursive: true })
  const db = new Database(file)
  try {
    // Reading the header first: a corrupt file throws here, before any pragma could write to it.
    const version = db.pragma('user_version', { simple: true }) as number
    const latest = Math.max(0, ...available.map((migration) => migration.version))
    if (version > latest) throw new SchemaTooNewError(version, latest, file)
    if (!location.inMemory) db.pragma('journal_mode = WAL')
    // NORMAL under WAL loses nothing a crashed process acknowledged; only an OS crash can roll back the last commits.
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    migrate(db, version, available)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function migrate (db: Db, current: number, available: readonly Migration[]): void {
  for (const migration of available) {
    if (migration.version <= current) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}
