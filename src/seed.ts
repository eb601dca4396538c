import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { LATEST_API_VERSION } from './arm/api-version.js'
import { PROVISIONING_HEADER } from './arm/provisioning.js'
import { isJsonObject } from './arm/body-shape.js'
import type { ProvisioningSettings } from './schemas/emulator.js'

/** Seeded resources are created as a PUT would create them, and are already provisioned. */
const ALREADY_PROVISIONED: ProvisioningSettings = { delayMs: 0, completeAfterReads: null, manual: false, outcome: 'Succeeded', error: null }

/**
 * Creates the resources of a seed file: `{"resources": [...]}` or a bare array, each a PUT body (ARM or flat shape)
 * with the resource's `id`, and optionally the `apiVersion` its body is written in (the newest by default). Parents are
 * created before their children, whatever the file's order. Each goes through the same route, validation and storage
 * as a client's PUT; the first one refused stops the start with its ARM error.
 */
export async function seedResources (app: FastifyInstance, file: string): Promise<number> {
  const resources = seedEntries(JSON.parse(readFileSync(file, 'utf8')) as unknown, file)
  for (const [index, resource] of resources.entries()) {
    const id = resource.id
    if (typeof id !== 'string' || !id.startsWith('/subscriptions/')) {
      throw new Error(`Seed file ${file}: resource ${index} has no ARM id ("id": "/subscriptions/.../links/name").`)
    }
  }
  const ordered = resources.map((resource, index) => ({ resource, index, id: resource.id as string }))
    .sort((a, b) => depth(a.id) - depth(b.id) || a.index - b.index)
  for (const { resource, index, id } of ordered) {
    const { apiVersion = LATEST_API_VERSION, ...body } = resource
    const response = await app.inject({
      method: 'PUT',
      url: `${id}?api-version=${String(apiVersion)}`,
      headers: { [PROVISIONING_HEADER]: JSON.stringify(ALREADY_PROVISIONED) },
      payload: body
    })
    if (response.statusCode >= 300) throw new Error(`Seed file ${file}: resource ${index} (${id}) was refused: ${response.body}`)
  }
  return resources.length
}

/** How deep an id lies: a hub's children after the hub, a connector's mappings after the connector. */
function depth (id: string): number {
  return id.split('/').length
}

function seedEntries (content: unknown, file: string): Record<string, unknown>[] {
  const entries = isJsonObject(content) ? content.resources : content
  if (!Array.isArray(entries) || !entries.every(isJsonObject)) {
    throw new Error(`Seed file ${file} must hold {"resources": [...]} or an array of resources, each a JSON object.`)
  }
  return entries
}
