import { Type, type Static } from '@sinclair/typebox'

/** A string enum as a plain JSON Schema `enum`, so a bad value yields one clear validation error. */
export function StringEnum<const T extends readonly string[]> (values: T) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values] })
}

/** An object whose properties are all listed: anything else in a request is dropped by validation, not stored. */
export function Strict<T extends Parameters<typeof Type.Object>[0]> (properties: T) {
  return Type.Object(properties, { additionalProperties: false })
}

/** Localized strings keyed by locale, as `displayName` and `description` are in the swagger. */
export const LocalizedStrings = Type.Record(Type.String(), Type.String())

// Swagger: EntityType (x-ms-enum EntityTypes), the kinds of type a link, KPI or mapping names.
export const EntityTypeKind = StringEnum(['None', 'Profile', 'Interaction', 'Relationship'] as const)
// Swagger: linkType of TypePropertiesMapping and RelationshipLinkFieldMapping.
export const LinkType = StringEnum(['UpdateAlways', 'CopyIfNull'] as const)

export const ProvisioningState = StringEnum(['Provisioning', 'Succeeded', 'Failed'] as const)
export type ProvisioningState = Static<typeof ProvisioningState>

export const ArmErrorDetail = Type.Object({
  code: Type.String(),
  message: Type.String(),
  target: Type.Optional(Type.String())
})

export const ArmErrorObject = Type.Composite([ArmErrorDetail, Type.Object({ details: Type.Optional(Type.Array(ArmErrorDetail)) })])

export const OperationStatus = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: StringEnum(['InProgress', 'Succeeded', 'Failed'] as const),
  startTime: Type.String(),
  endTime: Type.Optional(Type.String()),
  error: Type.Optional(ArmErrorObject)
})
export type OperationStatus = Static<typeof OperationStatus>

/** The definition of a type no client writes (a catalogue, images): it has no PUT, so nothing is validated against it. */
export const NotWritten = Type.Never()
