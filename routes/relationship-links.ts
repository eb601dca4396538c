import type { FastifyInstance } from 'fastify'
import type { OperationStore } from '../db/operation-store.js'
import type { ResourceStore } from '../db/resource-store.js'
import type { WriteBatcher } from '../db/write-batcher.js'
import { childResourceRoutes, type ChildResourceType } from '../src/arm/child-resource-routes.js'
import {
  RelationshipLinkPutBody, RelationshipLinkPutParams,
  type RelationshipLinkDefinition
} from '../src/schemas/relationship-link.js'
import type { Runtime } from '../src/settings.js'


export const relationshipLinks: ChildResourceType<RelationshipLinkDefinition> = {
  kind: 'relationship link',
  type: 'Microsoft.CustomerInsights/hubs/relationshipLinks',
  collection: 'relationshipLinks',
  nameParameter: 'relationshipLinkName',
  schemas: {
    putParams: RelationshipLinkPutParams,
    putBody: RelationshipLinkPutBody
  },
  // relationshipGuidId is minted when the relationship link is created and kept across updates.
  properties: (definition, guid) => ({ ...definition, relationshipGuidId: guid })
}

export default async function relationshipLinkRoutes (
  app: FastifyInstance, options: { store: ResourceStore, operations: OperationStore, writes: WriteBatcher, runtime: Runtime }
) {
  await childResourceRoutes(app, { resourceType: relationshipLinks, ...options })
}
