import { Type, type TOptional } from '@sinclair/typebox'
import { LocalizedStrings, Strict, StringEnum } from './common.js'

// Swagger: RoleAssignment, AssignmentPrincipal, ResourceSetDescription (the same in both versions); tenantId,
// assignmentName and provisioningState are the server's.
const AssignmentPrincipal = Strict({
  principalId: Type.String(),
  principalType: Type.String(),
  principalMetadata: Type.Optional(LocalizedStrings)
})

const ResourceSetDescription = Strict({
  elements: Type.Optional(Type.Array(Type.String())),
  exceptions: Type.Optional(Type.Array(Type.String()))
})

// x-ms-enum RoleTypes: the roles of the catalogue (routes/roles.ts).
export const ROLE_TYPES = ['Admin', 'Reader', 'ManageAdmin', 'ManageReader', 'DataAdmin', 'DataReader'] as const

/** The scopes an assignment may name, each a set of resources of a hub by name. */
export const ASSIGNMENT_SCOPES = [
  'profiles', 'interactions', 'links', 'kpis', 'sasPolicies', 'connectors', 'views', 'relationshipLinks', 'relationships',
  'widgetTypes', 'roleAssignments', 'conflationPolicies', 'segments'
] as const

export const RoleAssignmentDefinition = Strict({
  displayName: Type.Optional(LocalizedStrings),
  description: Type.Optional(LocalizedStrings),
  role: StringEnum(ROLE_TYPES),
  principals: Type.Array(AssignmentPrincipal),
  ...Object.fromEntries(ASSIGNMENT_SCOPES.map((scope) => [scope, Type.Optional(ResourceSetDescription)])) as
    Record<typeof ASSIGNMENT_SCOPES[number], TOptional<typeof ResourceSetDescription>>
})
