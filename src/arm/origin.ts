import type { FastifyRequest } from 'fastify'

/** The origin a client reached the emulator at: every URL the emulator answers with is on it. */
export function originOf (request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`
}
