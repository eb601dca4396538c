import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { API_VERSIONS, resolveApiVersion, type ArmQuery } from '../src/arm/api-version.js'
import { JSON_CONTENT_TYPE } from '../src/arm/headers.js'
import { PROVIDER_NAMESPACE } from '../src/arm/ids.js'
import { rejectOtherMethods, syncHook } from '../src/arm/routing.js'
import type { ResourceType } from '../src/engine/resource-type.js'
import type { Runtime } from '../src/settings.js'

export const PROVIDER_OPERATIONS_URL = `/providers/${PROVIDER_NAMESPACE}/operations`

const PROVIDER_DISPLAY_NAME = 'Microsoft Azure Customer Insights'

/** One operation as Operations_List shows it (swagger: Operation). */
interface ProviderOperation {
  name: string
  display: { provider: string, resource: string, operation: string }
}

/** What a hub offers of Azure Monitor, as the service lists it (DCIOperations_List). */
const MONITORING_OPERATIONS: readonly ProviderOperation[] = [
  ['metricDefinitions/read', 'Read resource metric definitions', 'Metric Definition'],
  ['logDefinitions/read', 'Read resource log definitions', 'Log Definition'],
  ['diagnosticSettings/read', 'Diagnostic setting read', 'Diagnostic Settings'],
  ['diagnosticSettings/write', 'Diagnostic setting write', 'Diagnostic Settings']
].map(([operation, description, resource]) => ({
  name: `${PROVIDER_NAMESPACE}/hubs/providers/Microsoft.Insights/${String(operation)}`,
  display: { provider: PROVIDER_DISPLAY_NAME, resource: `${PROVIDER_DISPLAY_NAME} ${String(resource)}`, operation: String(description) }
}))

/** An action's display: its verb, the type, then the rest of its name (regeneratePrimaryKey → "Regenerate … primary key"). */
function actionDisplay (action: string, singular: string): string {
  const [verb = '', ...rest] = action.split(/(?=[A-Z])/)
  return [`${verb.charAt(0).toUpperCase()}${verb.slice(1)} Azure Customer Insights ${singular}`, ...rest.map((word) => word.toLowerCase())].join(' ')
}

/** Every operation the emulator serves, type by type, in the service's words (DCIOperations_List), then Azure Monitor's. */
export function providerOperations (types: readonly ResourceType[]): ProviderOperation[] {
  const operations = types.flatMap((type) => {
    const display = (operation: string) => ({ provider: PROVIDER_DISPLAY_NAME, resource: `Azure Customer Insights ${type.display.plural}`, operation })
    const singular = type.display.singular
    return [
      ...(type.get || type.list ? [{ name: `${type.type}/read`, display: display(`Read Azure Customer Insights ${singular}`) }] : []),
      ...(type.put === null ? [] : [{ name: `${type.type}/write`, display: display(`Create or Update Azure Customer Insights ${singular}`) }]),
      ...(type.delete === null ? [] : [{ name: `${type.type}/delete`, display: display(`Delete Azure Customer Insights ${singular}`) }]),
      ...type.actions.map((action) => ({ name: `${type.type}/${action.name}/action`, display: display(actionDisplay(action.name, singular)) }))
    ]
  })
  return [...operations, ...MONITORING_OPERATIONS]
}

/** `GET /providers/Microsoft.CustomerInsights/operations` (Operations_List): not a resource type, the provider's own. */
export default async function providerOperationRoutes (app: FastifyInstance, options: { types: readonly ResourceType[], runtime: Runtime }) {
  const { runtime } = options
  const body = JSON.stringify({ value: providerOperations(options.types) })

  async function listOperations (_request: FastifyRequest, reply: FastifyReply) {
    return await reply.header('content-type', JSON_CONTENT_TYPE).send(body)
  }

  app.route({
    method: 'GET',
    url: PROVIDER_OPERATIONS_URL,
    onRequest: syncHook((request) => {
      request.apiVersion = resolveApiVersion(request.query as ArmQuery, API_VERSIONS, 'operations', runtime.apiVersionCheck)
    }),
    handler: listOperations
  })
  rejectOtherMethods(app, PROVIDER_OPERATIONS_URL, ['GET'])
}
