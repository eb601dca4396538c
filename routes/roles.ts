import { defineResourceType } from '../src/engine/resource-type.js'
import { ANY_NAME } from '../src/provider/names.js'
import { NotWritten } from '../src/schemas/common.js'
import { ROLE_TYPES } from '../src/schemas/role-assignment.js'
import { hubs } from './hubs.js'

/**
 * What each role a role assignment may give allows. Admin's is the service's own words (RolesListByHub); the others
 * say the same of what their names stand for: reading only, the management endpoint, the data endpoint.
 */
const ROLE_DESCRIPTIONS: Record<typeof ROLE_TYPES[number], string> = {
  Admin: 'When a role assignment is created for the Admin Role on certain scopes (selected profiles, interactions, Kpis etc.), ' +
    'it authorizes the users/groups selected in the assignment for ALL operations at the tenant endpoint on the selected scopes.',
  Reader: 'When a role assignment is created for the Reader Role on certain scopes (selected profiles, interactions, Kpis etc.), ' +
    'it authorizes the users/groups selected in the assignment for read operations at the tenant endpoint on the selected scopes.',
  ManageAdmin: 'When a role assignment is created for the ManageAdmin Role on certain scopes, it authorizes the users/groups ' +
    'selected in the assignment for ALL management operations (types, links, KPIs, connectors etc.) on the selected scopes.',
  ManageReader: 'When a role assignment is created for the ManageReader Role on certain scopes, it authorizes the users/groups ' +
    'selected in the assignment for read management operations on the selected scopes.',
  DataAdmin: 'When a role assignment is created for the DataAdmin Role on certain scopes, it authorizes the users/groups ' +
    'selected in the assignment for ALL data operations (profile and interaction instances) on the selected scopes.',
  DataReader: 'When a role assignment is created for the DataReader Role on certain scopes, it authorizes the users/groups ' +
    'selected in the assignment for read data operations on the selected scopes.'
}

export const roles = defineResourceType({
  kind: 'role',
  segment: 'roles',
  nameParameter: 'roleName',
  parent: hubs,
  nameRule: ANY_NAME,
  versions: {
    '2017-04-26': { definition: NotWritten },
    '2017-01-01': { definition: NotWritten }
  },
  // The swagger lists roles and gets none by name.
  get: false,
  catalogue: () => ROLE_TYPES.map((roleName) => ({ name: roleName, properties: { roleName, description: ROLE_DESCRIPTIONS[roleName] } }))
})
