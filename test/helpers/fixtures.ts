/** A valid link definition in the ARM shape's `properties`, the smallest the swagger allows. */
export const minimalLinkDefinition = {
  sourceEntityType: 'Profile' as const,
  targetEntityType: 'Profile' as const,
  sourceEntityTypeName: 'Contact',
  targetEntityTypeName: 'Contact',
  participantPropertyReferences: []
}

/** A valid relationship link definition, the smallest the swagger allows. */
export const minimalRelationshipLinkDefinition = {
  interactionType: 'Purchase',
  relationshipName: 'ContactToAccount',
  profilePropertyReferences: [],
  relatedProfilePropertyReferences: []
}
