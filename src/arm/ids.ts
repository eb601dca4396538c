export const PROVIDER_NAMESPACE = 'Microsoft.CustomerInsights'

/** The hub a child resource lives under, with the casing the client used. */
export interface HubScope {
  subscriptionId: string
  resourceGroupName: string
  hubName: string
}

/** ARM compares names case-insensitively; stored keys are the lower-cased names. */
export function nameKey (name: string): string {
  return name.toLowerCase()
}

export function hubId (scope: HubScope): string {
  return `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroupName}` +
    `/providers/${PROVIDER_NAMESPACE}/hubs/${scope.hubName}`
}

export function childResourceId (scope: HubScope, collection: string, name: string): string {
  return `${hubId(scope)}/${collection}/${name}`
}

export function operationStatusId (subscriptionId: string, operationId: string): string {
  return `/subscriptions/${subscriptionId}/providers/${PROVIDER_NAMESPACE}/operationStatuses/${operationId}`
}
