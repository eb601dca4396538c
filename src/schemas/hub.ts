import { Type } from '@sinclair/typebox'
import { Strict } from './common.js'

// Swagger: HubPropertiesFormat, HubBillingInfoFormat (the same in both versions).
const HubBillingInfo = Strict({
  skuName: Type.Optional(Type.String()),
  minUnits: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  maxUnits: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 }))
})

/** What a client may write of a hub's properties; the endpoints and the provisioning state are the server's. */
export const HubDefinition = Strict({
  tenantFeatures: Type.Optional(Type.Integer()),
  hubBillingInfo: Type.Optional(HubBillingInfo)
})
