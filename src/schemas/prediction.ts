import { Type } from '@sinclair/typebox'
import { LocalizedStrings, Strict, StringEnum } from './common.js'

// Swagger 2017-04-26: Prediction; provisioningState, tenantId and systemGeneratedEntities are the server's, and so is
// predictionName, which the URL gives.
export const PredictionDefinition = Strict({
  description: Type.Optional(LocalizedStrings),
  displayName: Type.Optional(LocalizedStrings),
  involvedInteractionTypes: Type.Optional(Type.Array(Type.String())),
  involvedKpiTypes: Type.Optional(Type.Array(Type.String())),
  involvedRelationships: Type.Optional(Type.Array(Type.String())),
  negativeOutcomeExpression: Type.String(),
  positiveOutcomeExpression: Type.String(),
  primaryProfileType: Type.String(),
  scopeExpression: Type.String(),
  autoAnalyze: Type.Boolean(),
  mappings: Strict({ score: Type.String(), grade: Type.String(), reason: Type.String() }),
  scoreLabel: Type.String(),
  grades: Type.Optional(Type.Array(Strict({
    gradeName: Type.Optional(Type.String()),
    minScoreThreshold: Type.Optional(Type.Integer()),
    maxScoreThreshold: Type.Optional(Type.Integer())
  })))
})

// Swagger 2017-04-26: PredictionModelStatus, x-ms-enum PredictionModelLifeCycle.
export const PREDICTION_MODEL_STATUSES = [
  'New', 'Provisioning', 'ProvisioningFailed', 'PendingDiscovering', 'Discovering', 'PendingFeaturing', 'Featuring',
  'FeaturingFailed', 'PendingTraining', 'Training', 'TrainingFailed', 'Evaluating', 'EvaluatingFailed',
  'PendingModelConfirmation', 'Active', 'Deleted', 'HumanIntervention', 'Failed'
] as const

/** What a client may set of a model's status: the status; everything else in it is the server's. */
export const PredictionModelStatusInput = Strict({ status: StringEnum(PREDICTION_MODEL_STATUSES) })
