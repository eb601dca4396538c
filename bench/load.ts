// One autocannon run, in its own process so the load generator does not share an event loop with the orchestrator.
// Reads a LoadSpec as JSON from argv[2]; prints a LoadResult as JSON on stdout.
import autocannon from 'autocannon'

export interface LoadSpec {
  origin: string
  method: 'GET' | 'PUT'
  path: string
  /** With it, each request's path ends with a new name: `${path}${namePrefix}${n}`. */
  namePrefix?: string
  body?: string
  /** Instead of `body`: each request sends the next of these in turn. */
  bodies?: string[]
  connections: number
  durationSeconds?: number
  amount?: number
}

export interface LoadResult {
  requestsPerSecond: number
  p50: number
  p99: number
  requests: number
  errors: number
  non2xx: number
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec
let counter = 0
const query = '?api-version=2017-04-26'
const result = await autocannon({
  url: spec.origin,
  connections: spec.connections,
  ...(spec.amount === undefined ? { duration: spec.durationSeconds ?? 5 } : { amount: spec.amount }),
  requests: [{
    method: spec.method,
    headers: { 'content-type': 'application/json' },
    ...(spec.body === undefined ? {} : { body: spec.body }),
    setupRequest: (request) => {
      const n = counter++
      return {
        ...request,
        path: spec.namePrefix === undefined ? `${spec.path}${query}` : `${spec.path}${spec.namePrefix}${n}${query}`,
        ...(spec.bodies === undefined ? {} : { body: spec.bodies[n % spec.bodies.length] })
      }
    }
  }]
})
const output: LoadResult = {
  requestsPerSecond: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  requests: result.requests.total,
  errors: result.errors,
  non2xx: result.non2xx
}
process.stdout.write(JSON.stringify(output))
