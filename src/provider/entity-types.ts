import { mapObjects } from '../engine/rendering.js'
import type { Json } from '../engine/resource-type.js'

/** The flags of a field the service always shows, `false` when the client left them out. */
const FIELD_FLAGS = ['isArray', 'isRequired', 'isEnum', 'isFlagEnum', 'isImage', 'isLocalizedString', 'isName'] as const

/** The service numbers fields `id1`, `id2`, … in order; a field named `ProfileId` is `PROFILEID` and not counted. */
const PROFILE_ID_FIELD = 'ProfileId'

/**
 * A profile or interaction type as the service shows it: its kind, no instances yet, its own name as `typeName`, its
 * hub as `tenantId`, and each field with every flag and a property id.
 */
export function entityTypeProperties (definition: Json, entityType: 'Profile' | 'Interaction', name: string, hub: string): Json {
  let counter = 0
  const properties: Json = { ...definition, entityType }
  if (definition.fields !== undefined) {
    properties.fields = mapObjects(definition.fields, (field) => {
      const shown: Json = { ...field }
      for (const flag of FIELD_FLAGS) shown[flag] = field[flag] ?? false
      shown.propertyId = field.fieldName === PROFILE_ID_FIELD ? 'PROFILEID' : `id${++counter}`
      return shown
    })
  }
  return { ...properties, instancesCount: 0, tenantId: hub.toLowerCase(), typeName: name }
}

const PROFILE_STRONG_ID = { keyPropertyNames: [PROFILE_ID_FIELD], strongIdName: PROFILE_ID_FIELD }

/** Every profile type has the `ProfileId` strong id, appended unless the client gave it already. */
export function withProfileStrongId (strongIds: unknown): Json[] {
  const given = Array.isArray(strongIds) ? strongIds as Json[] : []
  const present = given.some((strongId) => strongId.strongIdName === PROFILE_ID_FIELD &&
    JSON.stringify(strongId.keyPropertyNames) === JSON.stringify(PROFILE_STRONG_ID.keyPropertyNames))
  return present ? given : [...given, { ...PROFILE_STRONG_ID, keyPropertyNames: [...PROFILE_STRONG_ID.keyPropertyNames] }]
}
