import { Type } from '@sinclair/typebox'
import { Strict, StringEnum } from './common.js'

// Swagger: AuthorizationPolicy, PermissionTypes (the same in both versions); policyName is the server's. A client may
// give its own keys; the server makes those it leaves out.
export const AuthorizationPolicyDefinition = Strict({
  permissions: Type.Array(StringEnum(['Read', 'Write', 'Manage'] as const), { uniqueItems: true }),
  primaryKey: Type.Optional(Type.String()),
  secondaryKey: Type.Optional(Type.String())
})
