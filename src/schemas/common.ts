import { Type, type TSchema, type Static } from '@sinclair/typebox'

/** A string enum as a plain JSON Schema `enum`, so a bad value yields one clear validation error. */
export function StringEnum<const T extends readonly string[]> (values: T) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values] })
}

/** Localized strings keyed by locale, as `displayName` and `description` are in the swagger. */
export const LocalizedStrings = Type.Record(Type.String(), Type.String())

export const ProvisioningState = StringEnum(['Provisioning', 'Succeeded', 'Failed'] as const)
export type ProvisioningState = Static<typeof ProvisioningState>

// Swagger: linkName and relationshipLinkName on CreateOrUpdate.
export const CHILD_NAME_PATTERN = '^[a-zA-Z][a-zA-Z0-9_]+$'
export const CHILD_NAME_MAX_LENGTH = 512

export const HubParams = Type.Object({
  subscriptionId: Type.String(),
  resourceGroupName: Type.String(),
  hubName: Type.String()
})
export type HubParams = Static<typeof HubParams>

/** Parameters of a child resource's URL on PUT: the child name must follow the swagger's pattern. */
export function putParams<const K extends string> (nameParameter: K) {
  const name = Type.String({ pattern: CHILD_NAME_PATTERN, maxLength: CHILD_NAME_MAX_LENGTH })
  return Type.Composite([HubParams, Type.Object({ [nameParameter]: name } as Record<K, typeof name>)])
}

/** The ARM resource envelope of a proxy resource of the given type. */
export function proxyResource<P extends TSchema> (properties: P) {
  return Type.Object({
    id: Type.String(),
    name: Type.String(),
    type: Type.String(),
    properties
  })
}

export function listResult<R extends TSchema> (resource: R) {
  return Type.Object({
    value: Type.Array(resource),
    nextLink: Type.Optional(Type.String())
  })
}

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
