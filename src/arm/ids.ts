import { randomFillSync } from 'node:crypto'
import { v7 as uuidV7 } from 'uuid'

export const PROVIDER_NAMESPACE = 'Microsoft.CustomerInsights'

export const RESOURCE_GROUP_TYPE = 'Microsoft.Resources/resourceGroups'

export function resourceGroupId (subscriptionId: string, resourceGroupName: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}`
}

/** The GUID that 32 hex digits stand for, lower-cased and with its dashes; undefined for anything else. */
export function guidFromHex (hex: string): string | undefined {
  if (!/^[0-9a-f]{32}$/i.test(hex)) return undefined
  const digits = hex.toLowerCase()
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`
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

/** Random bytes drawn from a pool refilled 256 ids at a time: one system call per fill, not one per id. */
const RANDOM_POOL_BYTES = 16 * 256
const randomPool = Buffer.alloc(RANDOM_POOL_BYTES)
let randomPoolOffset = RANDOM_POOL_BYTES

function pooledRandom16 (): Uint8Array {
  if (randomPoolOffset === RANDOM_POOL_BYTES) {
    randomFillSync(randomPool)
    randomPoolOffset = 0
  }
  const bytes = randomPool.subarray(randomPoolOffset, randomPoolOffset + 16)
  randomPoolOffset += 16
  return bytes
}

/**
 * A new operation id: a GUID, as ARM's are, but time-ordered (UUIDv7), so operation rows, keyed by it, are appended
 * at the end of their table instead of being scattered over its pages.
 */
export function newOperationId (): string {
  return uuidV7({ rng: pooledRandom16 })
}
