import { Type } from '@sinclair/typebox'
import { EntityTypeKind, Strict, StringEnum } from './common.js'

// Swagger: ConnectorType (x-ms-enum ConnectorTypes), for connectors and their mappings.
export const ConnectorType = StringEnum(['None', 'CRM', 'AzureBlob', 'Salesforce', 'ExchangeOnline', 'Outbound'] as const)

// Swagger: Connector (the same in both versions); connectorId, connectorName, created, lastModified, state and tenantId
// are the server's.
export const ConnectorDefinition = Strict({
  connectorType: ConnectorType,
  displayName: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  connectorProperties: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
  isInternal: Type.Optional(Type.Boolean())
})

// Swagger: ConnectorMappingProperties, ConnectorMappingErrorManagement, ConnectorMappingFormat,
// ConnectorMappingAvailability, ConnectorMappingStructure, ConnectorMappingCompleteOperation.
const ConnectorMappingProperties = Strict({
  folderPath: Type.Optional(Type.String()),
  fileFilter: Type.Optional(Type.String()),
  hasHeader: Type.Optional(Type.Boolean()),
  errorManagement: Strict({
    errorManagementType: StringEnum(['RejectAndContinue', 'StopImport', 'RejectUntilLimit'] as const),
    errorLimit: Type.Optional(Type.Integer())
  }),
  format: Strict({
    formatType: StringEnum(['TextFormat'] as const),
    columnDelimiter: Type.Optional(Type.String()),
    acceptLanguage: Type.Optional(Type.String()),
    quoteCharacter: Type.Optional(Type.String()),
    quoteEscapeCharacter: Type.Optional(Type.String()),
    arraySeparator: Type.Optional(Type.String())
  }),
  availability: Strict({
    frequency: Type.Optional(StringEnum(['Minute', 'Hour', 'Day', 'Week', 'Month'] as const)),
    interval: Type.Integer()
  }),
  structure: Type.Array(Strict({
    propertyName: Type.String(),
    columnName: Type.String(),
    customFormatSpecifier: Type.Optional(Type.String()),
    isEncrypted: Type.Optional(Type.Boolean())
  })),
  completeOperation: Strict({
    completionOperationType: Type.Optional(StringEnum(['DoNothing', 'DeleteFile', 'MoveFile'] as const)),
    destinationFolder: Type.Optional(Type.String())
  })
})

// Swagger: ConnectorMapping (the same in both versions); connectorName, created, lastModified, connectorMappingName,
// dataFormatId, nextRunTime, runId, state and tenantId are the server's.
export const ConnectorMappingDefinition = Strict({
  connectorType: Type.Optional(ConnectorType),
  entityType: EntityTypeKind,
  entityTypeName: Type.String(),
  displayName: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  mappingProperties: ConnectorMappingProperties
})
