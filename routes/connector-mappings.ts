import { defineResourceType, type Json } from '../src/engine/resource-type.js'
import { entityTypeOf } from '../src/provider/entity-kinds.js'
import { TYPE_NAME } from '../src/provider/names.js'
import { ConnectorMappingDefinition } from '../src/schemas/connector.js'
import { connectors } from './connectors.js'

/** What the service fills in of a mapping's file format when the client leaves it out (ConnectorMappingsCreateOrUpdate). */
const FORMAT_DEFAULTS = { acceptLanguage: '', quoteCharacter: '"', quoteEscapeCharacter: '"', arraySeparator: ';' }

export const connectorMappings = defineResourceType({
  kind: 'connector mapping',
  segment: 'mappings',
  nameParameter: 'mappingName',
  parent: connectors,
  nameRule: TYPE_NAME,
  versions: {
    '2017-04-26': { definition: ConnectorMappingDefinition },
    '2017-01-01': { definition: ConnectorMappingDefinition }
  },
  put: { declared: [200, 201], longRunning: false },
  delete: { declared: [200, 204], longRunning: false },
  // A mapping is ready as soon as it is written (the examples show "Created"); its data format's id is its own GUID,
  // and its connector's type is its own unless the client gives one.
  properties: (definition, { names, name, guid, find }) => {
    const mappingProperties = definition.mappingProperties as Json
    const connectorType = definition.connectorType ?? find(connectors, names[1] as string)?.properties.connectorType
    return {
      connectorMappingName: name,
      connectorName: names[1],
      ...(connectorType === undefined ? {} : { connectorType }),
      dataFormatId: guid.replaceAll('-', ''),
      ...definition,
      mappingProperties: { ...mappingProperties, format: { ...FORMAT_DEFAULTS, ...(mappingProperties.format as Json) } },
      state: 'Created',
      tenantId: (names[0] as string).toLowerCase()
    }
  },
  references: (definition) => entityTypeOf(definition.entityType, definition.entityTypeName, 'entityTypeName')
})
