import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ApiVersion } from '../../src/arm/api-version.js'

/** The published swaggers and their examples, kept under test/fixtures/swagger (see its SOURCES.md). */
export const SWAGGER_DIR = join(import.meta.dirname, '..', 'fixtures', 'swagger')

export interface SwaggerExample {
  parameters: Record<string, unknown> & { parameters?: Record<string, unknown> }
  responses: Record<string, { body?: unknown }>
}

/** A published example by its file name without `.json`: `LinksCreateOrUpdate`. */
export function swaggerExample (name: string, version: ApiVersion = '2017-04-26'): SwaggerExample {
  return JSON.parse(readFileSync(join(SWAGGER_DIR, version, 'examples', `${name}.json`), 'utf8')) as SwaggerExample
}

/** The names of every published example of a version. */
export function swaggerExampleNames (version: ApiVersion): string[] {
  return readdirSync(join(SWAGGER_DIR, version, 'examples')).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length)).sort()
}

export function swaggerDocument (version: ApiVersion): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SWAGGER_DIR, version, 'customer-insights.json'), 'utf8')) as Record<string, unknown>
}
