import t from 'tap'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { dataDir, put, readMarker, startEmulatorProcess } from './helpers.js'

t.test('SIGTERM under load: requests in flight finish, the process exits 0 within 5 s, the database is consistent', async (t) => {
  const dir = dataDir()
  const emulator = await startEmulatorProcess(dir)
  const acknowledged = new Map<string, string>()
  const outcomes = { ok: 0, refused: 0, other: 0 }
  let stop = false
  const load = Array.from({ length: 50 }, async (_, writer) => {
    for (let n = 0; !stop; n++) {
      const name = `sd${String(writer)}_${String(n)}`
      try {
        const status = await put(emulator.origin, name, `${name}!`)
        if (status === 200 || status === 201) {
          acknowledged.set(name, `${name}!`)
          outcomes.ok++
        } else {
          outcomes.other++
        }
      } catch {
        outcomes.refused++
        return
      }
    }
  })
  await new Promise((resolve) => setTimeout(resolve, 800))
  const signalled = Date.now()
  const before = outcomes.ok
  emulator.child.kill('SIGTERM')
  const exit = await emulator.exited
  const exitMs = Date.now() - signalled
  stop = true
  await Promise.all(load)
  t.comment(`exit after ${String(exitMs)} ms; ${String(outcomes.ok)} writes answered, ${String(outcomes.ok - before)} of them after the signal`)
  t.strictSame(exit, { code: 0, signal: null })
  t.ok(exitMs < 5000, 'within 5 s')
  t.equal(outcomes.other, 0, 'no request was answered with an error')

  const check = new Database(join(dir, 'emulator.sqlite'), { readonly: true })
  t.equal(check.pragma('integrity_check', { simple: true }), 'ok')
  check.close()
  const restarted = await startEmulatorProcess(dir)
  t.teardown(() => { restarted.child.kill('SIGTERM') })
  let missing = 0
  for (const [name, marker] of acknowledged) {
    const read = await readMarker(restarted.origin, name)
    if (read.marker !== marker) missing++
  }
  t.equal(missing, 0, `all ${String(acknowledged.size)} acknowledged writes read back`)
})
