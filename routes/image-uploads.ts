import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { rejectOtherMethods } from '../src/arm/routing.js'
import type { Runtime } from '../src/settings.js'
import { EMULATOR_PATH_PREFIX } from './emulator.js'

/** Where the image actions tell clients to upload (routes/images.ts). */
export const IMAGE_UPLOADS_PATH = `${EMULATOR_PATH_PREFIX}images/`

/**
 * Takes an image upload as Blob storage's Put Blob would (201, an ETag) and keeps nothing of it: the emulator serves
 * no images, but a client's upload to the URL it was given succeeds without leaving the machine.
 */
export default async function imageUploadRoutes (app: FastifyInstance, options: { runtime: Runtime }) {
  const { runtime } = options
  const url = `${IMAGE_UPLOADS_PATH}*`

  // Any media type, any size: the bytes are read to their end and dropped, never buffered.
  app.addContentTypeParser('*', function discard (_request, payload, done) {
    payload.on('end', () => { done(null) })
    payload.resume()
  })

  async function upload (_request: FastifyRequest, reply: FastifyReply) {
    const now = runtime.now()
    return await reply.code(201)
      .header('etag', `"0x${now.toString(16).toUpperCase()}"`)
      .header('last-modified', new Date(now).toUTCString())
      .send()
  }

  app.put(url, upload)
  rejectOtherMethods(app, url, ['PUT'])
}
