import type { Profile } from './engine/profiles.js'
import type { ProvisioningSettings } from './schemas/emulator.js'

export { PROFILES, type Profile } from './engine/profiles.js'

/**
 * What a resource may name that must exist. `implicit`: any hub or resource group named in a URL is a parent, and
 * names of types may name anything. `strict`: the service's rules, parents and named types must exist.
 */
export const REFERENCE_MODES = ['implicit', 'strict'] as const
export type ReferenceMode = typeof REFERENCE_MODES[number]

/**
 * What the request handlers need from the configuration, plus the clock and id generators tests inject.
 * `provisioning` is the one part a test may change while the emulator runs.
 */
export interface Runtime {
  now: () => number
  newId: () => string
  /** Operation ids: GUIDs too, but time-ordered by default (UUIDv7), so each new operation row goes at the table's end. */
  newOperationId: () => string
  /** Secret keys (authorization policies): 32 random bytes, base64. */
  newKey: () => string
  profile: Profile
  references: ReferenceMode
  provisioning: ProvisioningSettings
  pageSize: number
  apiVersionCheck: boolean
  /** The subscription every login finds, beside those that hold resources. */
  subscriptionId: string
  /** The tenant of every token and subscription. */
  tenantId: string
}

/** The defaults of the options the app itself takes (config.ts adds the command line's own). */
export const APP_DEFAULTS = {
  logLevel: 'info',
  profile: 'default',
  references: 'implicit',
  provisioningDelayMs: 500,
  pageSize: 100,
  apiVersionCheck: true,
  journalSize: 1000,
  requestTimeoutMs: 30_000
} as const
