import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { ArmError } from '../src/errors.js'

/** What the emulator adds beyond ARM lives under /_emulator/. */
export const EMULATOR_PATH_PREFIX = '/_emulator/'

const Health = Type.Object({ status: Type.Literal('Healthy') })

export default async function emulatorRoutes (app: FastifyInstance, options: { caCertificate: string | undefined }) {
  app.get(`${EMULATOR_PATH_PREFIX}health`, { schema: { response: { 200: Health } } }, async function health () {
    return { status: 'Healthy' as const }
  })

  /** The certificate a client trusts for HTTPS, for `NODE_EXTRA_CA_CERTS`, `REQUESTS_CA_BUNDLE`, `curl --cacert`. */
  app.get(`${EMULATOR_PATH_PREFIX}ca.pem`, async function caCertificate (_request, reply) {
    if (options.caCertificate === undefined) throw new ArmError(404, 'NotFound', 'HTTPS is off, so there is no certificate to trust.')
    return reply.type('application/x-pem-file').send(options.caCertificate)
  })
}
