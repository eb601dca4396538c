/**
 * A stored resource's key is its ARM id, lower-cased (ARM compares names case-insensitively), with `%` and `/` escaped
 * inside names. So every scope (a subscription, a resource group, a hub, a hub's collection) is a key prefix, and what
 * lies under it is one range of the primary key, in name order.
 */
export function escapedName (name: string): string {
  const key = name.toLowerCase()
  // Names seldom hold either character: looking is cheaper than replacing.
  return key.includes('%') || key.includes('/') ? key.replaceAll('%', '%25').replaceAll('/', '%2f') : key
}

/** The name key a resource key ends with: its last segment, unescaped. */
export function nameKeyOf (key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).replace(/%2f|%25/g, (escape) => escape === '%2f' ? '/' : '%')
}

/** A subscription's own key: nothing is stored there, everything it holds is under it. */
export function subscriptionKey (subscriptionId: string): string {
  return `/subscriptions/${escapedName(subscriptionId)}`
}

export function subscriptionPrefix (subscriptionId: string): string {
  return `${subscriptionKey(subscriptionId)}/`
}

export function resourceGroupKey (subscriptionId: string, resourceGroupName: string): string {
  return `${subscriptionPrefix(subscriptionId)}resourcegroups/${escapedName(resourceGroupName)}`
}

/** The key every resource of the provider in a resource group starts with. */
export function providerKey (subscriptionId: string, resourceGroupName: string): string {
  return `${resourceGroupKey(subscriptionId, resourceGroupName)}/providers/microsoft.customerinsights`
}

/** `segment` is the collection's URL segment, lower-cased. */
export function childKey (parentKey: string, segment: string, name: string): string {
  return `${parentKey}/${segment}/${escapedName(name)}`
}

/** The first key after every key that starts with the prefix (which ends with '/'; '0' follows it). */
export function prefixEnd (prefix: string): string {
  return `${prefix.slice(0, -1)}0`
}

/** What every subscription's key starts with. */
export const SUBSCRIPTIONS_PREFIX = '/subscriptions/'

/** What the key of every resource group of a subscription starts with. */
export function resourceGroupsPrefix (subscriptionId: string): string {
  return `${subscriptionPrefix(subscriptionId)}resourcegroups/`
}
