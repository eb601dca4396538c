import t from 'tap'
import { API, HUB, dataDir, linkBody, put, startEmulatorProcess } from './helpers.js'

t.test('100 simultaneous PUTs of one new name: one 201, 99 times 200, one stored resource', async (t) => {
  const emulator = await startEmulatorProcess(dataDir())
  t.teardown(() => { emulator.child.kill('SIGTERM') })
  const statuses = await Promise.all(Array.from({ length: 100 }, async (_, index) => await put(emulator.origin, 'Contested', `writer ${String(index)}`)))
  t.equal(statuses.filter((status) => status === 201).length, 1)
  t.equal(statuses.filter((status) => status === 200).length, 99)
  const list = await (await fetch(`${emulator.origin}${HUB}/links${API}`)).json() as { value: { name: string }[] }
  t.strictSame(list.value.map((link) => link.name), ['hub/Contested'])
  const stored = await (await fetch(`${emulator.origin}/_emulator/resources`)).json() as { value: unknown[] }
  t.equal(stored.value.length, 1)
})

t.test('a storm of interleaved PUT, DELETE and GET on a few names: no 5xx, and a consistent state after', async (t) => {
  const emulator = await startEmulatorProcess(dataDir(), ['--provisioning-delay-ms', '0'])
  t.teardown(() => { emulator.child.kill('SIGTERM') })
  const names = ['s0', 's1', 's2', 's3', 's4']
  const statuses = new Map<number, number>()
  const deadline = Date.now() + 4000
  await Promise.all(Array.from({ length: 40 }, async (_, client) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const name = names[(client + n) % names.length] ?? 's0'
      const kind = (client * 7 + n) % 3
      const url = `${emulator.origin}${HUB}/links/${name}${API}`
      const response = kind === 0
        ? await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: linkBody(`${String(client)}.${String(n)}`) })
        : await fetch(url, { method: kind === 1 ? 'DELETE' : 'GET' })
      await response.arrayBuffer()
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
    }
  }))
  t.comment(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`)
  t.notOk([...statuses.keys()].some((status) => status >= 500), 'no 5xx')
  t.ok([...statuses.keys()].every((status) => [200, 201, 204, 404].includes(status)))

  // Every name is either readable and listed, or gone from both; and what is listed reads back the same.
  const listed = await (await fetch(`${emulator.origin}${HUB}/links${API}`)).json() as { value: { name: string, properties: unknown }[] }
  for (const name of names) {
    const response = await fetch(`${emulator.origin}${HUB}/links/${name}${API}`)
    const inList = listed.value.find((link) => link.name === `hub/${name}`)
    if (response.status === 200) t.strictSame(await response.json(), inList, `${name} reads as listed`)
    else t.equal(inList, undefined, `${name} is gone from the list too`)
  }
})
