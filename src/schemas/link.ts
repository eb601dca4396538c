import { Type, type Static } from '@sinclair/typebox'
import { EntityTypeKind, LinkType, LocalizedStrings, Strict, StringEnum } from './common.js'

// Swagger 2017-04-26: LinkDefinition, TypePropertiesMapping, ParticipantPropertyReference.
const TypePropertiesMapping = Strict({
  sourcePropertyName: Type.String(),
  targetPropertyName: Type.String(),
  linkType: Type.Optional(LinkType)
})

const ParticipantPropertyReference = Strict({
  sourcePropertyName: Type.String(),
  targetPropertyName: Type.String()
})

const OperationType = StringEnum(['Upsert', 'Delete'] as const)

/** What a client may write. Read-only and unknown fields are not listed, so validation drops them. */
export const LinkDefinition = Strict({
  sourceEntityType: EntityTypeKind,
  targetEntityType: EntityTypeKind,
  sourceEntityTypeName: Type.String(),
  targetEntityTypeName: Type.String(),
  displayName: Type.Optional(LocalizedStrings),
  description: Type.Optional(LocalizedStrings),
  mappings: Type.Optional(Type.Array(TypePropertiesMapping)),
  participantPropertyReferences: Type.Array(ParticipantPropertyReference),
  referenceOnly: Type.Optional(Type.Boolean()),
  operationType: Type.Optional(OperationType)
})
export type LinkDefinition = Static<typeof LinkDefinition>

// Swagger 2017-01-01: the same definitions with the older names, and a mapping's isProfileTypeId.
const TypePropertiesMapping20170101 = Strict({
  interactionTypePropertyName: Type.String(),
  profileTypePropertyName: Type.String(),
  isProfileTypeId: Type.Optional(Type.Boolean()),
  linkType: Type.Optional(LinkType)
})

export const ParticipantPropertyReference20170101 = Strict({
  interactionPropertyName: Type.String(),
  profilePropertyName: Type.String()
})

export const LinkDefinition20170101 = Strict({
  sourceInteractionType: Type.String(),
  targetProfileType: Type.String(),
  displayName: Type.Optional(LocalizedStrings),
  description: Type.Optional(LocalizedStrings),
  mappings: Type.Optional(Type.Array(TypePropertiesMapping20170101)),
  participantPropertyReferences: Type.Array(ParticipantPropertyReference20170101),
  referenceOnly: Type.Optional(Type.Boolean()),
  operationType: Type.Optional(OperationType)
})
