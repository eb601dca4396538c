import { PROVISIONING_STATE, defineResourceType } from '../src/engine/resource-type.js'
import { CHILD_NAME } from '../src/provider/names.js'
import { RelationshipLinkDefinition } from '../src/schemas/relationship-link.js'
import { hubs } from './hubs.js'
import { interactions } from './interactions.js'
import { relationships } from './relationships.js'

export const relationshipLinks = defineResourceType({
  kind: 'relationship link',
  segment: 'relationshipLinks',
  nameParameter: 'relationshipLinkName',
  parent: hubs,
  nameRule: CHILD_NAME,
  versions: {
    '2017-04-26': { definition: RelationshipLinkDefinition },
    '2017-01-01': { definition: RelationshipLinkDefinition }
  },
  provisioning: PROVISIONING_STATE,
  put: { declared: [200, 202], longRunning: true },
  delete: { declared: [200, 202], longRunning: true },
  properties: (definition, { names, name }) => ({ ...definition, tenantId: (names[0] as string).toLowerCase(), linkName: name }),
  references: (definition) => [
    { property: 'interactionType', type: interactions, name: String(definition.interactionType) },
    { property: 'relationshipName', type: relationships, name: String(definition.relationshipName) }
  ]
})
