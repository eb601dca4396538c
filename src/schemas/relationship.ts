import { Type } from '@sinclair/typebox'
import { LocalizedStrings, Strict, StringEnum } from './common.js'
import { PropertyDefinition } from './entity-type.js'

// Swagger: RelationshipDefinition, RelationshipTypeMapping, RelationshipTypeFieldMapping (the same in both versions).
const RelationshipTypeFieldMapping = Strict({
  profileFieldName: Type.String(),
  relatedProfileKeyProperty: Type.String()
})

const RelationshipTypeMapping = Strict({
  fieldMappings: Type.Array(RelationshipTypeFieldMapping)
})

export const RelationshipDefinition = Strict({
  cardinality: Type.Optional(StringEnum(['OneToOne', 'OneToMany', 'ManyToMany'] as const)),
  displayName: Type.Optional(LocalizedStrings),
  description: Type.Optional(LocalizedStrings),
  expiryDateTimeUtc: Type.Optional(Type.String({ format: 'date-time' })),
  fields: Type.Optional(Type.Array(PropertyDefinition)),
  lookupMappings: Type.Optional(Type.Array(RelationshipTypeMapping)),
  profileType: Type.String(),
  relatedProfileType: Type.String()
})
