import type { DeclaredOperation } from './resource-type.js'

/**
 * Which status codes and polling headers responses use, for every resource type:
 * - `default`: 201 on create, 200 on update, 200 on delete and 204 when there was nothing (the seed documents);
 * - `swagger`: only the codes each operation's swagger declares, for clients generated strictly from it;
 * - `service`: the real service as recorded: long-running PUTs answer 202 and are polled through `Location`, deletes
 *   that may answer 202 do, with a `Location` too.
 */
export const PROFILES = ['default', 'swagger', 'service'] as const
export type Profile = typeof PROFILES[number]

/** How a client follows an operation: an `Azure-AsyncOperation` status resource, a `Location` to poll, or not at all. */
export type Tracking = 'none' | 'azure-async-operation' | 'location'

export interface Answer {
  status: number
  tracking: Tracking
}

export function putAnswer (profile: Profile, put: DeclaredOperation, created: boolean): Answer {
  if (profile === 'service' && put.longRunning) return { status: 202, tracking: 'location' }
  const tracking: Tracking = put.longRunning ? 'azure-async-operation' : 'none'
  if (!created) return { status: 200, tracking }
  return { status: profile === 'default' || put.declared.includes(201) ? 201 : 200, tracking }
}

export function deleteAnswer (profile: Profile, remove: DeclaredOperation, existed: boolean): Answer {
  if (!existed) {
    return { status: profile === 'default' || remove.declared.includes(204) ? 204 : 200, tracking: 'none' }
  }
  if (profile === 'service' && remove.declared.includes(202)) return { status: 202, tracking: 'location' }
  return { status: 200, tracking: 'none' }
}
