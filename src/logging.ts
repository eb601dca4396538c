import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import type { Logger, LoggerOptions } from 'pino'
import { correlationIdOf } from './arm/headers.js'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = typeof LOG_LEVELS[number]

export function loggerOptions (level: LogLevel): LoggerOptions {
  return {
    level,
    redact: { paths: ['req.headers.authorization'], censor: '[redacted]' },
    serializers: {
      req (request: { method: string, url: string, headers: Record<string, unknown>, socket?: { remoteAddress?: string } }) {
        return {
          method: request.method,
          url: request.url,
          headers: request.headers,
          remoteAddress: request.socket?.remoteAddress
        }
      }
    }
  }
}

type Bindings = Parameters<FastifyBaseLogger['child']>[0]
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1]
/** Fastify's logger is the pino instance built from loggerOptions, so it can say which levels are on. */
type PinoLike = FastifyBaseLogger & Pick<Logger, 'isLevelEnabled'>
type RawRequest = Parameters<NonNullable<FastifyServerOptions['childLoggerFactory']>>[3]

/**
 * A request's logger, made only when it first writes a line at an enabled level: at the default level every request
 * logs, but with `warn` or above most never do, and pino's child loggers cost a few microseconds each.
 */
class RequestLogger implements FastifyBaseLogger {
  #child: PinoLike | undefined

  constructor (readonly parent: PinoLike, readonly bindings: Bindings, readonly options: ChildOptions, readonly raw: RawRequest) {}

  get level (): string { return (this.#child ?? this.parent).level }
  set level (level: string) { this.#real().level = level }

  fatal (...args: unknown[]): void { this.#write('fatal', args) }
  error (...args: unknown[]): void { this.#write('error', args) }
  warn (...args: unknown[]): void { this.#write('warn', args) }
  info (...args: unknown[]): void { this.#write('info', args) }
  debug (...args: unknown[]): void { this.#write('debug', args) }
  trace (...args: unknown[]): void { this.#write('trace', args) }
  silent (): void {}

  child (bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options)
  }

  #write (level: Exclude<LogLevel, 'silent'>, args: unknown[]): void {
    if (!(this.#child ?? this.parent).isLevelEnabled(level)) return
    const child = this.#real()
    Reflect.apply(child[level], child, args)
  }

  #real (): PinoLike {
    this.#child ??= this.parent.child({ ...this.bindings, correlationId: correlationIdOf(this.raw) }, this.options) as PinoLike
    return this.#child
  }
}

/** Every request's log lines carry its correlation id beside Fastify's request id. */
export const childLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> =
  function (logger, bindings, options, rawRequest) {
    return new RequestLogger(logger as PinoLike, bindings, options, rawRequest)
  }

/** What is kept of each answered request besides its log line: the request journal. */
export type RequestRecorder = (request: FastifyRequest, reply: FastifyReply) => void

/**
 * The request log: one line per answered request at info, Fastify's "request completed" with the method and URL
 * added, and at debug also Fastify's line as each request arrives, with its headers (`Authorization` redacted).
 * Fastify writes both lines at info; on the default level that doubled what logging costs each request.
 * Fastify calls `requestCompleted` once per answered request, so the request is recorded there too: an onResponse
 * hook of its own would cost every request another run of Fastify's hook machinery.
 */
export class RequestLogController extends LogController {
  readonly #record: RequestRecorder

  constructor (record: RequestRecorder) {
    super({ requestIdLogLabel: 'requestId' })
    this.#record = record
  }

  override incomingRequest (request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request')
  }

  override requestCompleted (error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    this.#record(request, reply)
    const line = { method: request.method, url: request.url, res: reply, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
