import type { Removed, StateStore } from '../db/state-store.js'
import type { RequestJournal } from './journal.js'
import type { ProvisioningSettings } from './schemas/emulator.js'
import type { Runtime } from './settings.js'

/** The resets a test suite asks for, over HTTP (`/_emulator/…/reset`) or in process (`reset()`). */
export interface EmulatorControl {
  /** No resources, no operations, no journal, and the provisioning settings the emulator started with. */
  resetAll: () => Removed
  /** One subscription's resources and operations, leaving every other subscription's alone. */
  resetSubscription: (subscriptionId: string) => Removed
}

export function emulatorControl (state: StateStore, journal: RequestJournal, runtime: Runtime): EmulatorControl {
  const startupProvisioning: ProvisioningSettings = { ...runtime.provisioning }
  return {
    resetAll: () => {
      const removed = state.resetAll()
      journal.clear()
      runtime.provisioning = { ...startupProvisioning }
      return removed
    },
    resetSubscription: (subscriptionId) => state.resetSubscription(subscriptionId)
  }
}
