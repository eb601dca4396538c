import { Type } from '@sinclair/typebox'
import { LinkType, LocalizedStrings, Strict } from './common.js'

// Swagger: RelationshipLinkDefinition, RelationshipLinkFieldMapping, ParticipantProfilePropertyReference (2017-04-26;
// 2017-01-01's ParticipantPropertyReference has the same names on the wire here).
const RelationshipLinkFieldMapping = Strict({
  interactionFieldName: Type.String(),
  relationshipFieldName: Type.String(),
  linkType: Type.Optional(LinkType)
})

export const ParticipantProfilePropertyReference = Strict({
  interactionPropertyName: Type.String(),
  profilePropertyName: Type.String()
})

/** What a client may write, the same in both versions. Read-only and unknown fields are not listed, so validation drops them. */
export const RelationshipLinkDefinition = Strict({
  displayName: Type.Optional(LocalizedStrings),
  description: Type.Optional(LocalizedStrings),
  interactionType: Type.String(),
  mappings: Type.Optional(Type.Array(RelationshipLinkFieldMapping)),
  profilePropertyReferences: Type.Array(ParticipantProfilePropertyReference),
  relatedProfilePropertyReferences: Type.Array(ParticipantProfilePropertyReference),
  relationshipName: Type.String()
})
