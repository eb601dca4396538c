import { guidFromHex } from '../src/arm/ids.js'
import { mapObjects } from '../src/engine/rendering.js'
import { PROVISIONING_STATE, defineResourceType, type Json, type Reference, type ResourceType } from '../src/engine/resource-type.js'
import { TYPE_NAME } from '../src/provider/names.js'
import { ASSIGNMENT_SCOPES, RoleAssignmentDefinition } from '../src/schemas/role-assignment.js'
import { authorizationPolicies } from './authorization-policies.js'
import { connectors } from './connectors.js'
import { hubs } from './hubs.js'
import { interactions } from './interactions.js'
import { kpi } from './kpi.js'
import { links } from './links.js'
import { profiles } from './profiles.js'
import { relationshipLinks } from './relationship-links.js'
import { relationships } from './relationships.js'
import { views } from './views.js'
import { widgetTypes } from './widget-types.js'

/** The types whose resources a scope names; conflation policies and segments are not served, so not checked. */
function scopeTypes (): Partial<Record<typeof ASSIGNMENT_SCOPES[number], ResourceType>> {
  return {
    profiles,
    interactions,
    links,
    kpis: kpi,
    sasPolicies: authorizationPolicies,
    connectors,
    views,
    relationshipLinks,
    relationships,
    widgetTypes,
    roleAssignments
  }
}

/** Every name a scope's elements and exceptions give, but '*', which stands for all. */
function scopeReferences (definition: Json): Reference[] {
  return Object.entries(scopeTypes()).flatMap(([scope, type]) => {
    const set = definition[scope] as { elements?: string[], exceptions?: string[] } | undefined
    return (['elements', 'exceptions'] as const).flatMap((part) => (set?.[part] ?? [])
      .flatMap((name, index) => name === '*' ? [] : [{ property: `${scope}.${part}[${index}]`, type, name }]))
  })
}

export const roleAssignments: ResourceType = defineResourceType({
  kind: 'role assignment',
  segment: 'roleAssignments',
  nameParameter: 'assignmentName',
  parent: hubs,
  nameRule: TYPE_NAME,
  versions: {
    '2017-04-26': { definition: RoleAssignmentDefinition },
    '2017-01-01': { definition: RoleAssignmentDefinition }
  },
  provisioning: PROVISIONING_STATE,
  put: { declared: [200, 202], longRunning: true },
  delete: { declared: [200, 202, 204], longRunning: false },
  display: { singular: 'Rbac Assignment', plural: 'Rbac Assignments' },
  // The service writes a principal id given as 32 hex digits as a GUID (RoleAssignmentsCreateOrUpdate).
  properties: (definition, { names, name }) => ({
    ...definition,
    principals: mapObjects(definition.principals, (principal) => ({
      ...principal,
      principalId: guidFromHex(String(principal.principalId)) ?? principal.principalId
    })),
    tenantId: (names[0] as string).toLowerCase(),
    assignmentName: name
  }),
  references: scopeReferences
})
