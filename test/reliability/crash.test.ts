import t from 'tap'
import { dataDir, put, readMarker, startEmulatorProcess } from './helpers.js'

const ROUNDS = 4
const WRITERS = 50
const PROVISIONING_MS = 3000

interface Writer {
  names: string[]
  /** For each name, the last content the emulator acknowledged, and a write that was in flight at the crash. */
  acknowledged: Map<string, string>
  inFlight: { name: string, marker: string } | undefined
}

t.test(`SIGKILL under ${String(WRITERS)} concurrent writers, ${String(ROUNDS)} rounds: every acknowledged write survives`, async (t) => {
  const dir = dataDir()
  const writers: Writer[] = Array.from({ length: WRITERS }, () => ({ names: [], acknowledged: new Map(), inFlight: undefined }))
  let acknowledgedTotal = 0

  for (let round = 0; round < ROUNDS; round++) {
    const emulator = await startEmulatorProcess(dir, ['--provisioning-delay-ms', String(PROVISIONING_MS)])
    let stopping = false
    const load = writers.map(async (writer, index) => {
      for (let n = 0; !stopping; n++) {
        // New names and updates of this writer's own names, so each name has one writer and a known last content.
        const name = n % 3 === 2 && writer.names.length > 0 ? writer.names[n % writer.names.length] ?? 'w' : `w${String(index)}_r${String(round)}_${String(n)}`
        const marker = `${name}@${String(round)}.${String(n)}`
        writer.inFlight = { name, marker }
        try {
          const status = await put(emulator.origin, name, marker)
          if (status === 200 || status === 201) {
            if (!writer.names.includes(name)) writer.names.push(name)
            writer.acknowledged.set(name, marker)
            writer.inFlight = undefined
            acknowledgedTotal++
          } else {
            t.fail(`PUT ${name} answered ${String(status)}`)
          }
        } catch {
          return // The connection died with the process: this write stays in flight.
        }
      }
    })
    // Kill at a random moment of the load.
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1200))
    emulator.child.kill('SIGKILL')
    stopping = true
    t.match(await emulator.exited, { signal: 'SIGKILL' })
    await Promise.all(load)

    const restarted = await startEmulatorProcess(dir, ['--provisioning-delay-ms', String(PROVISIONING_MS)])
    let checked = 0
    let provisioning = 0
    for (const writer of writers) {
      for (const [name, marker] of writer.acknowledged) {
        const read = await readMarker(restarted.origin, name)
        const allowed = writer.inFlight?.name === name ? [marker, writer.inFlight.marker] : [marker]
        if (read.status !== 200 || !allowed.includes(String(read.marker))) {
          t.fail(`${name}: acknowledged ${marker}, read ${JSON.stringify(read)}`)
        }
        // A write in flight at the crash may have been stored: from now on, what was read is what counts.
        writer.acknowledged.set(name, String(read.marker))
        if (read.provisioningState === 'Provisioning') provisioning++
        checked++
      }
      writer.inFlight = undefined
    }
    t.comment(`round ${String(round + 1)}: ${String(checked)} acknowledged resources read back, ${String(provisioning)} still provisioning after the crash`)

    // Provisioning interrupted by the crash still ends.
    await new Promise((resolve) => setTimeout(resolve, PROVISIONING_MS + 200))
    for (const writer of writers) {
      for (const name of writer.acknowledged.keys()) {
        const read = await readMarker(restarted.origin, name)
        if (read.provisioningState !== 'Succeeded') t.fail(`${name} is ${String(read.provisioningState)} after its provisioning time`)
      }
    }
    restarted.child.kill('SIGTERM')
    t.match(await restarted.exited, { code: 0 })
  }
  t.ok(acknowledgedTotal > WRITERS * ROUNDS, `${String(acknowledgedTotal)} writes acknowledged in all`)
})
