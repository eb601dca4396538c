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

t.test('a batch runs each write once; after a failure it is replayed, and only the replay is stored', async (t) => {
  const db = database()
  t.teardown(() => db.close())
  const batcher = new WriteBatcher(db)
  const insert = db.prepare<[string]>('INSERT INTO items (value) VALUES (?)')
  const runs: string[] = []
  const write = async (value: string) => await batcher.run(() => {
    runs.push(value)
    return insert.run(value).lastInsertRowid
  })

  t.strictSame(await Promise.all([write('a'), write('b')]), [1, 2])
  t.strictSame(runs, ['a', 'b'], 'no failure: one run each')

  runs.length = 0
  const outcomes = await Promise.allSettled([write('c'), write('a'), write('d')])
  t.strictSame(runs, ['c', 'a', 'c', 'a', 'd'], 'the batch stops at the failure, is rolled back, and every write runs again')
  t.strictSame(outcomes.map((outcome) => outcome.status === 'fulfilled' ? outcome.value : 'rejected'), [3, 'rejected', 4])
  t.strictSame(db.prepare('SELECT id, value FROM items ORDER BY id').raw().all(), [[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']])
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
