import { defineResourceType, type ActionContext } from '../src/engine/resource-type.js'
import { POLICY_NAME } from '../src/provider/names.js'
import { AuthorizationPolicyDefinition } from '../src/schemas/authorization-policy.js'
import { hubs } from './hubs.js'

/** A regenerate action: the one key replaced by a new one, and the policy's properties as the answer (AuthorizationPolicy). */
function regenerate (key: 'primaryKey' | 'secondaryKey') {
  return ({ resource, update, newKey }: ActionContext) => {
    const properties = { ...resource?.properties, [key]: newKey() }
    update(properties)
    return properties
  }
}

export const authorizationPolicies = defineResourceType({
  kind: 'authorization policy',
  segment: 'authorizationPolicies',
  nameParameter: 'authorizationPolicyName',
  parent: hubs,
  nameRule: POLICY_NAME,
  versions: {
    '2017-04-26': { definition: AuthorizationPolicyDefinition },
    '2017-01-01': { definition: AuthorizationPolicyDefinition }
  },
  // The swagger declares no delete for authorization policies.
  put: { declared: [200, 201], longRunning: false },
  display: { singular: 'Shared Access Signature Policy', plural: 'Shared Access Signature Policies' },
  // Keys are made when the policy is created and kept by updates, unless the client gives its own.
  properties: (definition, { name, previous, newKey }) => {
    const before = previous()
    return {
      permissions: definition.permissions,
      policyName: name,
      primaryKey: definition.primaryKey ?? before?.primaryKey ?? newKey(),
      secondaryKey: definition.secondaryKey ?? before?.secondaryKey ?? newKey()
    }
  },
  actions: [
    { name: 'regeneratePrimaryKey', on: 'item', status: 200, writes: true, handle: regenerate('primaryKey') },
    { name: 'regenerateSecondaryKey', on: 'item', status: 200, writes: true, handle: regenerate('secondaryKey') }
  ]
})
