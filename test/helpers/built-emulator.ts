import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'bin', 'cli.mjs')
const START_TIMEOUT_MS = 15_000

export interface BuiltEmulator {
  http: string
  https: string
  /** What it has logged so far, for a failing test's comment. */
  output: () => string
  stop: () => Promise<void>
}

/**
 * The built command line (`npm run build` first) as a user runs it: configured through its environment variables
 * (only those given: none of the caller's), on free ports on loopback, in memory, ready once it logs so.
 */
export async function startBuiltEmulator (environment: Record<string, string>): Promise<BuiltEmulator> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('EMULATOR_')))
  const child = spawn(process.execPath, [CLI], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      EMULATOR_IN_MEMORY: '1',
      EMULATOR_HOST: '127.0.0.1',
      EMULATOR_HTTP_PORT: '0',
      EMULATOR_HTTPS_PORT: '0',
      // The line that says where it listens is at info, as is one line per request.
      LOG_LEVEL: 'info',
      ...environment
    }
  })
  const lines: string[] = []
  child.stderr.on('data', (chunk: Buffer) => { lines.push(chunk.toString()) })
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve() }))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  const ready = new Promise<{ http: string, https: string }>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error('the emulator did not say it was ready')) }, START_TIMEOUT_MS)
    void exited.then(() => { clearTimeout(timer); reject(new Error('the emulator exited at start')) })
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line)
      const entry = JSON.parse(line) as { msg?: string, http?: string, https?: string }
      if (entry.msg === 'emulator ready' && entry.http !== undefined && entry.https !== undefined) {
        clearTimeout(timer)
        resolve({ http: entry.http, https: entry.https })
      }
    })
  })
  try {
    return { ...await ready, output: () => lines.join('\n'), stop }
  } catch (error) {
    await stop()
    throw new Error(`${String(error)}:\n${lines.join('\n')}`)
  }
}
