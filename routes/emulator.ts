import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'

const Health = Type.Object({ status: Type.Literal('Healthy') })

/** What the emulator adds beyond ARM lives under /_emulator/. */
export default async function emulatorRoutes (app: FastifyInstance) {
  app.get('/_emulator/health', { schema: { response: { 200: Health } } }, async function health () {
    return { status: 'Healthy' as const }
  })
}
