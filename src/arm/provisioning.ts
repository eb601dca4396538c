import type { StoredOperation } from '../../db/operation-store.js'
import type { ProvisioningState } from '../schemas/common.js'
import type { OperationStatus } from '../schemas/common.js'
import { operationStatusId } from './ids.js'

/**
 * Provisioning state is derived from the stored operation and the clock, never from timers in memory,
 * so a restart in the middle of provisioning neither loses nor freezes it.
 */
export function provisioningStateAt (operation: StoredOperation, now: number): ProvisioningState {
  if (now < operation.completesAt) return 'Provisioning'
  return operation.outcome
}

export function operationStatusAt (operation: StoredOperation, now: number): OperationStatus {
  const state = provisioningStateAt(operation, now)
  const status: OperationStatus = {
    id: operationStatusId(operation.subscriptionId, operation.id),
    name: operation.id,
    status: state === 'Provisioning' ? 'InProgress' : state,
    startTime: new Date(operation.startedAt).toISOString()
  }
  if (state !== 'Provisioning') {
    status.endTime = new Date(operation.completesAt).toISOString()
  }
  if (state === 'Failed' && operation.error !== null) status.error = operation.error
  return status
}

export interface ProvisioningPlan {
  delayMs: number
}

/** The operation a PUT starts: it succeeds once the configured delay has passed. */
export function startOperation (id: string, subscriptionId: string, resourceId: string, now: number, plan: ProvisioningPlan): StoredOperation {
  return {
    id,
    subscriptionId,
    resourceId,
    startedAt: now,
    completesAt: now + plan.delayMs,
    outcome: 'Succeeded',
    error: null
  }
}

/** Whole seconds until the operation is expected to finish: what `Retry-After` carries. */
export function retryAfterSeconds (operation: StoredOperation, now: number): number {
  return Math.max(0, Math.ceil((operation.completesAt - now) / 1000))
}
