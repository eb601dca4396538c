import type { FastifyServerOptions } from 'fastify'
import type { LoggerOptions } from 'pino'
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

/** Every request's log lines carry its correlation id beside Fastify's request id. */
export const childLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> =
  function (logger, bindings, options, rawRequest) {
    return logger.child({ ...bindings, correlationId: correlationIdOf(rawRequest) }, options)
  }
