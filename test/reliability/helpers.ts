// Helpers of the reliability suite: the emulator as users run it, the bundled dist/bin/cli.mjs, in its own process.
import { spawn, type ChildProcess } from 'node:child_process'
import { connect, createServer } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'bin', 'cli.mjs')
export const API = '?api-version=2017-04-26'
export const HUB = '/subscriptions/00000000-0000-4000-8000-0000000000aa/resourceGroups/rg/providers/Microsoft.CustomerInsights/hubs/hub'

export function dataDir (): string {
  return mkdtempSync(join(tmpdir(), 'cie-reliability-'))
}

export async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => { resolve(port) })
    })
  })
}

export interface EmulatorProcess {
  origin: string
  /** With `https: true`: the HTTPS origin (as localhost, which the certificate names) and the CA to trust. */
  httpsOrigin: string | undefined
  ca: string | undefined
  child: ChildProcess
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
  output: () => string
}

/** Starts the emulator on a data directory, HTTP only unless told, and waits until its health route answers. */
export async function startEmulatorProcess (dir: string, args: string[] = [], options: { https?: boolean } = {}): Promise<EmulatorProcess> {
  const port = await freePort()
  const httpsPort = options.https === true ? await freePort() : undefined
  const transport = httpsPort === undefined ? ['--https', '0'] : ['--https-port', String(httpsPort)]
  const child = spawn(process.execPath, [CLI, '--http-port', String(port), ...transport, '--data-dir', dir, '--log-level', 'warn', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => { resolve({ code, signal }) })
  })
  const origin = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the emulator exited at start:\n${output}`)
    try {
      if ((await fetch(`${origin}/_emulator/health`)).status === 200) break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the emulator did not become healthy:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  // HTTP answers first: HTTPS starts listening just after it.
  if (httpsPort !== undefined) await acceptsConnections(httpsPort, deadline)
  const ca = httpsPort === undefined ? undefined : await (await fetch(`${origin}/_emulator/ca.pem`)).text()
  const httpsOrigin = httpsPort === undefined ? undefined : `https://localhost:${String(httpsPort)}`
  return { origin, httpsOrigin, ca, child, exited, output: () => output }
}

async function acceptsConnections (port: number, deadline: number): Promise<void> {
  while (!await new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => { resolve(false) })
  })) {
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${String(port)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export function linkBody (marker: string): string {
  return JSON.stringify({
    properties: {
      sourceEntityType: 'Interaction',
      targetEntityType: 'Profile',
      sourceEntityTypeName: 'WebVisit',
      targetEntityTypeName: 'Contact',
      displayName: { 'en-us': marker },
      participantPropertyReferences: [{ sourcePropertyName: 'VisitorId', targetPropertyName: 'ContactId' }]
    }
  })
}

export async function put (origin: string, name: string, marker: string): Promise<number> {
  const response = await fetch(`${origin}${HUB}/links/${name}${API}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: linkBody(marker) })
  await response.arrayBuffer()
  return response.status
}

export async function readMarker (origin: string, name: string): Promise<{ status: number, marker?: string, provisioningState?: string }> {
  const response = await fetch(`${origin}${HUB}/links/${name}${API}`)
  if (response.status !== 200) {
    await response.arrayBuffer()
    return { status: response.status }
  }
  const body = await response.json() as { properties: { displayName: Record<string, string>, provisioningState: string } }
  return { status: 200, marker: body.properties.displayName['en-us'], provisioningState: body.properties.provisioningState }
}
