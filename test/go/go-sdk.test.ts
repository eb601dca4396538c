// `npm run test:go`: the Go track-1 SDK (both of its Customer Insights packages, 2017-01-01 and 2017-04-26) against
// the built emulator, once per profile. It needs Go and Debian's packages of the SDK and of go-autorest, so it is not
// part of `npm test`; .ci/go.sh installs them when `go` is missing. The Go cases are in test/go/src/gosdk.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { startBuiltEmulator, type BuiltEmulator } from '../helpers/built-emulator.js'
import t, { type Test } from 'tap'

/** A GOPATH entry of its own: the Go suite is the package `gosdk` under it. */
const GOPATH_DIR = import.meta.dirname
const PACKAGE_DIR = join(GOPATH_DIR, 'src', 'gosdk')
/** Where Debian's golang-*-dev packages put their sources: GOPATH mode, as no Go module can be downloaded. */
const DEBIAN_GOPATH = '/usr/share/gocode'
const DEBIAN_PACKAGES = 'golang-go golang-github-azure-azure-sdk-for-go-dev golang-github-azure-go-autorest-dev'
const PAGE_SIZE = 3

const CONTRACT_PROFILES = ['default', 'swagger', 'service'] as const

const goEnv = {
  GO111MODULE: 'off',
  GOPATH: `${DEBIAN_GOPATH}:${GOPATH_DIR}`,
  GOFLAGS: ''
}

/** The built emulator as a user runs it: configured through its environment variables, on free ports, in memory. */
async function startEmulator (profile: string): Promise<BuiltEmulator> {
  return await startBuiltEmulator({ EMULATOR_PROFILE: profile, EMULATOR_PAGE_SIZE: String(PAGE_SIZE) })
}

/** Runs a command to its end; never rejects for a non-zero exit. */
async function run (command: string, args: string[], options: { cwd: string, env?: NodeJS.ProcessEnv, onLine?: (line: string) => void }) {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...goEnv, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  let stdout = ''
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout += `${line}\n`
    options.onLine?.(line)
  })
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new Error(`${command} is not installed: .ci/go.sh installs Go and the SDK's packages (${DEBIAN_PACKAGES})`) : error)
    })
    child.once('close', resolve)
  })
  return { code, stdout, stderr }
}

interface GoEvent { Action: string, Test?: string, Output?: string }
interface GoTest { name: string, outcome?: 'pass' | 'fail' | 'skip', output: string[] }

/** Turns `go test -json` into tap assertions: one per Go test that has no subtests, so tap counts the Go cases. */
function report (t: Test, events: GoEvent[], exitCode: number | null, stderr: string): void {
  const tests = new Map<string, GoTest>()
  const packageOutput: string[] = []
  for (const event of events) {
    if (event.Test === undefined) {
      if (event.Output !== undefined) packageOutput.push(event.Output)
      continue
    }
    const test = tests.get(event.Test) ?? { name: event.Test, output: [] }
    tests.set(event.Test, test)
    if (event.Action === 'output' && event.Output !== undefined) test.output.push(event.Output)
    if (event.Action === 'pass' || event.Action === 'fail' || event.Action === 'skip') test.outcome = event.Action
  }
  const names = [...tests.keys()]
  let failures = 0
  for (const test of tests.values()) {
    const children = names.filter((name) => name.startsWith(`${test.name}/`))
    const said = test.output.map((line) => line.trimEnd()).filter((line) => line !== '' && !/^\s*(=== |--- )/.test(line))
    for (const line of said) {
      const timing = /create-and-wait with the SDK's default settings: (.*)$/.exec(line)
      if (timing?.[1] !== undefined) t.comment(`Go SDK create-and-wait: ${timing[1]}`)
    }
    const childFailed = children.some((name) => tests.get(name)?.outcome === 'fail')
    if (test.outcome === 'fail' && !childFailed) {
      failures++
      t.fail(test.name, { output: said.join('\n') })
    } else if (children.length === 0 && test.outcome === 'skip') {
      t.pass(test.name, { skip: said.join(' ').trim() || 'skipped' })
    } else if (children.length === 0 && test.outcome === 'pass') {
      t.pass(test.name)
    } else if (children.length === 0) {
      failures++
      t.fail(`${test.name} did not finish`, { output: said.join('\n') })
    }
  }
  if (exitCode !== 0 && failures === 0) t.fail(`go test exited with ${String(exitCode)}`, { output: `${packageOutput.join('')}\n${stderr}` })
  if (tests.size === 0) t.fail('go test ran no tests', { output: `${packageOutput.join('')}\n${stderr}` })
}

t.test('the Go suite is formatted and vetted', async (t) => {
  const formatted = await run('gofmt', ['-l', '.'], { cwd: PACKAGE_DIR })
  t.equal(`${formatted.stdout}${formatted.stderr}`, '', 'gofmt -l lists no file')
  // go vet also builds the suite and the SDK packages: a missing package or a compile error shows here.
  const vetted = await run('go', ['vet', '.'], { cwd: PACKAGE_DIR })
  t.equal(vetted.code, 0, 'go vet passes', { output: vetted.stderr })
})

for (const profile of CONTRACT_PROFILES) {
  t.test(`the Go track-1 SDK over HTTPS, trusting the emulator through SSL_CERT_FILE (${profile} profile)`, async (t) => {
    const emulator = await startEmulator(profile)
    t.teardown(emulator.stop)
    const caFile = join(mkdtempSync(join(tmpdir(), 'ci-emulator-go-')), 'ca.pem')
    writeFileSync(caFile, await (await fetch(`${emulator.http}/_emulator/ca.pem`)).text())

    const events: GoEvent[] = []
    const result = await run('go', ['test', '-json', '-v', '-count=1', '-timeout=5m', '.'], {
      cwd: PACKAGE_DIR,
      env: {
        SSL_CERT_FILE: caFile,
        EMULATOR_URL: emulator.https.replace('127.0.0.1', 'localhost'),
        EMULATOR_PROFILE: profile,
        EMULATOR_PAGE_SIZE: String(PAGE_SIZE)
      },
      onLine: (line) => { if (line.startsWith('{')) events.push(JSON.parse(line) as GoEvent) }
    })
    report(t, events, result.code, result.stderr)
    if (t.passing()) return
    t.comment(`the emulator's log:\n${emulator.output().split('\n').slice(-40).join('\n')}`)
  })
}
