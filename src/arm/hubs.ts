import type { HubScope } from './ids.js'

/**
 * The one place a child resource's parent hub is looked up. Hubs are implicit: any hub named in the URL is a
 * parent, so the lookup is the URL's own scope. A strict mode, where the hub must exist, would answer its 404 here.
 */
export function parentHubOf (params: HubScope): HubScope {
  return { subscriptionId: params.subscriptionId, resourceGroupName: params.resourceGroupName, hubName: params.hubName }
}
