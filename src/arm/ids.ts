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

/**
 * The absolute URL of an operation's status, for `Azure-AsyncOperation`. A header is Latin-1 text, so the
 * subscription, which may be any Unicode the client sent, is percent-encoded.
 */
export function operationStatusUrl (origin: string, subscriptionId: string, operationId: string, apiVersion: string): string {
  return `${origin}${operationStatusId(encodeURIComponent(subscriptionId), operationId)}?api-version=${apiVersion}`
}
