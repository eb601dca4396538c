import { translateLinkSeedFields } from '../src/arm/link-seed-fields.js'
import { mapObjects, renameKeys } from '../src/engine/rendering.js'
import { PROVISIONING_STATE, defineResourceType, type Json } from '../src/engine/resource-type.js'
import { LinkDefinition, LinkDefinition20170101 } from '../src/schemas/link.js'
import { hubs } from './hubs.js'
import { entityTypeOf } from '../src/provider/entity-kinds.js'
import { CHILD_NAME } from '../src/provider/names.js'

// 2017-01-01 names a mapping's and a participant reference's properties after the interaction and the profile.
const OLDER_MAPPING = { interactionTypePropertyName: 'sourcePropertyName', profileTypePropertyName: 'targetPropertyName' }
const OLDER_REFERENCE = { interactionPropertyName: 'sourcePropertyName', profilePropertyName: 'targetPropertyName' }
const inverse = (names: Record<string, string>) => Object.fromEntries(Object.entries(names).map(([older, newer]) => [newer, older]))
const NEWER_MAPPING = inverse(OLDER_MAPPING)
const NEWER_REFERENCE = inverse(OLDER_REFERENCE)

/** A 2017-01-01 link in the stored shape: an interaction's source, a profile's target; `isProfileTypeId` is kept. */
function from20170101 (properties: Json): Json {
  const stored: Json = {}
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'sourceInteractionType') Object.assign(stored, { sourceEntityType: 'Interaction', sourceEntityTypeName: value })
    else if (key === 'targetProfileType') Object.assign(stored, { targetEntityType: 'Profile', targetEntityTypeName: value })
    else if (key === 'mappings') stored.mappings = mapObjects(value, (mapping) => renameKeys(mapping, OLDER_MAPPING))
    else if (key === 'participantPropertyReferences') stored[key] = mapObjects(value, (reference) => renameKeys(reference, OLDER_REFERENCE))
    else stored[key] = value
  }
  return stored
}

/**
 * A stored link as 2017-01-01 shows it. That version knows only interactions as sources and profiles as targets: a
 * link between other kinds shows its type names there all the same, and a 2017-01-01 PUT of it makes them those kinds.
 */
function to20170101 (properties: Json): Json {
  const shown: Json = {}
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'sourceEntityTypeName') shown.sourceInteractionType = value
    else if (key === 'targetEntityTypeName') shown.targetProfileType = value
    else if (key === 'sourceEntityType' || key === 'targetEntityType') continue
    else if (key === 'mappings') shown.mappings = mapObjects(value, (mapping) => renameKeys(mapping, NEWER_MAPPING))
    else if (key === 'participantPropertyReferences') shown[key] = mapObjects(value, (reference) => renameKeys(reference, NEWER_REFERENCE))
    else shown[key] = value
  }
  return shown
}

/** 2017-04-26 has no `isProfileTypeId`: a link written in 2017-01-01 shows its mappings without it. */
function to20170426 (properties: Json): Json {
  const mappings = properties.mappings
  if (!Array.isArray(mappings) || !mappings.some((mapping) => Object.hasOwn(mapping as Json, 'isProfileTypeId'))) return properties
  return { ...properties, mappings: mapObjects(mappings, ({ isProfileTypeId: _, ...mapping }) => mapping) }
}

export const links = defineResourceType({
  kind: 'link',
  segment: 'links',
  nameParameter: 'linkName',
  parent: hubs,
  nameRule: CHILD_NAME,
  versions: {
    '2017-04-26': { definition: LinkDefinition, fromStored: to20170426, translateFlatFields: translateLinkSeedFields },
    '2017-01-01': {
      definition: LinkDefinition20170101,
      toStored: from20170101,
      fromStored: to20170101,
      renamed: { sourceEntityTypeName: 'sourceInteractionType', targetEntityTypeName: 'targetProfileType' }
    }
  },
  provisioning: PROVISIONING_STATE,
  put: { declared: [200, 202], longRunning: true },
  delete: { declared: [200, 202], longRunning: false },
  // The swagger's examples answer referenceOnly: false when the client left it out.
  properties: (definition, { names, name }) => ({
    ...definition,
    referenceOnly: definition.referenceOnly ?? false,
    tenantId: (names[0] as string).toLowerCase(),
    linkName: name
  }),
  references: (definition) => [
    ...entityTypeOf(definition.sourceEntityType, definition.sourceEntityTypeName, 'sourceEntityTypeName'),
    ...entityTypeOf(definition.targetEntityType, definition.targetEntityTypeName, 'targetEntityTypeName')
  ]
})
