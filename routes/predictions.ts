import { PROVISIONING_STATE, defineResourceType, type Json, type Reference } from '../src/engine/resource-type.js'
import { ANY_NAME } from '../src/provider/names.js'
import { PredictionDefinition, PredictionModelStatusInput } from '../src/schemas/prediction.js'
import { hubs } from './hubs.js'
import { interactions } from './interactions.js'
import { kpi } from './kpi.js'
import { profiles } from './profiles.js'
import { relationships } from './relationships.js'

/** The version of the model the service reports while it trains nothing (PredictionsGetModelStatus). */
const MODEL_VERSION = '1.0'

/** The types a prediction is over: its primary profile type, and the interactions, KPIs and relationships involved. */
function predictionReferences (definition: Json): Reference[] {
  const involved = (property: string, type: Reference['type']): Reference[] =>
    ((definition[property] ?? []) as string[]).map((name, index) => ({ property: `${property}[${index}]`, type, name }))
  return [
    { property: 'primaryProfileType', type: profiles, name: String(definition.primaryProfileType) },
    ...involved('involvedInteractionTypes', interactions),
    ...involved('involvedKpiTypes', kpi),
    ...involved('involvedRelationships', relationships)
  ]
}

/** The entities the service generates for a prediction, named after it (PredictionsCreateOrUpdate). */
function systemGeneratedEntities (name: string): Json {
  const prefix = `_predictions_${name}`
  return {
    generatedInteractionTypes: [prefix],
    generatedLinks: [`_predictions_link_${name}`],
    generatedKpis: {
      predictionPerformance: `${prefix}_PredictionPerformance`,
      leadingProfiles: `${prefix}_LeadingProfiles`,
      positiveOutcomeByGrade: `${prefix}_PositiveOutcomeByGrade`,
      negativeOutcomeByGrade: `${prefix}_NegativeOutcomeByGrade`
    }
  }
}

export const predictions = defineResourceType({
  kind: 'prediction',
  segment: 'predictions',
  nameParameter: 'predictionName',
  parent: hubs,
  nameRule: ANY_NAME,
  // Predictions came with 2017-04-26.
  versions: {
    '2017-04-26': { definition: PredictionDefinition }
  },
  provisioning: PROVISIONING_STATE,
  put: { declared: [200, 202], longRunning: true },
  delete: { declared: [200, 202], longRunning: true },
  properties: (definition, { names, name }) => ({
    ...definition,
    predictionName: name,
    tenantId: (names[0] as string).toLowerCase(),
    systemGeneratedEntities: systemGeneratedEntities(name)
  }),
  references: predictionReferences,
  actions: [
    {
      name: 'getModelStatus',
      on: 'item',
      status: 200,
      // A model is "New" until a client sets its status (modelStatus); nothing is trained, so nothing else is counted.
      handle: ({ names, resource, hidden }) => ({
        tenantId: names[0],
        predictionName: resource?.name,
        predictionGuidId: resource?.guid,
        status: hidden()?.status ?? 'New',
        modelVersion: MODEL_VERSION
      })
    },
    {
      name: 'modelStatus',
      on: 'item',
      status: 200,
      body: { '2017-04-26': PredictionModelStatusInput },
      bodyName: 'prediction model status',
      writes: true,
      handle: ({ body, setHidden }) => { setHidden({ status: body.status }) }
    },
    {
      name: 'getTrainingResults',
      on: 'item',
      status: 200,
      // The emulator holds no profile instances: a model trained on them has seen none and scored none.
      handle: ({ names, resource }) => ({
        tenantId: names[0],
        scoreName: resource?.name,
        predictionDistribution: { totalPositives: 0, totalNegatives: 0, distributions: [] },
        canonicalProfiles: [],
        primaryProfileInstanceCount: 0
      })
    }
  ]
})
