import { Type, type Static } from '@sinclair/typebox'
import { LocalizedStrings, ProvisioningState, StringEnum, putParams, listResult, proxyResource } from './common.js'

// Swagger definitions: RelationshipLinkDefinition, RelationshipLinkFieldMapping, ParticipantProfilePropertyReference.
const RelationshipLinkFieldMapping = Type.Object({
  interactionFieldName: Type.String(),
  relationshipFieldName: Type.String(),
  linkType: Type.Optional(StringEnum(['UpdateAlways', 'CopyIfNull'] as const))
}, { additionalProperties: false })

const ParticipantProfilePropertyReference = Type.Object({
  interactionPropertyName: Type.String(),
  profilePropertyName: Type.String()
}, { additionalProperties: false })

/** What a client may write. Read-only and unknown fields are not listed, so validation drops them. */
export const RelationshipLinkDefinition = Type.Object({
  displayName: Type.Optional(LocalizedStrings),
  description: Type.Optional(LocalizedStrings),
  interactionType: Type.String(),
  mappings: Type.Optional(Type.Array(RelationshipLinkFieldMapping)),
  profilePropertyReferences: Type.Array(ParticipantProfilePropertyReference),
  relatedProfilePropertyReferences: Type.Array(ParticipantProfilePropertyReference),
  relationshipName: Type.String()
}, { additionalProperties: false })
export type RelationshipLinkDefinition = Static<typeof RelationshipLinkDefinition>

export const RelationshipLinkPutBody = Type.Object({ properties: RelationshipLinkDefinition }, { additionalProperties: false })

export const RelationshipLinkProperties = Type.Composite([
  RelationshipLinkDefinition,
  Type.Object({
    tenantId: Type.String(),
    linkName: Type.String(),
    provisioningState: ProvisioningState,
    relationshipGuidId: Type.String()
  })
], { additionalProperties: false })

export const RelationshipLinkResource = proxyResource(RelationshipLinkProperties)
export type RelationshipLinkResource = Static<typeof RelationshipLinkResource>
export const RelationshipLinkList = listResult(RelationshipLinkResource)

export const RelationshipLinkPutParams = putParams('relationshipLinkName')
