import { defineResourceType, type ActionContext, type Json } from '../src/engine/resource-type.js'
import { ANY_NAME } from '../src/provider/names.js'
import { NotWritten } from '../src/schemas/common.js'
import { GetImageUploadUrlInput } from '../src/schemas/image.js'
import { IMAGE_UPLOADS_PATH } from './image-uploads.js'
import { hubs } from './hubs.js'

/** How long an upload URL is good for, as its `se` says; the emulator does not enforce it. */
const UPLOAD_URL_LIFETIME_MS = 60 * 60 * 1000

/**
 * Where a client uploads an image: a blob URL with a write-only SAS, as the service's. It points at the emulator itself,
 * which takes the upload and keeps nothing (see image-uploads.ts), so nothing a client calls leaves the machine; the
 * image never exists, so `imageExists` is false.
 */
function uploadUrl (folder: 'EntityTypeImage' | 'DataImage') {
  return ({ names, body, origin, now }: ActionContext): Json => {
    const input = body as { entityType?: string, entityTypeName?: string, relativePath?: string }
    const path = [(names[0] as string).toLowerCase(), folder, input.entityType, input.entityTypeName, ...(input.relativePath ?? '').split('/')]
      .filter((segment) => segment !== undefined && segment !== '')
      .map((segment) => encodeURIComponent(segment as string))
    const sas = new URLSearchParams({ sv: '2015-04-05', sr: 'b', se: new Date(now + UPLOAD_URL_LIFETIME_MS).toISOString().slice(0, 19) + 'Z', sp: 'cw' })
    return {
      contentUrl: `${origin}${IMAGE_UPLOADS_PATH}${path.join('/')}?${sas.toString()}`,
      ...(input.relativePath === undefined ? {} : { relativePath: input.relativePath }),
      imageExists: false
    }
  }
}

export const images = defineResourceType({
  kind: 'image',
  segment: 'images',
  nameParameter: 'imageName',
  parent: hubs,
  nameRule: ANY_NAME,
  versions: {
    '2017-04-26': { definition: NotWritten },
    '2017-01-01': { definition: NotWritten }
  },
  // Images are not resources of their own: only the two actions that give where to upload one.
  list: false,
  actions: [
    {
      name: 'getEntityTypeImageUploadUrl',
      on: 'collection',
      status: 200,
      body: { '2017-04-26': GetImageUploadUrlInput, '2017-01-01': GetImageUploadUrlInput },
      bodyName: 'image upload URL request',
      handle: uploadUrl('EntityTypeImage')
    },
    {
      name: 'getDataImageUploadUrl',
      on: 'collection',
      status: 200,
      body: { '2017-04-26': GetImageUploadUrlInput, '2017-01-01': GetImageUploadUrlInput },
      bodyName: 'image upload URL request',
      handle: uploadUrl('DataImage')
    }
  ]
})
