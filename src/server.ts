import closeWithGrace from 'close-with-grace'
import { pino } from 'pino'
import { buildApp } from './app.js'
import { appOptionsOf, parseConfig } from './config.js'

/** How long in-flight requests get to finish after SIGTERM or SIGINT. */
const SHUTDOWN_GRACE_MS = 5000

const config = parseConfig(process.argv.slice(2))

async function start (): Promise<void> {
  const app = await buildApp(appOptionsOf(config))
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    // `err` is set when an uncaught error, rather than a signal, ends the process.
    app.log.warn({ signal, err }, 'shutting down')
    await app.close()
  })
  await app.listen({ host: config.host, port: config.httpPort })
  app.log.info({ inMemory: config.inMemory, dataDir: config.dataDir, profile: config.profile }, 'emulator ready')
}

try {
  await start()
} catch (err) {
  // Before the app exists there is no app logger: a plain one reports why the emulator cannot start.
  pino({ level: config.logLevel }).fatal({ err }, `could not start: ${String(err)}`)
  process.exitCode = 1
}
