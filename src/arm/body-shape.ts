import type { FastifyRequest } from 'fastify'
import type { PropertyProblem } from '../errors.js'

/**
 * How the client shaped a PUT body. Validation runs on the ARM shape, so error targets are mapped back
 * to the paths the client actually sent.
 */
export interface BodyShape {
  /** True for the seed documents' flat shape: the definition's fields at the top level. */
  flat: boolean
  /** Translated field paths (relative to the definition) and the older names the client used for them. */
  renamed: Map<string, string>
}

/** Rewrites older field names of a flat definition in place, recording renames; returns conflicts found. */
export type FlatFieldTranslation = (definition: Record<string, unknown>, renamed: Map<string, string>) => PropertyProblem[]

declare module 'fastify' {
  interface FastifyRequest {
    bodyShape: BodyShape | null
  }
}

export function isJsonObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Accepts both body shapes: `{"properties": {...}}` (ARM, what SDKs send) and the flat shape of the seed
 * documents. A body with a `properties` key is the ARM shape. Returns conflicts found by the translation.
 */
export function normalizeBodyShape (request: FastifyRequest, translateFlat?: FlatFieldTranslation): PropertyProblem[] {
  const body = request.body
  if (!isJsonObject(body) || Object.hasOwn(body, 'properties')) {
    request.bodyShape = { flat: false, renamed: new Map() }
    return []
  }
  const definition = { ...body }
  const renamed = new Map<string, string>()
  const conflicts = translateFlat?.(definition, renamed) ?? []
  request.bodyShape = { flat: true, renamed }
  request.body = { properties: definition }
  return conflicts
}

/** The path of a body property as the client sent it, from its path in the ARM shape (`properties.x[0].y`). */
export function clientPath (armPath: string, shape: BodyShape | null): string {
  if (shape?.flat !== true) return armPath
  // A flat body has no `properties` key, so every path the ARM shape reports lies inside the definition.
  const inDefinition = armPath.slice('properties.'.length)
  return shape.renamed.get(inDefinition) ?? inDefinition
}

/**
 * Moves `from` to `to` on an object when the client used the older name; both names at once is a conflict.
 * Returns the conflict, if any.
 */
export function renameField (
  object: Record<string, unknown>, from: string, to: string, path: string, renamed: Map<string, string>
): PropertyProblem | undefined {
  if (!Object.hasOwn(object, from)) return undefined
  if (Object.hasOwn(object, to)) return conflictingProperties(`${path}${from}`, `${path}${to}`)
  object[to] = object[from]
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a parsed JSON object, renamed field by field
  delete object[from]
  renamed.set(`${path}${to}`, `${path}${from}`)
  return undefined
}

export function conflictingProperties (older: string, newer: string): PropertyProblem {
  return {
    code: 'ConflictingProperties',
    message: `The property '${older}' is the older name of '${newer}'; send only one of them.`,
    target: older
  }
}
