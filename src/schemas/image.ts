import { Type } from '@sinclair/typebox'
import { Strict } from './common.js'

// Swagger: GetImageUploadUrlInput (the same in both versions), the body of both image actions.
export const GetImageUploadUrlInput = Strict({
  entityType: Type.Optional(Type.String()),
  entityTypeName: Type.Optional(Type.String()),
  relativePath: Type.Optional(Type.String())
})
