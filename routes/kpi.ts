import { PROVISIONING_STATE, defineResourceType, type Json } from '../src/engine/resource-type.js'
import { entityTypeOf } from '../src/provider/entity-kinds.js'
import { CHILD_NAME } from '../src/provider/names.js'
import { KpiDefinition } from '../src/schemas/kpi.js'
import { hubs } from './hubs.js'

export const kpi = defineResourceType({
  kind: 'KPI',
  segment: 'kpi',
  nameParameter: 'kpiName',
  parent: hubs,
  nameRule: CHILD_NAME,
  versions: {
    '2017-04-26': { definition: KpiDefinition },
    '2017-01-01': { definition: KpiDefinition }
  },
  display: { singular: 'Key Performance Indicator', plural: 'Key Performance Indicators' },
  provisioning: PROVISIONING_STATE,
  put: { declared: [200, 202], longRunning: true },
  delete: { declared: [200, 202], longRunning: true },
  // What the service computes from the entity type the KPI is over, as it is when the KPI is written: each grouping
  // field's metadata, and an interaction's participant profiles.
  properties: (definition, { names, name, find }) => {
    const [entityType] = entityTypeOf(definition.entityType, definition.entityTypeName, 'entityTypeName')
    const entity = entityType === undefined ? undefined : find(entityType.type, entityType.name)?.properties
    const fields = Array.isArray(entity?.fields) ? entity.fields as Json[] : []
    const participants = Array.isArray(entity?.participantProfiles) ? entity.participantProfiles as Json[] : []
    const properties: Json = { ...definition, kpiName: name, tenantId: (names[0] as string).toLowerCase() }
    if (Array.isArray(definition.groupBy)) {
      properties.groupByMetadata = (definition.groupBy as string[]).map((fieldName) => {
        const field = fields.find((candidate) => candidate.fieldName === fieldName)
        return { displayName: { 'en-us': fieldName }, fieldName, ...(field === undefined ? {} : { fieldType: field.fieldType }) }
      })
    }
    properties.participantProfilesMetadata = participants.map((participant) => ({ typeName: participant.profileTypeName }))
    return properties
  },
  references: (definition) => entityTypeOf(definition.entityType, definition.entityTypeName, 'entityTypeName'),
  actions: [
    // Reprocessing runs in the service's background; the emulator has nothing to recompute and accepts it.
    { name: 'reprocess', on: 'item', status: 202, handle: () => undefined }
  ]
})
