import type { FastifyInstance } from 'fastify'
import type { OperationStore } from '../db/operation-store.js'
import type { ResourceStore } from '../db/resource-store.js'
import type { WriteBatcher } from '../db/write-batcher.js'
import { childResourceRoutes, type ChildResourceType } from '../src/arm/child-resource-routes.js'
import { translateLinkSeedFields } from '../src/arm/link-seed-fields.js'
import { LinkPutBody, LinkPutParams, type LinkDefinition } from '../src/schemas/link.js'
import type { Runtime } from '../src/settings.js'


export const links: ChildResourceType<LinkDefinition> = {
  kind: 'link',
  type: 'Microsoft.CustomerInsights/hubs/links',
  collection: 'links',
  nameParameter: 'linkName',
  schemas: { putParams: LinkPutParams, putBody: LinkPutBody },
  translateFlatFields: translateLinkSeedFields,
  // The swagger's examples answer referenceOnly: false when the client left it out.
  properties: (definition) => ({ ...definition, referenceOnly: definition.referenceOnly ?? false })
}

export default async function linkRoutes (
  app: FastifyInstance, options: { store: ResourceStore, operations: OperationStore, writes: WriteBatcher, runtime: Runtime }
) {
  await childResourceRoutes(app, { resourceType: links, ...options })
}
