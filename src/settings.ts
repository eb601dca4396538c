import type { ProvisioningSettings } from './schemas/emulator.js'

/**
 * Which status codes responses use. `default`: 201 on create, 204 on deleting what does not exist (the seed
 * documents). `swagger`: only the codes the 2017-04-26 swagger declares, for SDKs generated strictly from it.
 */
export const PROFILES = ['default', 'swagger'] as const
export type Profile = typeof PROFILES[number]

/**
 * What the request handlers need from the configuration, plus the clock and id generator tests inject.
 * `provisioning` is the one part a test may change while the emulator runs.
 */
export interface Runtime {
  now: () => number
  newId: () => string
  /** Operation ids: GUIDs too, but time-ordered by default (UUIDv7), so each new operation row goes at the table's end. */
  newOperationId: () => string
  profile: Profile
  provisioning: ProvisioningSettings
  pageSize: number
  apiVersionCheck: boolean
}

/** The defaults of the options the app itself takes (config.ts adds the command line's own). */
export const APP_DEFAULTS = {
  logLevel: 'info',
  profile: 'default',
  provisioningDelayMs: 500,
  pageSize: 100,
  apiVersionCheck: true,
  journalSize: 1000,
  requestTimeoutMs: 30_000
} as const
