import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import t from 'tap'
import { MiB, sendBigBody, type BigBodyRequest } from '../helpers/big-body.js'
import { API, HUB, dataDir, startEmulatorProcess } from './helpers.js'

/** Attempts per transport and kind of body: before the lingering close, 4 to 18 in 40 failed here before the answer. */
const ATTEMPTS = Number(process.env.EARLY_ANSWER_ATTEMPTS ?? 25)
/** Attempts per transport for the other early answers and for a keep-alive client. */
const FEW_ATTEMPTS = 5

interface Tally { attempts: number, answered: number, failures: Record<string, number> }

/** Why an attempt failed: an error before the answer was read, or an answer other than expected; undefined if none. */
async function attemptFailure (url: string, request: BigBodyRequest, status: number, code: string): Promise<string | undefined> {
  try {
    const outcome = await sendBigBody(url, request)
    const answered = (JSON.parse(outcome.body) as { error?: { code?: string } }).error?.code
    if (outcome.status !== status || answered !== code) return `answered ${String(outcome.status)} ${String(answered)}`
    if (outcome.errorAfterAnswer !== undefined) return `${outcome.errorAfterAnswer} after the answer`
    return outcome.connectionClosed ? undefined : 'connection left open'
  } catch (error) {
    return (error as { code?: string }).code ?? String(error)
  }
}

t.test('a plain Node client sending too large a body reads its 413 every time, over HTTP and HTTPS, declared or chunked', async (t) => {
  const emulator = await startEmulatorProcess(dataDir(), ['--in-memory'], { https: true })
  t.teardown(() => { emulator.child.kill('SIGTERM') })
  const origins = { http: emulator.origin, https: String(emulator.httpsOrigin) }
  const link = `${HUB}/links/Big${API}`
  const kinds: Record<string, Omit<BigBodyRequest, 'ca'> & { path: string, status: number, code: string, attempts: number }> = {
    '413, 8 MiB declared': { method: 'PUT', path: link, bytes: 8 * MiB, chunked: false, status: 413, code: 'RequestEntityTooLarge', attempts: ATTEMPTS },
    '413, 3 MiB chunked': { method: 'PUT', path: link, bytes: 3 * MiB, chunked: true, status: 413, code: 'RequestEntityTooLarge', attempts: ATTEMPTS },
    '404, 8 MiB declared': { method: 'PUT', path: `/nowhere${API}`, bytes: 8 * MiB, chunked: false, status: 404, code: 'NotFound', attempts: FEW_ATTEMPTS },
    '405, 8 MiB declared': { method: 'POST', path: link, bytes: 8 * MiB, chunked: false, status: 405, code: 'MethodNotAllowed', attempts: FEW_ATTEMPTS },
    '415, 3 MiB chunked': {
      method: 'PUT', path: link, headers: { 'content-type': 'text/plain' }, bytes: 3 * MiB, chunked: true, status: 415, code: 'UnsupportedMediaType', attempts: FEW_ATTEMPTS
    }
  }
  for (const transport of ['http', 'https'] as const) {
    for (const [name, kind] of Object.entries(kinds)) {
      const tally: Tally = { attempts: 0, answered: 0, failures: {} }
      for (let attempt = 0; attempt < kind.attempts; attempt++) {
        tally.attempts++
        const failure = await attemptFailure(`${origins[transport]}${kind.path}`, { ...kind, ca: emulator.ca }, kind.status, kind.code)
        if (failure === undefined) tally.answered++
        else tally.failures[failure] = 1 + (tally.failures[failure] ?? 0)
      }
      t.comment(`${transport}, ${name}: ${String(tally.answered)} of ${String(tally.attempts)} read the answer; failures ${JSON.stringify(tally.failures)}`)
      t.strictSame(tally, { attempts: kind.attempts, answered: kind.attempts, failures: {} },
        `${transport}, ${name}: every attempt reads the ${String(kind.status)} and its ARM body, writes its body and sees the connection closed`)
    }
  }

  for (const transport of ['http', 'https'] as const) {
    const agent = transport === 'http' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true })
    t.teardown(() => { agent.destroy() })
    for (let attempt = 0; attempt < FEW_ATTEMPTS; attempt++) {
      const outcome = await sendBigBody(`${origins[transport]}${link}`, { method: 'PUT', bytes: 8 * MiB, chunked: false, ca: emulator.ca, agent })
      t.strictSame({ status: outcome.status, connection: outcome.headers.connection, closed: outcome.connectionClosed },
        { status: 413, connection: 'close', closed: true }, `${transport}, keep-alive agent: the 413, then the connection closed`)
    }
  }
  t.equal((await fetch(`${emulator.origin}/_emulator/health`)).status, 200, 'still healthy')
})
