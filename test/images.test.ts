import t from 'tap'
import { HUB_PATH, START, buildTestApp, json, url } from './helpers/app.js'
import { storageWithResourceGroup } from './helpers/strict.js'

const IMAGES = `${HUB_PATH}/images`
const INPUT = { entityType: 'Profile', entityTypeName: 'Contact', relativePath: 'images/profile 1.png' }

t.test('an upload URL points at the emulator itself, with a write-only SAS good for an hour, and no image exists yet', async (t) => {
  const { request } = await buildTestApp(t)
  for (const [action, folder, version] of [['getEntityTypeImageUploadUrl', 'EntityTypeImage', '2017-04-26'], ['getDataImageUploadUrl', 'DataImage', '2017-01-01']] as const) {
    const response = await request({ method: 'POST', url: url(`${IMAGES}/${action}`, version), payload: INPUT })
    t.equal(response.statusCode, 200, action)
    t.strictSame(json(response), {
      contentUrl: `http://localhost:80/_emulator/images/sdktesthub/${folder}/Profile/Contact/images/profile%201.png?sv=2015-04-05&sr=b&se=2026-01-01T01%3A00%3A00Z&sp=cw`,
      relativePath: 'images/profile 1.png',
      imageExists: false
    })
  }
  t.equal(new Date(START + 3_600_000).toISOString(), '2026-01-01T01:00:00.000Z')
})

t.test('what the request leaves out, the URL and the answer leave out; a body that is not the input is refused', async (t) => {
  const { request } = await buildTestApp(t)
  const bare = await request({ method: 'POST', url: url(`${IMAGES}/getDataImageUploadUrl`), payload: {} })
  t.strictSame(json(bare), { contentUrl: 'http://localhost:80/_emulator/images/sdktesthub/DataImage?sv=2015-04-05&sr=b&se=2026-01-01T01%3A00%3A00Z&sp=cw', imageExists: false })
  const invalid = await request({ method: 'POST', url: url(`${IMAGES}/getDataImageUploadUrl`), payload: { entityType: 1 } })
  t.equal(invalid.statusCode, 400)
  t.match(json(invalid), { error: { code: 'ValidationFailed', target: 'entityType', message: /^The image upload URL request is invalid\./ } })
  const none = await request({ method: 'POST', url: url(`${IMAGES}/getDataImageUploadUrl`) })
  t.equal(none.statusCode, 400)
  t.match(json(none), { error: { code: 'InvalidRequestContent' } })
  t.equal((await request({ method: 'GET', url: url(`${IMAGES}/getDataImageUploadUrl`) })).statusCode, 405)
  t.equal((await request({ method: 'GET', url: url(IMAGES) })).statusCode, 404, 'images are not listed')
})

t.test('the emulator takes an upload to such a URL as Blob storage would, whatever its type and size, and keeps nothing', async (t) => {
  const { app, request } = await buildTestApp(t)
  const { contentUrl } = json(await request({ method: 'POST', url: url(`${IMAGES}/getEntityTypeImageUploadUrl`), payload: INPUT })) as { contentUrl: string }
  const target = new URL(contentUrl)
  const uploaded = await app.inject({
    method: 'PUT',
    url: `${target.pathname}${target.search}`,
    headers: { 'content-type': 'image/png', 'x-ms-blob-type': 'BlockBlob' },
    payload: Buffer.alloc(3 * 1024 * 1024, 1)
  })
  t.equal(uploaded.statusCode, 201, 'larger than an ARM body may be')
  t.equal(uploaded.body, '')
  t.equal(uploaded.headers.etag, `"0x${START.toString(16).toUpperCase()}"`)
  t.equal(uploaded.headers['last-modified'], 'Thu, 01 Jan 2026 00:00:00 GMT')
  const untyped = await app.inject({ method: 'PUT', url: '/_emulator/images/sdktesthub/DataImage/a.png', payload: 'bytes' })
  t.equal(untyped.statusCode, 201)
  t.equal((await app.inject({ method: 'GET', url: target.pathname })).statusCode, 405, 'nothing is kept to be read back')
  t.strictSame(json(await app.inject({ method: 'GET', url: '/_emulator/resources' })), { value: [] })
})

t.test('under strict references, a hub that was not created has no upload URLs', async (t) => {
  const { request } = await buildTestApp(t, { references: 'strict', storage: storageWithResourceGroup(t) })
  const response = await request({ method: 'POST', url: url(`${IMAGES}/getDataImageUploadUrl`), payload: INPUT })
  t.equal(response.statusCode, 404)
  t.match(json(response), { error: { code: 'ParentResourceNotFound' } })
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  t.equal((await request({ method: 'POST', url: url(`${IMAGES}/getDataImageUploadUrl`), payload: INPUT })).statusCode, 200)
})
