import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import t from 'tap'
import { startEmulator } from '../src/server.js'
import type { Profile } from '../src/settings.js'

const SCENARIOS = [
  ['links and relationship links', join(import.meta.dirname, 'sdk', 'scenario.ts')],
  ['every other operation group', join(import.meta.dirname, 'sdk', 'resource-provider.ts')]
] as const

/** Six children, each starting Node and waiting on a dozen or two create-and-waits, about a second each with the emulator's defaults. */
const SCENARIOS_TIMEOUT_MS = 5 * 60_000
t.setTimeout(SCENARIOS_TIMEOUT_MS)

for (const profile of ['default', 'swagger', 'service'] as Profile[]) {
  t.test(`the real @azure/arm-customerinsights over HTTPS, trusting the emulator only through NODE_EXTRA_CA_CERTS (${profile} profile)`, async (t) => {
    // The emulator's defaults, but for a small page size so that listing spans pages.
    const emulator = await startEmulator({
      host: '127.0.0.1',
      httpPort: 0,
      https: { port: 0 },
      storage: { inMemory: false, dataDir: mkdtempSync(join(tmpdir(), 'ci-emulator-sdk-')) },
      logLevel: 'silent',
      profile,
      pageSize: 3
    })
    t.teardown(() => emulator.close())
    const httpsUrl = String(emulator.httpsUrl).replace('127.0.0.1', 'localhost')
    for (const [name, scenario] of SCENARIOS) {
      const started = performance.now()
      await t.spawn(process.execPath, [...process.execArgv, scenario], {
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: String(emulator.caFile),
          EMULATOR_URL: httpsUrl,
          EMULATOR_PROFILE: profile,
          SUBSCRIPTION_ID: '5b1c2d3e-0000-4000-8000-000000000001'
        }
      }, `SDK scenario: ${name}`)
      t.comment(`SDK scenario, ${name} (${profile} profile): ${(performance.now() - started).toFixed(0)} ms including the child's start`)
    }
  })
}
