import { PROVISIONING_STATE, defineResourceType, type Json } from '../src/engine/resource-type.js'
import { entityTypeProperties, withProfileStrongId } from '../src/provider/entity-types.js'
import { TYPE_NAME } from '../src/provider/names.js'
import { ProfileTypeDefinition } from '../src/schemas/entity-type.js'
import { hubs } from './hubs.js'
import { interactions } from './interactions.js'
import { kpi } from './kpi.js'

export const profiles = defineResourceType({
  kind: 'profile type',
  segment: 'profiles',
  nameParameter: 'profileName',
  parent: hubs,
  nameRule: TYPE_NAME,
  versions: {
    '2017-04-26': { definition: ProfileTypeDefinition },
    '2017-01-01': { definition: ProfileTypeDefinition }
  },
  display: { singular: 'Profile', plural: 'Profiles' },
  provisioning: PROVISIONING_STATE,
  put: { declared: [200, 202], longRunning: true },
  delete: { declared: [200, 202, 204], longRunning: true },
  properties: (definition, { names, name }) => ({
    ...entityTypeProperties(definition, 'Profile', name, names[0] as string),
    strongIds: withProfileStrongId(definition.strongIds)
  }),
  actions: [{
    name: 'getEnrichingKpis',
    on: 'item',
    status: 200,
    // The KPIs that enrich a profile type: those over it, and those over an interaction it takes part in.
    handle: ({ resource, list }) => {
      const profile = String(resource?.name).toLowerCase()
      const participating = new Set(list(interactions)
        .filter(({ properties }) => (properties.participantProfiles as Json[] | undefined)
          ?.some((participant) => String(participant.profileTypeName).toLowerCase() === profile))
        .map(({ name }) => name.toLowerCase()))
      return list(kpi)
        .filter(({ properties }) => {
          const over = String(properties.entityTypeName).toLowerCase()
          return (properties.entityType === 'Profile' && over === profile) || (properties.entityType === 'Interaction' && participating.has(over))
        })
        .map(({ properties }) => properties)
    }
  }]
})
