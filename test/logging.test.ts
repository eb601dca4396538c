import type { IncomingMessage } from 'node:http'
import t from 'tap'
import { pino } from 'pino'
import { requestIdGenerator } from '../src/arm/headers.js'
import { childLoggerFactory, loggerOptions } from '../src/logging.js'

function collector () {
  const lines: Record<string, unknown>[] = []
  return { lines, stream: { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>) } } }
}

function requestLogger (level: 'info' | 'warn') {
  const output = collector()
  const root = pino(loggerOptions(level), output.stream)
  const raw = { headers: { 'x-ms-correlation-request-id': 'corr-9' } } as unknown as IncomingMessage
  requestIdGenerator(() => 'generated')(raw)
  return { output, log: childLoggerFactory.call(undefined as never, root, { requestId: 'req-9' }, {}, raw) }
}

t.test('a request logger writes at the enabled levels with the request and correlation ids', async (t) => {
  const { output, log } = requestLogger('info')
  log.trace('not written')
  log.debug('not written')
  log.silent('never written')
  log.info({ extra: 1 }, 'written')
  log.warn('warned')
  log.error('failed')
  log.fatal('fatal')
  t.match(output.lines, [
    { level: 30, requestId: 'req-9', correlationId: 'corr-9', extra: 1, msg: 'written' },
    { level: 40, msg: 'warned' },
    { level: 50, msg: 'failed' },
    { level: 60, msg: 'fatal' }
  ])
  t.equal(output.lines.length, 4)
  log.child({ step: 'inner' }).info('from a child')
  t.match(output.lines.at(-1), { requestId: 'req-9', correlationId: 'corr-9', step: 'inner', msg: 'from a child' })
})

t.test('a request logger below its level makes no child logger, and its level can be changed for the request', async (t) => {
  const { output, log } = requestLogger('warn')
  log.info('skipped')
  t.equal(log.level, 'warn')
  t.strictSame(output.lines, [])
  log.level = 'debug'
  t.equal(log.level, 'debug')
  log.debug('now written')
  t.match(output.lines, [{ level: 20, requestId: 'req-9', msg: 'now written' }])
})
