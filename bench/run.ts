// `npm run bench`: the emulator against the baseline server, on this machine, in one run. Prints a table, writes
// bench/results.json and bench/results.md.
// `BENCH_AGAINST=<another build's dist/bin/cli.mjs> npm run bench`: the throughput scenarios only, against that build of
// the emulator instead of the baseline (what a change costs the request path); writes bench/against-previous.md.
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import type { LoadResult, LoadSpec } from './load.js'

const DIST = join(import.meta.dirname, '..')
const LOAD = join(DIST, 'bench', 'load.js')
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 4)
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 11)
/** While profiling: only the throughput scenarios whose names match, and none of the other measures. */
const ONLY = process.env.BENCH_ONLY === undefined ? undefined : new RegExp(process.env.BENCH_ONLY)
/** Another build of the emulator to compare with, instead of the baseline. */
const AGAINST = process.env.BENCH_AGAINST
const LIST_HUB_LINKS = 10_000
const MANY_LINKS = 100_000
const LATENCY_SAMPLES = 2000
const run = promisify(execFile)

const HUB = '/subscriptions/00000000-0000-0000-0000-00000000beec/resourceGroups/bench/providers/Microsoft.CustomerInsights/hubs'
const LINK_DEFINITION = {
  sourceEntityType: 'Interaction',
  targetEntityType: 'Profile',
  sourceEntityTypeName: 'WebVisit',
  targetEntityTypeName: 'Contact',
  participantPropertyReferences: [{ sourcePropertyName: 'VisitorId', targetPropertyName: 'ContactId' }]
}
const LINK_BODY = JSON.stringify({ properties: LINK_DEFINITION })
/** The same link, another definition: updates alternate the two, so that every update changes what is stored. */
const CHANGED_LINK_BODY = JSON.stringify({ properties: { ...LINK_DEFINITION, targetEntityTypeName: 'Customer' } })

interface Server {
  name: 'emulator' | 'baseline' | 'previous'
  origin: string
  process: ChildProcess
  healthPath: string
}

async function waitForHealth (origin: string, path: string): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`${origin}${path}`)).status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

let nextPort = 19100
async function startServer (name: Server['name'], dataDir: string): Promise<Server> {
  const port = nextPort++
  const emulatorArgs = ['--http-port', String(port), '--https', '0', '--data-dir', dataDir, '--log-level', 'warn']
  const args = name === 'baseline'
    ? [join(DIST, 'bench', 'baseline.js'), String(port), dataDir]
    : [name === 'previous' ? String(AGAINST) : join(DIST, 'bin', 'cli.mjs'), ...emulatorArgs]
  const child = spawn(process.execPath, args, { stdio: 'ignore' })
  const server: Server = { name, origin: `http://127.0.0.1:${port}`, process: child, healthPath: name === 'baseline' ? '/health' : '/_emulator/health' }
  await waitForHealth(server.origin, server.healthPath)
  return server
}

async function stopServer (server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.process.once('exit', resolve))
  server.process.kill('SIGTERM')
  await exited
}

function rssMiB (server: Server): number {
  const status = readFileSync(`/proc/${String(server.process.pid)}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
}

async function load (spec: LoadSpec): Promise<LoadResult> {
  const { stdout } = await run(process.execPath, [LOAD, JSON.stringify(spec)], { maxBuffer: 16 * 1024 * 1024 })
  return JSON.parse(stdout) as LoadResult
}

async function fill (server: Server, hub: string, count: number, prefix: string): Promise<void> {
  const result = await load({ origin: server.origin, method: 'PUT', path: `${HUB}/${hub}/links/`, namePrefix: prefix, body: LINK_BODY, connections: 50, amount: count })
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${server.name}: filling ${hub} failed: ${JSON.stringify(result)}`)
}

interface Scenario {
  name: string
  spec: (server: Server, round: number) => Omit<LoadSpec, 'connections' | 'origin'>
}

const SCENARIOS: Scenario[] = [
  { name: 'create (new name each)', spec: (_server, round) => ({ method: 'PUT', path: `${HUB}/creates/links/`, namePrefix: `r${round}c`, body: LINK_BODY }) },
  { name: 'update one link', spec: () => ({ method: 'PUT', path: `${HUB}/one/links/Updated`, bodies: [CHANGED_LINK_BODY, LINK_BODY] }) },
  // With the definition it already has, the baseline's upsert finds the row unchanged and SQLite writes nothing; the
  // emulator still records the operation each PUT starts. Shown apart, without a target.
  { name: 'update one link, same definition', spec: () => ({ method: 'PUT', path: `${HUB}/one/links/Updated`, body: LINK_BODY }) },
  { name: 'get one link', spec: () => ({ method: 'GET', path: `${HUB}/one/links/Updated` }) },
  { name: `list page (hub of ${LIST_HUB_LINKS.toLocaleString('en')})`, spec: () => ({ method: 'GET', path: `${HUB}/listed/links` }) }
]

interface Row {
  scenario: string
  connections: number
  emulator: LoadResult & { rssMiB: number }
  baseline: LoadResult & { rssMiB: number }
  ratio: number
}

function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] ?? 0 : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

function percentile (values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
}

function summarize (runs: (LoadResult & { rssMiB: number })[]): LoadResult & { rssMiB: number } {
  const bad = runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0)
  if (bad > 0) throw new Error(`failed requests during a run: ${JSON.stringify(runs)}`)
  return {
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    errors: 0,
    non2xx: 0,
    rssMiB: Math.max(...runs.map((r) => r.rssMiB))
  }
}

async function throughput (servers: Server[]): Promise<Row[]> {
  const rows: Row[] = []
  for (const scenario of SCENARIOS.filter((candidate) => ONLY?.test(candidate.name) ?? true)) {
    for (const connections of [10, 100]) {
      const runs: Record<Server['name'], (LoadResult & { rssMiB: number })[]> = { emulator: [], baseline: [], previous: [] }
      for (let round = 0; round < ROUNDS; round++) {
        // Alternating, and starting with the other server each round, so drift hits both alike.
        const order = round % 2 === 0 ? servers : [...servers].reverse()
        for (const server of order) {
          const result = await load({ origin: server.origin, connections, durationSeconds: DURATION_SECONDS, ...scenario.spec(server, round * 1000 + connections) })
          runs[server.name].push({ ...result, rssMiB: rssMiB(server) })
        }
      }
      const other = servers[1]?.name ?? 'baseline'
      const emulator = summarize(runs.emulator)
      const baseline = summarize(runs[other])
      const row = { scenario: scenario.name, connections, emulator, baseline, ratio: emulator.requestsPerSecond / baseline.requestsPerSecond }
      process.stderr.write(`${scenario.name} @${connections}: emulator ${emulator.requestsPerSecond.toFixed(0)} req/s, ${other} ${baseline.requestsPerSecond.toFixed(0)} req/s, ratio ${row.ratio.toFixed(2)}\n`)
      rows.push(row)
    }
  }
  return rows
}

/** Spawn to the first 200 from the health route, median of COLD_STARTS; a fresh data directory each time, or one kept. */
async function coldStart (script: string, args: (port: number, dir: string) => string[], healthPath: string, freshDir = true): Promise<number> {
  const times: number[] = []
  const keptDir = mkdtempSync(join(tmpdir(), 'cie-bench-cold-'))
  for (let i = 0; i < COLD_STARTS + (freshDir ? 0 : 1); i++) {
    const port = nextPort++
    const dir = freshDir ? mkdtempSync(join(tmpdir(), 'cie-bench-cold-')) : keptDir
    const started = performance.now()
    const child = spawn(process.execPath, [script, ...args(port, dir)], { stdio: 'ignore' })
    await waitForHealth(`http://127.0.0.1:${port}`, healthPath)
    times.push(performance.now() - started)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  // On a kept directory the first start made its database and certificates: it is not counted.
  return median(freshDir ? times : times.slice(1))
}

/** Sequential requests on one keep-alive connection: the latency of one request, without queueing. */
async function latency (origin: string, path: string): Promise<{ p50: number, p99: number }> {
  const samples: number[] = []
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const started = performance.now()
    const response = await fetch(`${origin}${path}?api-version=2017-04-26`)
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`)
    samples.push(performance.now() - started)
  }
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) }
}

async function scale (): Promise<{ rssAfterManyMiB: number, few: { get: { p50: number, p99: number }, list: { p50: number, p99: number } }, many: { get: { p50: number, p99: number }, list: { p50: number, p99: number } } }> {
  const server = await startServer('emulator', mkdtempSync(join(tmpdir(), 'cie-bench-scale-')))
  try {
    await fill(server, 'scale', 100, 'link')
    const few = { get: await latency(server.origin, `${HUB}/scale/links/link42`), list: await latency(server.origin, `${HUB}/scale/links`) }
    await fill(server, 'scale', MANY_LINKS - 100, 'more')
    // Let the garbage collector settle the load's garbage before reading the resident set.
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const rssAfterManyMiB = rssMiB(server)
    const many = { get: await latency(server.origin, `${HUB}/scale/links/link42`), list: await latency(server.origin, `${HUB}/scale/links`) }
    return { rssAfterManyMiB, few, many }
  } finally {
    await stopServer(server)
  }
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })

async function main (): Promise<void> {
  process.stderr.write(`bench: ${String(cpus().length)} cores, Node ${process.version}, ${String(ROUNDS)} rounds of ${String(DURATION_SECONDS)} s\n`)
  const servers = await Promise.all([
    startServer('emulator', mkdtempSync(join(tmpdir(), 'cie-bench-emulator-'))),
    startServer(AGAINST === undefined ? 'baseline' : 'previous', mkdtempSync(join(tmpdir(), 'cie-bench-other-')))
  ])
  let rows: Row[]
  try {
    for (const server of servers) {
      await fill(server, 'listed', LIST_HUB_LINKS, 'listed')
      await load({ origin: server.origin, method: 'PUT', path: `${HUB}/one/links/Updated`, body: LINK_BODY, connections: 1, amount: 1 })
    }
    rows = await throughput(servers)
  } finally {
    await Promise.all(servers.map(stopServer))
  }
  if (AGAINST !== undefined) {
    writeAgainstPrevious(rows)
    return
  }
  if (ONLY !== undefined) return

  process.stderr.write('cold starts...\n')
  const emulatorArgs = (port: number, dir: string) => ['--http-port', String(port), '--https-port', String(port + 5000), '--data-dir', dir, '--log-level', 'warn']
  const emulatorCold = await coldStart(join(DIST, 'bin', 'cli.mjs'), emulatorArgs, '/_emulator/health')
  const emulatorRestart = await coldStart(join(DIST, 'bin', 'cli.mjs'), emulatorArgs, '/_emulator/health', false)
  const bareCold = await coldStart(join(DIST, 'bench', 'bare.js'), (port) => [String(port)], '/_emulator/health')
  process.stderr.write(`storing ${fmt(MANY_LINKS)} links...\n`)
  const scaled = await scale()

  const results = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    settings: { rounds: ROUNDS, durationSeconds: DURATION_SECONDS, coldStarts: COLD_STARTS, latencySamples: LATENCY_SAMPLES },
    throughput: rows,
    coldStart: {
      emulatorFreshDataDirMs: emulatorCold,
      emulatorExistingDataDirMs: emulatorRestart,
      bareFastifyMs: bareCold,
      ratioFresh: emulatorCold / bareCold,
      ratioExisting: emulatorRestart / bareCold
    },
    scale: scaled
  }
  writeFileSync(join(import.meta.dirname, '..', '..', 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`)

  const lines = [
    `Measured ${results.date.slice(0, 10)} on ${String(results.machine.cores)} cores (${String(results.machine.cpu)}), Node ${results.machine.node}; ` +
      `median of ${String(ROUNDS)} alternating runs of ${String(DURATION_SECONDS)} s, autocannon in its own process, both servers on disk (WAL).`,
    '',
    '| scenario | conns | emulator req/s | baseline req/s | ratio | emulator p50 / p99 ms | baseline p50 / p99 ms | emulator / baseline RSS MiB |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.scenario} | ${String(row.connections)} | ${fmt(row.emulator.requestsPerSecond)} | ${fmt(row.baseline.requestsPerSecond)} | ` +
      `${fmt(row.ratio, 2)} | ${fmt(row.emulator.p50)} / ${fmt(row.emulator.p99)} | ${fmt(row.baseline.p50)} / ${fmt(row.baseline.p99)} | ` +
      `${fmt(row.emulator.rssMiB)} / ${fmt(row.baseline.rssMiB)} |`),
    '',
    `| measure | value | target |`,
    '|---|---|---|',
    `| cold start, spawn to health 200 (median of ${String(COLD_STARTS)}), new data directory (makes database and certificates) | emulator ${fmt(emulatorCold)} ms, bare Fastify ${fmt(bareCold)} ms, ratio ${fmt(emulatorCold / bareCold, 2)} | ≤ 1.3 |`,
    `| cold start, existing data directory (a restart) | emulator ${fmt(emulatorRestart)} ms, ratio ${fmt(emulatorRestart / bareCold, 2)} | ≤ 1.3 |`,
    `| RSS after storing ${fmt(MANY_LINKS)} links | ${fmt(scaled.rssAfterManyMiB)} MiB | ≤ 150 MiB |`,
    `| GET one link, p50 / p99, 100 → ${fmt(MANY_LINKS)} links | ${fmt(scaled.few.get.p50, 3)} / ${fmt(scaled.few.get.p99, 3)} → ${fmt(scaled.many.get.p50, 3)} / ${fmt(scaled.many.get.p99, 3)} ms (×${fmt(scaled.many.get.p50 / scaled.few.get.p50, 2)}) | ≤ ×1.5 |`,
    `| list page, p50 / p99, 100 → ${fmt(MANY_LINKS)} links | ${fmt(scaled.few.list.p50, 3)} / ${fmt(scaled.few.list.p99, 3)} → ${fmt(scaled.many.list.p50, 3)} / ${fmt(scaled.many.list.p99, 3)} ms (×${fmt(scaled.many.list.p50 / scaled.few.list.p50, 2)}) | ≤ ×1.5 |`
  ]
  const table = `${lines.join('\n')}\n`
  writeFileSync(join(import.meta.dirname, '..', '..', 'bench', 'results.md'), table)
  process.stdout.write(table)
}

/** The throughput of this build against another's, in the same run: what a change costs the request path. */
function writeAgainstPrevious (rows: Row[]): void {
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${String(cpus().length)} cores (${String(cpus()[0]?.model)}), Node ${process.version}; ` +
      `median of ${String(ROUNDS)} alternating runs of ${String(DURATION_SECONDS)} s, this build against ${String(AGAINST)}.`,
    '',
    '| scenario | conns | this build req/s | previous build req/s | ratio | this p50 / p99 ms | previous p50 / p99 ms |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.scenario} | ${String(row.connections)} | ${fmt(row.emulator.requestsPerSecond)} | ${fmt(row.baseline.requestsPerSecond)} | ` +
      `${fmt(row.ratio, 2)} | ${fmt(row.emulator.p50)} / ${fmt(row.emulator.p99)} | ${fmt(row.baseline.p50)} / ${fmt(row.baseline.p99)} |`)
  ]
  const table = `${lines.join('\n')}\n`
  writeFileSync(join(import.meta.dirname, '..', '..', 'bench', 'against-previous.md'), table)
  process.stdout.write(table)
}

await main()
