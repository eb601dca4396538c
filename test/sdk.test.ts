import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import t from 'tap'
import { startEmulator } from '../src/server.js'
import type { Profile } from '../src/settings.js'

const SCENARIO = join(import.meta.dirname, 'sdk', 'scenario.ts')
/** Each profile's scenario waits for some twenty operations, each about a second with the emulator's defaults. */
const SCENARIOS_TIMEOUT_MS = 3 * 60_000
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
    const started = performance.now()
    await t.spawn(process.execPath, [...process.execArgv, SCENARIO], {
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: String(emulator.caFile),
        EMULATOR_URL: httpsUrl,
        EMULATOR_PROFILE: profile,
        SUBSCRIPTION_ID: '5b1c2d3e-0000-4000-8000-000000000001'
      }
    }, 'SDK scenario')
    t.comment(`SDK scenario (${profile} profile): ${(performance.now() - started).toFixed(0)} ms including the child's start`)
  })
}
