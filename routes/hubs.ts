import { defineResourceType } from '../src/engine/resource-type.js'
import { HUB_NAME } from '../src/provider/names.js'
import { HubDefinition } from '../src/schemas/hub.js'

export const hubs = defineResourceType({
  kind: 'hub',
  segment: 'hubs',
  nameParameter: 'hubName',
  parent: null,
  nameRule: HUB_NAME,
  versions: {
    '2017-04-26': { definition: HubDefinition },
    '2017-01-01': { definition: HubDefinition }
  },
  tracked: true,
  // The service answered a new hub "Creating", and an update as the hub was: only creating provisions.
  provisioning: { field: 'provisioningState', running: 'Creating', succeeded: 'Succeeded', failed: 'Failed', onUpdate: false },
  put: { declared: [201, 200], longRunning: false },
  delete: { declared: [200, 202, 204], longRunning: true },
  patch: true,
  // Endpoints name the hub under `.localhost`, which resolves to this machine: nothing a client calls leaves it.
  properties: (definition, { name }) => ({
    apiEndpoint: `https://${name.toLowerCase()}.api.customerinsights.localhost`,
    webEndpoint: `https://${name.toLowerCase()}.customerinsights.localhost`,
    ...definition,
    tenantFeatures: definition.tenantFeatures ?? 0
  })
})
