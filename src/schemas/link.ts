import { Type, type Static } from '@sinclair/typebox'
import { LocalizedStrings, ProvisioningState, StringEnum, putParams, listResult, proxyResource } from './common.js'

// Swagger definitions: LinkDefinition, TypePropertiesMapping, ParticipantPropertyReference.
const EntityType = StringEnum(['None', 'Profile', 'Interaction', 'Relationship'] as const)

const TypePropertiesMapping = Type.Object({
  sourcePropertyName: Type.String(),
  targetPropertyName: Type.String(),
  linkType: Type.Optional(StringEnum(['UpdateAlways', 'CopyIfNull'] as const))
}, { additionalProperties: false })

const ParticipantPropertyReference = Type.Object({
  sourcePropertyName: Type.String(),
  targetPropertyName: Type.String()
}, { additionalProperties: false })

/** What a client may write. Read-only and unknown fields are not listed, so validation drops them. */
export const LinkDefinition = Type.Object({
  sourceEntityType: EntityType,
  targetEntityType: EntityType,
  sourceEntityTypeName: Type.String(),
  targetEntityTypeName: Type.String(),
  displayName: Type.Optional(LocalizedStrings),
  description: Type.Optional(LocalizedStrings),
  mappings: Type.Optional(Type.Array(TypePropertiesMapping)),
  participantPropertyReferences: Type.Array(ParticipantPropertyReference),
  referenceOnly: Type.Optional(Type.Boolean()),
  operationType: Type.Optional(StringEnum(['Upsert', 'Delete'] as const))
}, { additionalProperties: false })
export type LinkDefinition = Static<typeof LinkDefinition>

export const LinkPutBody = Type.Object({ properties: LinkDefinition }, { additionalProperties: false })

export const LinkProperties = Type.Composite([
  Type.Omit(LinkDefinition, ['referenceOnly']),
  Type.Object({
    referenceOnly: Type.Boolean(),
    tenantId: Type.String(),
    linkName: Type.String(),
    provisioningState: ProvisioningState
  })
], { additionalProperties: false })

export const LinkResource = proxyResource(LinkProperties)
export type LinkResource = Static<typeof LinkResource>
export const LinkList = listResult(LinkResource)

export const LinkPutParams = putParams('linkName')
