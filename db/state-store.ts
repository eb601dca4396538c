import type { Db } from './database.js'

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
    const deleteSubscriptionResources = db.prepare<[string]>('DELETE FROM resources WHERE subscription_key = ?')
    const deleteSubscriptionOperations = db.prepare<[string]>('DELETE FROM operations WHERE subscription_key = ?')
    this.#resetAll = db.transaction((): Removed => ({
      resources: deleteResources.run().changes,
      operations: deleteOperations.run().changes
    }))
    this.#resetSubscription = db.transaction((subscriptionKey: string): Removed => ({
      resources: deleteSubscriptionResources.run(subscriptionKey).changes,
      operations: deleteSubscriptionOperations.run(subscriptionKey).changes
    }))
  }

  resetAll (): Removed {
    return this.#resetAll()
  }

  resetSubscription (subscriptionId: string): Removed {
    return this.#resetSubscription(subscriptionId.toLowerCase())
  }
}
