import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { resolveResourceManagerApiVersion, type ArmQuery } from '../src/arm/api-version.js'
import { cloudDocument, endpointsDocument } from '../src/arm/cloud.js'
import { JSON_CONTENT_TYPE } from '../src/arm/headers.js'
import { originOf } from '../src/arm/origin.js'
import { rejectOtherMethods } from '../src/arm/routing.js'
import type { Runtime } from '../src/settings.js'

/**
 * The versions of the cloud's metadata, newest first: 2015-01-01 is the form `az cloud register` reads; 2019-05-01 lists
 * clouds (the Azure CLI's `ARM_CLOUD_METADATA_URL`); 2020-06-01 and 2022-09-01 describe the one cloud (Terraform's
 * `metadata_host`).
 */
export const METADATA_API_VERSIONS = ['2022-09-01', '2020-06-01', '2019-05-01', '2015-01-01'] as const

/** `az cloud register` asks for `//metadata/endpoints` of an endpoint that ends with '/': the router reads it as this. */
const METADATA_URL = '/metadata/endpoints'

/** What a client that discovers a cloud reads first; no token, since it comes before any login. */
export default async function cloudMetadataRoutes (app: FastifyInstance, options: { runtime: Runtime }) {
  const { runtime } = options

  async function getMetadata (request: FastifyRequest, reply: FastifyReply) {
    const version = resolveResourceManagerApiVersion(request.query as ArmQuery, METADATA_API_VERSIONS, runtime.apiVersionCheck)
    const origin = originOf(request)
    void reply.header('content-type', JSON_CONTENT_TYPE)
    if (version === '2015-01-01') return endpointsDocument(origin)
    // The Azure CLI 2.45 reads the list and accepts only an ADFS login endpoint as a local one.
    if (version === '2019-05-01') return [cloudDocument(origin, 'adfs', runtime.tenantId)]
    return cloudDocument(origin, 'aad', runtime.tenantId)
  }

  app.route({ method: 'GET', url: METADATA_URL, config: { anonymous: true }, handler: getMetadata })
  rejectOtherMethods(app, METADATA_URL, ['GET'])
}
