import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { migrations, type Migration } from './migrations/index.js'

export type Db = BetterSqlite3.Database

/**
 * better-sqlite3 12 aborts the process on Node 24.19+ whenever a statement object is garbage-collected (its
 * ObjectWrap meets Node's new cleanup-hook check, WiseLibs/better-sqlite3#1515); 13 fixes that but needs Node 22.
 * Both are installed, with the same API: 13 from Node 22 on, 12 on Node 20.
 */
const require = createRequire(import.meta.url)
const Database = (Number(process.versions.node.split('.')[0]) >= 22
  /* c8 ignore next -- the Docker image (Node 24) runs this branch; the test suite runs on Node 20 */
  ? require('better-sqlite3-node22')
  : require('better-sqlite3')) as typeof BetterSqlite3

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
    // One emulator owns its data directory: holding the lock for good keeps the WAL index in the process's own memory
    // and spares every statement a shared-memory lock; a second emulator on the same directory fails at start with
    // "database is locked". It must be set before the first read, which is what enters WAL mode on a WAL file.
    db.pragma('locking_mode = EXCLUSIVE')
    // Reading the header first: a corrupt file throws here, before any pragma could write to it.
    const version = db.pragma('user_version', { simple: true }) as number
    const latest = Math.max(0, ...available.map((migration) => migration.version))
    if (version > latest) throw new SchemaTooNewError(version, latest, file)
    if (!location.inMemory) db.pragma('journal_mode = WAL')
    // NORMAL under WAL loses nothing a crashed process acknowledged; only an OS crash can roll back the last commits.
    db.pragma('synchronous = NORMAL')
    // Checkpoints fsync the database file: every 10,000 pages (40 MB of WAL) rather than 1,000 keeps write latency even.
    db.pragma('wal_autocheckpoint = 10000')
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
