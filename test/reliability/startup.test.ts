import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import https from 'node:https'
import { join } from 'node:path'
import t from 'tap'
import Database from 'better-sqlite3'
import { dataDir, freePort, startEmulatorProcess } from './helpers.js'

function digest (file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

for (const [kind, prepare, message] of [
  ['a database from a newer schema', (file: string) => {
    const newer = new Database(file)
    newer.pragma('user_version = 999')
    newer.exec('CREATE TABLE from_the_future (x)')
    newer.close()
  }, /has schema version 999, newer than the \d+ this emulator supports/],
  ['a corrupt file', (file: string) => { writeFileSync(file, Buffer.alloc(64 * 1024, 0xab)) }, /file is not a database/]
] as const) {
  t.test(`${kind} stops the start with a clear error and a non-zero exit, and is left untouched`, async (t) => {
    const dir = dataDir()
    const file = join(dir, 'emulator.sqlite')
    prepare(file)
    const before = digest(file)
    await t.rejects(startEmulatorProcess(dir), { message: message })
    t.equal(digest(file), before, 'the file is byte for byte what it was')
  })
}

t.test('the exit code of a refused start is 1', async (t) => {
  const dir = dataDir()
  writeFileSync(join(dir, 'emulator.sqlite'), 'not a database')
  const { spawnSync } = await import('node:child_process')
  const { CLI } = await import('./helpers.js')
  const result = spawnSync(process.execPath, [CLI, '--http-port', '0', '--https', '0', '--data-dir', dir], { encoding: 'utf8' })
  t.equal(result.status, 1)
  t.match(result.stdout, /could not start/)
})

t.test('the bundled command line makes its CA and certificate on a new data directory and serves HTTPS with them', async (t) => {
  const dir = dataDir()
  const httpsPort = await freePort()
  const emulator = await startEmulatorProcess(dir, ['--https', '1', '--https-port', String(httpsPort)])
  t.teardown(async () => { emulator.child.kill('SIGTERM'); await emulator.exited })
  const ca = readFileSync(join(dir, 'tls', 'ca.pem'), 'utf8')
  const { status, body } = await new Promise<{ status: number | undefined, body: string }>((resolve, reject) => {
    https.get({ host: '127.0.0.1', port: httpsPort, path: '/_emulator/health', ca }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => { body += chunk.toString() })
      response.on('end', () => { resolve({ status: response.statusCode, body }) })
    }).on('error', reject)
  })
  t.equal(status, 200, 'the certificate verifies against the CA it wrote')
  t.strictSame(JSON.parse(body), { status: 'Healthy' })
  t.equal(await (await fetch(`${emulator.origin}/_emulator/ca.pem`)).text(), ca, 'and serves that CA')
})
