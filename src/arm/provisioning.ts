import type { FastifySchemaValidationError, FastifyValidationResult } from 'fastify/types/schema.js'
import type { OperationError, StoredOperation } from '../../db/operation-store.js'
import { invalidProvisioningHeader } from '../errors.js'
import type { OperationStatus, ProvisioningState } from '../schemas/common.js'
import type { ProvisioningSettings, ProvisioningSettingsPatch } from '../schemas/emulator.js'
import { operationStatusId } from './ids.js'

/** What a failed operation reports when the test that failed it gave no error of its own. */
export const DEFAULT_PROVISIONING_ERROR: OperationError = {
  code: 'ProvisioningFailed',
  message: 'Provisioning failed, as the emulator was asked to make it fail.'
}

/** A PUT may carry its own provisioning settings, as JSON, overriding the emulator's for that one operation. */
export const PROVISIONING_HEADER = 'x-emulator-provisioning'

/** The settings for one PUT that carries the header: the emulator's, with what the header gives. */
export function provisioningSettingsFor (
  header: string | string[], settings: ProvisioningSettings, validate: FastifyValidationResult
): ProvisioningSettings {
  let patch: unknown
  try {
    patch = JSON.parse(String(header))
  } catch {
    throw invalidProvisioningHeader('it is not JSON.')
  }
  if (validate(patch) !== true) {
    // Ajv lists what failed whenever it answers false.
    const reasons = (validate.errors as FastifySchemaValidationError[])
      .map((problem) => `${problem.instancePath === '' ? 'the value' : problem.instancePath} ${String(problem.message)}`)
    throw invalidProvisioningHeader(`${reasons.join('; ')}.`)
  }
  return { ...settings, ...(patch as ProvisioningSettingsPatch) }
}

/**
 * Provisioning state is derived from the stored operation and the clock, never from timers in memory,
 * so a restart in the middle of provisioning neither loses nor freezes it.
 */
export function provisioningStateAt (operation: StoredOperation, now: number): ProvisioningState {
  if (operation.completesAt === null || now < operation.completesAt) return 'Provisioning'
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
  if (state === 'Provisioning') return status
  status.endTime = new Date(Number(operation.completesAt)).toISOString()
  if (operation.error !== null) status.error = operation.error
  return status
}

/** The operation a PUT starts, ending as the settings in force say. */
export function startOperation (id: string, subscriptionId: string, resourceId: string, now: number, settings: ProvisioningSettings): StoredOperation {
  const waits = settings.manual || settings.completeAfterReads !== null
  return {
    id,
    kind: 'put',
    subscriptionId,
    resourceId,
    startedAt: now,
    completesAt: waits ? null : now + settings.delayMs,
    readsRemaining: settings.manual ? null : settings.completeAfterReads,
    outcome: settings.outcome,
    error: settings.outcome === 'Failed' ? settings.error ?? DEFAULT_PROVISIONING_ERROR : null
  }
}

/** Whole seconds until the operation should be done: what `Retry-After` carries. One while it waits on a test. */
export function retryAfterSeconds (operation: StoredOperation, now: number): number {
  if (operation.completesAt === null) return 1
  return Math.max(0, Math.ceil((operation.completesAt - now) / 1000))
}
