import { defineResourceType } from '../src/engine/resource-type.js'
import { TYPE_NAME } from '../src/provider/names.js'
import { ConnectorDefinition } from '../src/schemas/connector.js'
import { hubs } from './hubs.js'

export const connectors = defineResourceType({
  kind: 'connector',
  segment: 'connectors',
  nameParameter: 'connectorName',
  parent: hubs,
  nameRule: TYPE_NAME,
  versions: {
    '2017-04-26': { definition: ConnectorDefinition },
    '2017-01-01': { definition: ConnectorDefinition }
  },
  // A connector shows its provisioning as its `state` (ConnectorStates): "Creating" (ConnectorsCreateOrUpdate), then
  // "Created", as its mappings show theirs.
  provisioning: { field: 'state', running: 'Creating', succeeded: 'Created', failed: 'Failed', onUpdate: true },
  put: { declared: [200, 202], longRunning: true },
  delete: { declared: [200, 202, 204], longRunning: true },
  // Its id is the hub's next: one more than the highest of the hub's connectors, kept across updates.
  properties: (definition, { names, name, previous, list }) => ({
    connectorId: previous()?.connectorId ?? 1 + Math.max(0, ...list(connectors).map(({ properties }) => Number(properties.connectorId))),
    connectorName: name,
    ...definition,
    tenantId: (names[0] as string).toLowerCase()
  })
})
