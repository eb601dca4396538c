import type { Db } from './database.js'
import { prefixEnd, subscriptionPrefix } from './keys.js'

export interface Removed {
  resources: number
  operations: number
}

/** Wholesale changes to the stored state that tests ask for: everything, or one subscription's share. */
export class StateStore {
  readonly #resetAll
  readonly #resetSubscription

  constructor (db: Db) {
    const deleteResources = db.prepare('DELETE FROM resources')
    const deleteOperations = db.prepare('DELETE FROM operations')
    const deleteSubscriptionResources = db.prepare<[string, string]>('DELETE FROM resources WHERE key > ? AND key < ?')
    const deleteSubscriptionOperations = db.prepare<[string]>('DELETE FROM operations WHERE subscription_key = ?')
    this.#resetAll = db.transaction((): Removed => ({
      resources: deleteResources.run().changes,
      operations: deleteOperations.run().changes
    }))
    this.#resetSubscription = db.transaction((subscriptionId: string): Removed => {
      const prefix = subscriptionPrefix(subscriptionId)
      return {
        resources: deleteSubscriptionResources.run(prefix, prefixEnd(prefix)).changes,
        operations: deleteSubscriptionOperations.run(subscriptionId.toLowerCase()).changes
      }
    })
  }

  resetAll (): Removed {
    return this.#resetAll()
  }

  resetSubscription (subscriptionId: string): Removed {
    return this.#resetSubscription(subscriptionId)
  }
}
