#!/usr/bin/env node
import closeWithGrace from 'close-with-grace'
import { pino } from 'pino'
import { emulatorOptionsOf, parseConfig } from './config.js'
import { startEmulator } from './server.js'

/** How long in-flight requests get to finish after SIGTERM or SIGINT. */
const SHUTDOWN_GRACE_MS = 5000

const config = parseConfig(process.argv.slice(2))

try {
  const emulator = await startEmulator(emulatorOptionsOf(config))
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    // `err` is set when an uncaught error, rather than a signal, ends the process.
    emulator.app.log.warn({ signal, err }, 'shutting down')
    await emulator.close()
  })
  emulator.app.log.info({
    http: emulator.httpUrl,
    https: emulator.httpsUrl,
    caFile: emulator.caFile,
    inMemory: config.inMemory,
    dataDir: config.dataDir,
    profile: config.profile
  }, 'emulator ready')
} catch (err) {
  // Before the app exists there is no app logger: a plain one reports why the emulator cannot start.
  pino({ level: config.logLevel }).fatal({ err }, `could not start: ${String(err)}`)
  process.exitCode = 1
}
