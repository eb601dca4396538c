import { mapObjects, renameKeys } from '../src/engine/rendering.js'
import { PROVISIONING_STATE, defineResourceType, type Json } from '../src/engine/resource-type.js'
import { entityTypeProperties } from '../src/provider/entity-types.js'
import { TYPE_NAME } from '../src/provider/names.js'
import { InteractionTypeDefinition, InteractionTypeDefinition20170101 } from '../src/schemas/entity-type.js'
import { hubs } from './hubs.js'
import { relationships } from './relationships.js'

// 2017-01-01 names a participant's property references after the interaction and the profile.
const OLDER_REFERENCE = { interactionPropertyName: 'sourcePropertyName', profilePropertyName: 'targetPropertyName' }
const NEWER_REFERENCE = { sourcePropertyName: 'interactionPropertyName', targetPropertyName: 'profilePropertyName' }

function withParticipantReferences (properties: Json, names: Record<string, string>): Json {
  if (properties.participantProfiles === undefined) return properties
  return {
    ...properties,
    participantProfiles: mapObjects(properties.participantProfiles, (participant) => ({
      ...participant,
      participantPropertyReferences: mapObjects(participant.participantPropertyReferences, (reference) => renameKeys(reference, names))
    }))
  }
}

export const interactions = defineResourceType({
  kind: 'interaction type',
  segment: 'interactions',
  nameParameter: 'interactionName',
  parent: hubs,
  nameRule: TYPE_NAME,
  versions: {
    '2017-04-26': { definition: InteractionTypeDefinition },
    '2017-01-01': {
      definition: InteractionTypeDefinition20170101,
      toStored: (properties) => withParticipantReferences(properties, OLDER_REFERENCE),
      fromStored: (properties) => withParticipantReferences(properties, NEWER_REFERENCE)
    }
  },
  display: { singular: 'Interaction', plural: 'Interactions' },
  provisioning: PROVISIONING_STATE,
  // The swagger declares no delete for interaction types.
  put: { declared: [200, 202], longRunning: true },
  properties: (definition, { names, name }) => entityTypeProperties(definition, 'Interaction', name, names[0] as string),
  actions: [{
    name: 'suggestRelationshipLinks',
    on: 'item',
    status: 200,
    // Each ordered pair of the interaction's participant profiles could be related through it, with the relationship
    // between them that already exists, if one does.
    handle: ({ resource, list }) => {
      const participants = (resource?.properties.participantProfiles ?? []) as Json[]
      const existing = list(relationships)
      const references = (participant: Json) => mapObjects(participant.participantPropertyReferences,
        (reference) => ({ interactionPropertyName: reference.sourcePropertyName, profilePropertyName: reference.targetPropertyName }))
      const suggestedRelationships = participants.flatMap((profile) => participants
        .filter((related) => related !== profile)
        .map((related) => {
          const relationship = existing.find(({ properties }) =>
            String(properties.profileType).toLowerCase() === String(profile.profileTypeName).toLowerCase() &&
            String(properties.relatedProfileType).toLowerCase() === String(related.profileTypeName).toLowerCase())
          return {
            profileName: profile.profileTypeName,
            profilePropertyReferences: references(profile),
            relatedProfileName: related.profileTypeName,
            relatedProfilePropertyReferences: references(related),
            ...(relationship === undefined ? {} : { existingRelationshipName: relationship.name })
          }
        }))
      return { interactionName: resource?.name, suggestedRelationships }
    }
  }]
})
