import { PROVISIONING_STATE, defineResourceType } from '../src/engine/resource-type.js'
import { CHILD_NAME } from '../src/provider/names.js'
import { RelationshipDefinition } from '../src/schemas/relationship.js'
import { hubs } from './hubs.js'
import { profiles } from './profiles.js'

export const relationships = defineResourceType({
  kind: 'relationship',
  segment: 'relationships',
  nameParameter: 'relationshipName',
  parent: hubs,
  nameRule: CHILD_NAME,
  versions: {
    '2017-04-26': { definition: RelationshipDefinition },
    '2017-01-01': { definition: RelationshipDefinition }
  },
  provisioning: PROVISIONING_STATE,
  put: { declared: [200, 202], longRunning: true },
  delete: { declared: [200, 202], longRunning: true },
  properties: (definition, { names, name }) => ({
    ...definition,
    cardinality: definition.cardinality ?? 'OneToOne',
    relationshipName: name,
    tenantId: (names[0] as string).toLowerCase()
  }),
  references: (definition) => [
    { property: 'profileType', type: profiles, name: String(definition.profileType) },
    { property: 'relatedProfileType', type: profiles, name: String(definition.relatedProfileType) }
  ]
})
