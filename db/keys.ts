import type { HubScope } from '../src/arm/ids.js'
import { nameKey } from '../src/arm/ids.js'

/**
 * A stored resource's key is its ARM id, lower-cased (ARM compares names case-insensitively), with `%` and `/`
 * escaped inside names. So every scope (a subscription, a hub's collection) is a key prefix, and its resources are
 * one range of the primary key, in name order.
 */
function escaped (name: string): string {
  const key = nameKey(name)
  // Names seldom hold either character: looking is cheaper than replacing.
  return key.includes('%') || key.includes('/') ? key.replaceAll('%', '%25').replaceAll('/', '%2f') : key
}

/** The name key a resource key ends with: its last segment, unescaped. */
export function nameKeyOf (key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).replace(/%2f|%25/g, (escape) => escape === '%2f' ? '/' : '%')
}

export function subscriptionPrefix (subscriptionId: string): string {
  return `/subscriptions/${escaped(subscriptionId)}/`
}

export function collectionPrefix (scope: HubScope, collection: string): string {
  return `${subscriptionPrefix(scope.subscriptionId)}resourcegroups/${escaped(scope.resourceGroupName)}` +
    `/providers/microsoft.customerinsights/hubs/${escaped(scope.hubName)}/${collection.toLowerCase()}/`
}

export function resourceKey (scope: HubScope, collection: string, name: string): string {
  return `${collectionPrefix(scope, collection)}${escaped(name)}`
}

/** The first key after every key that starts with the prefix (which ends with '/'; '0' follows it). */
export function prefixEnd (prefix: string): string {
  return `${prefix.slice(0, -1)}0`
}
