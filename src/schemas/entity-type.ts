import { Type } from '@sinclair/typebox'
import { EntityTypeKind, LocalizedStrings, Strict } from './common.js'
import { ParticipantPropertyReference20170101 } from './link.js'

// Swagger: MetadataDefinitionBase, EntityTypeDefinition, PropertyDefinition, ProfileEnumValidValuesFormat, StrongId,
// ProfileTypeDefinition, InteractionTypeDefinition, Participant (the same in both versions but for the names of a
// participant's property references).
export const MetadataDefinitionBase = {
  attributes: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
  description: Type.Optional(LocalizedStrings),
  displayName: Type.Optional(LocalizedStrings),
  localizedAttributes: Type.Optional(Type.Record(Type.String(), LocalizedStrings)),
  smallImage: Type.Optional(Type.String()),
  mediumImage: Type.Optional(Type.String()),
  largeImage: Type.Optional(Type.String())
}

const ProfileEnumValidValues = Strict({
  value: Type.Optional(Type.Integer()),
  localizedValueNames: Type.Optional(LocalizedStrings)
})

export const PropertyDefinition = Strict({
  arrayValueSeparator: Type.Optional(Type.String()),
  enumValidValues: Type.Optional(Type.Array(ProfileEnumValidValues)),
  fieldName: Type.String(),
  fieldType: Type.String(),
  isArray: Type.Optional(Type.Boolean()),
  isEnum: Type.Optional(Type.Boolean()),
  isFlagEnum: Type.Optional(Type.Boolean()),
  isImage: Type.Optional(Type.Boolean()),
  isLocalizedString: Type.Optional(Type.Boolean()),
  isName: Type.Optional(Type.Boolean()),
  isRequired: Type.Optional(Type.Boolean()),
  propertyId: Type.Optional(Type.String()),
  schemaItemPropLink: Type.Optional(Type.String()),
  maxLength: Type.Optional(Type.Integer()),
  isAvailableInGraph: Type.Optional(Type.Boolean())
})

const EntityTypeDefinition = {
  ...MetadataDefinitionBase,
  apiEntitySetName: Type.Optional(Type.String()),
  entityType: Type.Optional(EntityTypeKind),
  fields: Type.Optional(Type.Array(PropertyDefinition)),
  instancesCount: Type.Optional(Type.Integer()),
  schemaItemTypeLink: Type.Optional(Type.String()),
  timestampFieldName: Type.Optional(Type.String()),
  typeName: Type.Optional(Type.String())
}

const StrongId = Strict({
  keyPropertyNames: Type.Array(Type.String()),
  strongIdName: Type.String(),
  displayName: Type.Optional(LocalizedStrings),
  description: Type.Optional(LocalizedStrings)
})

export const ProfileTypeDefinition = Strict({
  ...EntityTypeDefinition,
  strongIds: Type.Optional(Type.Array(StrongId))
})

const ParticipantPropertyReference = Strict({
  sourcePropertyName: Type.String(),
  targetPropertyName: Type.String()
})

function participant<R extends typeof ParticipantPropertyReference | typeof ParticipantPropertyReference20170101> (reference: R) {
  return Strict({
    profileTypeName: Type.String(),
    participantPropertyReferences: Type.Array(reference),
    participantName: Type.String(),
    displayName: Type.Optional(LocalizedStrings),
    description: Type.Optional(LocalizedStrings),
    role: Type.Optional(Type.String())
  })
}

function interactionTypeDefinition<R extends typeof ParticipantPropertyReference | typeof ParticipantPropertyReference20170101> (reference: R) {
  return Strict({
    ...EntityTypeDefinition,
    idPropertyNames: Type.Optional(Type.Array(Type.String())),
    participantProfiles: Type.Optional(Type.Array(participant(reference))),
    primaryParticipantProfilePropertyName: Type.Optional(Type.String()),
    isActivity: Type.Optional(Type.Boolean())
  })
}

export const InteractionTypeDefinition = interactionTypeDefinition(ParticipantPropertyReference)
export const InteractionTypeDefinition20170101 = interactionTypeDefinition(ParticipantPropertyReference20170101)
