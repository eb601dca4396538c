import t from 'tap'
import { HUB, HUB_PATH, RESOURCE_GROUP, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'
import { swaggerExample } from './helpers/published.js'
import { storageWithResourceGroup } from './helpers/strict.js'

const PREDICTIONS = `${HUB_PATH}/predictions`

const example = swaggerExample('PredictionsCreateOrUpdate')
const definition = (example.parameters.parameters as { properties: Record<string, unknown> }).properties

function predictionResource (name: string, properties: Record<string, unknown>, provisioningState = 'Provisioning') {
  const prefix = `_predictions_${name}`
  return {
    id: `${PREDICTIONS}/${name}`,
    name: `${HUB}/${name}`,
    type: 'Microsoft.CustomerInsights/hubs/predictions',
    properties: {
      ...properties,
      predictionName: name,
      tenantId: HUB.toLowerCase(),
      systemGeneratedEntities: {
        generatedInteractionTypes: [prefix],
        generatedLinks: [`_predictions_link_${name}`],
        generatedKpis: {
          predictionPerformance: `${prefix}_PredictionPerformance`,
          leadingProfiles: `${prefix}_LeadingProfiles`,
          positiveOutcomeByGrade: `${prefix}_PositiveOutcomeByGrade`,
          negativeOutcomeByGrade: `${prefix}_NegativeOutcomeByGrade`
        }
      },
      provisioningState
    }
  }
}

t.test('a prediction provisions and shows the entities the service generates for it, named after it', async (t) => {
  const { app, clock, request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: url(`${PREDICTIONS}/sdktest`), payload: example.parameters.parameters })
  t.equal(created.statusCode, 201)
  t.ok(created.headers['azure-asyncoperation'])
  const { predictionName: _, ...given } = definition
  t.strictSame(json(created), predictionResource('sdktest', given))
  clock.advance(500)
  const got = await request({ method: 'GET', url: url(`${PREDICTIONS}/sdktest`) })
  t.strictSame(json(got), predictionResource('sdktest', given, 'Succeeded'))
  const published = example.responses['200']?.body as { properties: Record<string, unknown> }
  t.strictSame((json(got) as { properties: unknown }).properties, { ...published.properties, tenantId: HUB.toLowerCase() },
    'as PredictionsCreateOrUpdate shows it, but for the hub, which the example took from another')
  t.strictSame(storedBody(storedAt(app, `${PREDICTIONS}/sdktest`)), predictionResource('sdktest', given))
})

t.test('predictions exist only in 2017-04-26: 2017-01-01 has no such type', async (t) => {
  const { request } = await buildTestApp(t)
  for (const [method, path] of [['PUT', `${PREDICTIONS}/sdktest`], ['GET', PREDICTIONS], ['POST', `${PREDICTIONS}/sdktest/getModelStatus`]] as const) {
    const response = await request({ method, url: url(path, '2017-01-01'), payload: method === 'PUT' ? example.parameters.parameters : undefined })
    t.equal(response.statusCode, 400, `${method} ${path}`)
    t.match(json(response), {
      error: {
        code: 'NoRegisteredProviderFound',
        message: /^No registered resource provider found for location 'global' and API version '2017-01-01' for type 'hubs\/predictions'\. The supported api-versions are '2017-04-26'\./
      }
    })
  }
})

t.test('a model is "New" until a client sets its status, which is kept beside the prediction and never shown in it', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${PREDICTIONS}/sdktest`), payload: example.parameters.parameters })
  const { predictionName: _, ...given } = definition
  const guid = storedAt(app, `${PREDICTIONS}/sdktest`)?.guid
  const status = (value: string) => ({ tenantId: HUB, predictionName: 'sdktest', predictionGuidId: guid, status: value, modelVersion: '1.0' })

  const initial = await request({ method: 'POST', url: url(`${PREDICTIONS}/sdktest/getModelStatus`) })
  t.equal(initial.statusCode, 200)
  t.strictSame(json(initial), status('New'))

  const set = await request({ method: 'POST', url: url(`${PREDICTIONS}/SDKTEST/modelStatus`), payload: { status: 'Training', message: 'ignored' } })
  t.equal(set.statusCode, 200)
  t.equal(set.body, '', 'Predictions_ModelStatus answers no body')
  t.strictSame(json(await request({ method: 'POST', url: url(`${PREDICTIONS}/sdktest/getModelStatus`) })), status('Training'))
  const listed = json(await request({ method: 'GET', url: url(PREDICTIONS) })) as { value: unknown[] }
  t.strictSame(listed.value, [predictionResource('sdktest', given)], 'the body does not show it')

  const updated = await request({ method: 'PUT', url: url(`${PREDICTIONS}/sdktest`), payload: example.parameters.parameters })
  t.equal(updated.statusCode, 200)
  t.strictSame(json(await request({ method: 'POST', url: url(`${PREDICTIONS}/sdktest/getModelStatus`) })), status('Training'), 'an update keeps it')

  await request({ method: 'DELETE', url: url(`${PREDICTIONS}/sdktest`) })
  await request({ method: 'PUT', url: url(`${PREDICTIONS}/sdktest`), payload: example.parameters.parameters })
  const again = json(await request({ method: 'POST', url: url(`${PREDICTIONS}/sdktest/getModelStatus`) })) as { status: string, predictionGuidId: string }
  t.equal(again.status, 'New', 'it went with the prediction')
  t.not(again.predictionGuidId, guid, 'a new prediction, a new GUID')
})

t.test('a model status must be one of the life cycle\'s; the actions of a prediction that does not exist are 404s', async (t) => {
  const { request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${PREDICTIONS}/sdktest`), payload: example.parameters.parameters })
  const invalid = await request({ method: 'POST', url: url(`${PREDICTIONS}/sdktest/modelStatus`), payload: { status: 'Done' } })
  t.equal(invalid.statusCode, 400)
  t.match(json(invalid), { error: { code: 'ValidationFailed', target: 'status', message: /^The prediction model status is invalid\./ } })
  const missing = await request({ method: 'POST', url: url(`${PREDICTIONS}/sdktest/modelStatus`), payload: {} })
  t.match(json(missing), { error: { code: 'ValidationFailed', target: 'status' } })
  for (const action of ['getModelStatus', 'modelStatus', 'getTrainingResults']) {
    const response = await request({ method: 'POST', url: url(`${PREDICTIONS}/other/${action}`), payload: { status: 'Active' } })
    t.equal(response.statusCode, 404, action)
    t.strictSame(json(response), {
      error: { code: 'ResourceNotFound', message: `The Resource 'Microsoft.CustomerInsights/hubs/${HUB}/predictions/other' under resource group '${RESOURCE_GROUP}' was not found.` }
    })
  }
})

t.test('training results: a model trained on no instances has scored none', async (t) => {
  const { request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${PREDICTIONS}/sdktest`), payload: example.parameters.parameters })
  const results = await request({ method: 'POST', url: url(`${PREDICTIONS}/sdktest/getTrainingResults`) })
  t.equal(results.statusCode, 200)
  t.strictSame(json(results), {
    tenantId: HUB,
    scoreName: 'sdktest',
    predictionDistribution: { totalPositives: 0, totalNegatives: 0, distributions: [] },
    canonicalProfiles: [],
    primaryProfileInstanceCount: 0
  })
})

t.test('under strict references a prediction\'s profile, interaction, KPI and relationship types must exist', async (t) => {
  const { request } = await buildTestApp(t, { references: 'strict', storage: storageWithResourceGroup(t) })
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  const put = async (properties: Record<string, unknown>) => await request({ method: 'PUT', url: url(`${PREDICTIONS}/p1`), payload: { properties: { ...definition, ...properties } } })
  const refusal = async (properties: Record<string, unknown>, target: string, kind: string, name: string) => {
    const response = await put(properties)
    t.equal(response.statusCode, 400, target)
    t.strictSame(json(response), {
      error: { code: 'ReferencedResourceNotFound', message: `The ${kind} '${name}' named by '${target}' does not exist in hub '${HUB}'.`, target }
    })
  }
  await refusal({}, 'properties.primaryProfileType', 'profile type', 'Customers')
  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Customers`), payload: { properties: {} } })
  await refusal({ involvedInteractionTypes: ['Purchase'] }, 'properties.involvedInteractionTypes[0]', 'interaction type', 'Purchase')
  await refusal({ involvedKpiTypes: ['Revenue'] }, 'properties.involvedKpiTypes[0]', 'KPI', 'Revenue')
  await refusal({ involvedRelationships: ['Owns'] }, 'properties.involvedRelationships[0]', 'relationship', 'Owns')
  const { involvedInteractionTypes: _i, involvedKpiTypes: _k, involvedRelationships: _r, ...uninvolved } = definition
  t.equal((await request({ method: 'PUT', url: url(`${PREDICTIONS}/p0`), payload: { properties: uninvolved } })).statusCode, 201,
    'nothing else involved')
  t.equal((await put({})).statusCode, 201)
  const inUse = await request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Customers`) })
  t.equal(inUse.statusCode, 409)
  t.match(json(inUse), { error: { code: 'ResourceInUse', message: /prediction 'p0', prediction 'p1'/ } })
  const orphan = await request({ method: 'POST', url: url(`${HUB_PATH.replace(HUB, 'otherHub')}/predictions/p1/getModelStatus`) })
  t.equal(orphan.statusCode, 404)
  t.match(json(orphan), { error: { code: 'ParentResourceNotFound' } })
})
