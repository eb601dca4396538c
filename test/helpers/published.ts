import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The published documents the product started from live beside the repository (`../shared`), and are read
 * as they stand: the point of these tests is that the bodies exactly as published are accepted.
 */
export const SHARED_DIR = join(import.meta.dirname, '..', '..', '..', 'shared')

/** The JSON request body of a seed document, titled e.g. "Create or Update Link (ARM)". */
export function seedRequestBody (title: string): Record<string, unknown> {
  const dir = join(SHARED_DIR, 'seeds')
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8')
    if (!text.includes(`title: ${title}\n`)) continue
    const body = /### Request Body[\s\S]*?```\{json\}\s*([\s\S]*?)```/.exec(text)?.[1]
    if (body === undefined) throw new Error(`no request body in the seed document ${file}`)
    return JSON.parse(body) as Record<string, unknown>
  }
  throw new Error(`no seed document titled ${title} in ${dir}`)
}

export interface SwaggerExample {
  parameters: Record<string, unknown> & { parameters?: Record<string, unknown> }
  responses: Record<string, { body?: unknown }>
}

export function swaggerExample (operationId: string): SwaggerExample {
  return JSON.parse(readFileSync(join(SHARED_DIR, 'reference', 'examples', `${operationId}.json`), 'utf8')) as SwaggerExample
}
