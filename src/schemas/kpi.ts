import { Type } from '@sinclair/typebox'
import { EntityTypeKind, LocalizedStrings, Strict, StringEnum } from './common.js'

// Swagger: KpiDefinition, KpiThresholds, KpiAlias, KpiExtract (the same in both versions).
const KpiThresholds = Strict({
  lowerLimit: Type.Number(),
  upperLimit: Type.Number(),
  increasingKpi: Type.Boolean()
})

const KpiAlias = Strict({ aliasName: Type.String(), expression: Type.String() })
const KpiExtract = Strict({ extractName: Type.String(), expression: Type.String() })

export const KpiDefinition = Strict({
  entityType: EntityTypeKind,
  entityTypeName: Type.String(),
  displayName: Type.Optional(LocalizedStrings),
  description: Type.Optional(LocalizedStrings),
  calculationWindow: StringEnum(['Lifetime', 'Hour', 'Day', 'Week', 'Month'] as const),
  calculationWindowFieldName: Type.Optional(Type.String()),
  function: StringEnum(['Sum', 'Avg', 'Min', 'Max', 'Last', 'Count', 'None', 'CountDistinct'] as const),
  expression: Type.String(),
  unit: Type.Optional(Type.String()),
  filter: Type.Optional(Type.String()),
  groupBy: Type.Optional(Type.Array(Type.String())),
  thresHolds: Type.Optional(KpiThresholds),
  aliases: Type.Optional(Type.Array(KpiAlias)),
  extracts: Type.Optional(Type.Array(KpiExtract))
})
