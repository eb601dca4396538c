import { Type } from '@sinclair/typebox'
import { LocalizedStrings, Strict } from './common.js'

// Swagger: View (the same in both versions); viewName, tenantId, changed and created are the server's.
export const ViewDefinition = Strict({
  userId: Type.Optional(Type.String()),
  displayName: Type.Optional(LocalizedStrings),
  definition: Type.String()
})
