import t from 'tap'
import Database from 'better-sqlite3'
import { WriteBatcher } from '../db/write-batcher.js'

function database () {
  const db = new Database(':memory:')
  db.exec(`CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE,
      parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);`)
  db.pragma('foreign_keys = ON')
  return db
}

t.test('writes asked for in one turn commit together, in order, each seeing the ones before it', async (t) => {
  const db = database()
  t.teardown(() => db.close())
  const batcher = new WriteBatcher(db)
  const insert = db.prepare<[string]>('INSERT INTO items (value) VALUES (?)')
  const count = db.prepare('SELECT count(*) AS n FROM items').pluck()
  const results = await Promise.all(['a', 'b', 'c'].map(async (value) => await batcher.run(() => {
    insert.run(value)
    return count.get()
  })))
  t.strictSame(results, [1, 2, 3])
  t.strictSame(db.prepare('SELECT value FROM items ORDER BY id').pluck().all(), ['a', 'b', 'c'])
})

t.test('a write that fails is rolled back alone; the others of its batch are stored', async (t) => {
  const db = database()
  t.teardown(() => db.close())
  const batcher = new WriteBatcher(db)
  const insert = db.prepare<[string]>('INSERT INTO items (value) VALUES (?)')
  const outcomes = await Promise.allSettled([
    batcher.run(() => insert.run('kept')),
    batcher.run(() => { insert.run('half'); insert.run('kept') }),
    batcher.run(() => insert.run('also kept'))
  ])
  t.strictSame(outcomes.map((outcome) => outcome.status), ['fulfilled', 'rejected', 'fulfilled'])
  t.match(outcomes[1], { reason: { code: 'SQLITE_CONSTRAINT_UNIQUE' } })
  t.strictSame(db.prepare('SELECT value FROM items ORDER BY id').pluck().all(), ['kept', 'also kept'], 'nothing of the failed write')
})

t.test('when the commit itself fails, every write of the batch fails and nothing is stored', async (t) => {
  const db = database()
  t.teardown(() => db.close())
  const batcher = new WriteBatcher(db)
  const insert = db.prepare<[string, number | null]>('INSERT INTO items (value, parent) VALUES (?, ?)')
  // A deferred foreign key is checked only at commit.
  const outcomes = await Promise.allSettled([
    batcher.run(() => insert.run('fine', null)),
    batcher.run(() => insert.run('orphan', 42))
  ])
  t.strictSame(outcomes.map((outcome) => outcome.status), ['rejected', 'rejected'])
  t.match(outcomes[0], { reason: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } })
  t.equal(db.prepare('SELECT count(*) FROM items').pluck().get(), 0)

  t.equal(await batcher.run(() => insert.run('later', null).changes), 1, 'the next batch is unaffected')
})
