// The Docker image's HEALTHCHECK: exit 0 when the emulator answers /_emulator/health, 1 otherwise.
// Node only, so the check needs neither a shell nor curl in the image. It reads the port as the emulator does.
import { parseConfig } from './config.js'

const HEALTH_TIMEOUT_MS = 2000
const { httpPort } = parseConfig([])

try {
  const response = await fetch(`http://127.0.0.1:${httpPort}/_emulator/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) })
  process.exitCode = response.status === 200 ? 0 : 1
} catch {
  process.exitCode = 1
}
