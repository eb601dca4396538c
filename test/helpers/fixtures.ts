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

/**
 * The Link seed document's body (test/fixtures/seed-documents.ts) as 2017-04-26 shows it: the newer names, and no
 * `isProfileTypeId`, which that version does not have. Written out by hand, so that the translation is checked.
 */
export const linkSeedInTheNewerNames = {
  sourceEntityType: 'Interaction',
  sourceEntityTypeName: 'testInteraction1949',
  targetEntityType: 'Profile',
  targetEntityTypeName: 'testProfile1446',
  displayName: { 'en-us': 'Link DisplayName' },
  description: { 'en-us': 'Link Description' },
  mappings: [{ sourcePropertyName: 'testInteraction1949', targetPropertyName: 'testProfile1446', linkType: 'UpdateAlways' }],
  participantPropertyReferences: [{ sourcePropertyName: 'testInteraction1949', targetPropertyName: 'ProfileId' }]
}
