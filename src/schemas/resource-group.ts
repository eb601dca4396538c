import { Type, type Static } from '@sinclair/typebox'

/** ARM's tags: names to values, both strings. */
export const Tags = Type.Record(Type.String(), Type.String())
export type Tags = Static<typeof Tags>

// Microsoft.Resources: ResourceGroup and ResourceGroupPatchable. Read-only fields (id, name, type, provisioningState) and
// anything unknown are dropped; `location` is checked by the route, for ARM's own error.
export const ResourceGroupBody = Type.Object({
  location: Type.Optional(Type.String({ minLength: 1 })),
  managedBy: Type.Optional(Type.String()),
  tags: Type.Optional(Tags),
  properties: Type.Optional(Type.Object({}))
}, { additionalProperties: false })
export type ResourceGroupBody = Static<typeof ResourceGroupBody>

export const ResourceGroupPatch = Type.Object({
  managedBy: Type.Optional(Type.String()),
  tags: Type.Optional(Tags),
  properties: Type.Optional(Type.Object({}))
}, { additionalProperties: false })
export type ResourceGroupPatch = Static<typeof ResourceGroupPatch>

/** A resource group as ARM shows it; `managedBy` and `tags` only when it has them. */
export interface ResourceGroup {
  id: string
  name: string
  type: string
  location: string
  managedBy?: string
  tags?: Tags
  properties: { provisioningState: 'Succeeded' }
}
