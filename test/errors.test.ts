import { connect, type Socket } from 'node:net'
import t from 'tap'
import { clientErrorHandler } from '../src/arm/client-errors.js'
import { HUB_PATH, SUBSCRIPTION, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'

const LINKS = `${HUB_PATH}/links`
const definition = {
  sourceEntityType: 'Profile',
  targetEntityType: 'Profile',
  sourceEntityTypeName: 'Contact',
  targetEntityTypeName: 'Contact',
  participantPropertyReferences: [{ sourcePropertyName: 'Id', targetPropertyName: 'Id' }]
}
const SKIP_HINT = '(The emulator skips this check when started with EMULATOR_SKIP_API_VERSION_CHECK=1 or --skip-api-version-check.)'
const MISSING_API_VERSION = {
  error: {
    code: 'MissingApiVersionParameter',
    message: `The api-version query parameter (?api-version=) is required for all requests. ${SKIP_HINT}`
  }
}

t.test('a request without api-version is a 400 MissingApiVersionParameter, on every ARM route', async (t) => {
  const { request } = await buildTestApp(t)
  for (const [method, path] of [['GET', `${LINKS}/la`], ['PUT', `${LINKS}/la`], ['DELETE', `${LINKS}/la`], ['GET', LINKS],
    ['GET', `${HUB_PATH}/relationshipLinks`], ['GET', `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CustomerInsights/operationStatuses/x`]] as const) {
    const response = await request({ method, url: path, payload: method === 'PUT' ? { properties: definition } : undefined })
    t.equal(response.statusCode, 400, `${method} ${path}`)
    t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
    t.strictSame(json(response), MISSING_API_VERSION)
  }
  const empty = await request({ method: 'GET', url: `${LINKS}/a?api-version=` })
  t.strictSame(json(empty), MISSING_API_VERSION)
})

t.test('an api-version given twice is not a supported one', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: `${LINKS}?api-version=2017-04-26&API-VERSION=2017-04-26` })
  t.equal(response.statusCode, 400)
  t.match(json(response), { error: { code: 'NoRegisteredProviderFound', message: /API version '2017-04-26,2017-04-26'/ } })
})

t.test('an unsupported api-version is a 400 NoRegisteredProviderFound naming both supported ones', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: url(`${LINKS}/la`, '2016-01-01') })
  t.equal(response.statusCode, 400)
  t.strictSame(json(response), {
    error: {
      code: 'NoRegisteredProviderFound',
      message: "No registered resource provider found for location 'global' and API version '2016-01-01' for type 'hubs/links'. " +
        `The supported api-versions are '2017-01-01, 2017-04-26'. ${SKIP_HINT}`
    }
  })
})

t.test('api-version is matched case-insensitively by name', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: `${LINKS}?API-Version=2017-04-26` })
  t.equal(response.statusCode, 200)
  t.strictSame(json(response), { value: [] })
})

t.test('with the api-version check off, any api-version or none is accepted', async (t) => {
  const { app, request } = await buildTestApp(t, { apiVersionCheck: false })
  const created = await request({ method: 'PUT', url: `${LINKS}/la`, payload: { properties: definition } })
  t.equal(created.statusCode, 201)
  t.strictSame(storedBody(storedAt(app, `${HUB_PATH}/links/la`)), json(created))
  const read = await request({ method: 'GET', url: url(`${LINKS}/la`, '2016-01-01') })
  t.equal(read.statusCode, 200)
  t.strictSame(json(read), json(created), 'the same resource, still provisioning on the unmoved clock')
})

t.test('a body that is not JSON, or not an object, is a 400 InvalidRequestContent and writes nothing', async (t) => {
  const { app, request } = await buildTestApp(t)
  const notJson = 'The request content was invalid and could not be deserialized: ' +
    'the body is not valid JSON, or uses a forbidden key (__proto__, constructor.prototype).'
  const notObject = 'The request content was invalid and could not be deserialized: the body must be a JSON object.'
  const cases: [string, string | undefined, string][] = [
    ['{"properties": ', 'application/json', notJson],
    ['{"__proto__": {"x": 1}}', 'application/json', notJson],
    ['[1, 2]', 'application/json', notObject],
    ['"text"', 'application/json', notObject],
    ['null', 'application/json', notObject],
    ['', 'application/json', 'The request content was invalid and could not be deserialized: the body is empty.'],
    ['', undefined, notObject]
  ]
  for (const [payload, contentType, message] of cases) {
    const response = await request({
      method: 'PUT', url: url(`${LINKS}/la`), payload, headers: contentType === undefined ? {} : { 'content-type': contentType }
    })
    t.equal(response.statusCode, 400, payload)
    t.strictSame(json(response), { error: { code: 'InvalidRequestContent', message } }, payload)
  }
  t.equal(storedAt(app, `${HUB_PATH}/links/la`), undefined)
})

t.test('a definition that fails validation is a 400 ValidationFailed: target and one detail per problem', async (t) => {
  const { app, request } = await buildTestApp(t)
  const response = await request({
    method: 'PUT',
    url: url(`${LINKS}/la`),
    payload: {
      properties: {
        ...definition,
        sourceEntityType: 'Account',
        referenceOnly: 'yes',
        displayName: { 'en/us': 5 },
        mappings: [{ sourcePropertyName: 'a', targetPropertyName: 'b', linkType: 'Sometimes' }]
      }
    }
  })
  t.equal(response.statusCode, 400)
  t.strictSame(json(response), {
    error: {
      code: 'ValidationFailed',
      message: "The link definition is invalid. The property 'properties.sourceEntityType' must be one of: None, Profile, Interaction, Relationship. (4 problems in all, listed in details.)",
      target: 'properties.sourceEntityType',
      details: [
        { code: 'InvalidPropertyValue', message: "The property 'properties.sourceEntityType' must be one of: None, Profile, Interaction, Relationship.", target: 'properties.sourceEntityType' },
        { code: 'InvalidPropertyType', message: "The property 'properties.displayName.en/us' must be of type string.", target: 'properties.displayName.en/us' },
        { code: 'InvalidPropertyValue', message: "The property 'properties.mappings[0].linkType' must be one of: UpdateAlways, CopyIfNull.", target: 'properties.mappings[0].linkType' },
        { code: 'InvalidPropertyType', message: "The property 'properties.referenceOnly' must be of type boolean.", target: 'properties.referenceOnly' }
      ]
    }
  })
  t.equal(storedAt(app, `${HUB_PATH}/links/la`), undefined)
})

t.test('ARM-shape bodies whose properties is not an object fail on the properties target', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'PUT', url: url(`${LINKS}/la`), payload: { properties: [definition] } })
  t.equal(response.statusCode, 400)
  t.strictSame(json(response), {
    error: {
      code: 'ValidationFailed',
      message: "The link definition is invalid. The property 'properties' must be of type object.",
      target: 'properties',
      details: [{ code: 'InvalidPropertyType', message: "The property 'properties' must be of type object.", target: 'properties' }]
    }
  })
})

t.test('flat-shape errors name the fields as the client sent them, older names included', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({
    method: 'PUT',
    url: url(`${LINKS}/la`),
    payload: {
      sourceInteractionType: 42,
      targetProfileType: 'Contact',
      participantPropertyReferences: [{ interactionPropertyName: 'a', profilePropertyName: false }],
      mappings: ['not a mapping']
    }
  })
  t.equal(response.statusCode, 400)
  t.strictSame(json(response), {
    error: {
      code: 'ValidationFailed',
      message: "The link definition is invalid. The property 'sourceInteractionType' must be of type string. (3 problems in all, listed in details.)",
      target: 'sourceInteractionType',
      details: [
        { code: 'InvalidPropertyType', message: "The property 'sourceInteractionType' must be of type string.", target: 'sourceInteractionType' },
        { code: 'InvalidPropertyType', message: "The property 'mappings[0]' must be of type object.", target: 'mappings[0]' },
        {
          code: 'InvalidPropertyType',
          message: "The property 'participantPropertyReferences[0].profilePropertyName' must be of type string.",
          target: 'participantPropertyReferences[0].profilePropertyName'
        }
      ]
    }
  })
})

t.test('a body that gives both an older and a newer name for one field is a 400', async (t) => {
  const { app, request } = await buildTestApp(t)
  const response = await request({
    method: 'PUT',
    url: url(`${LINKS}/la`),
    payload: {
      sourceInteractionType: 'Visit',
      sourceEntityTypeName: 'Visit',
      targetProfileType: 'Contact',
      participantPropertyReferences: [{ interactionPropertyName: 'a', sourcePropertyName: 'a', profilePropertyName: 'b' }],
      mappings: [{ profileTypePropertyName: 'x', targetPropertyName: 'x', interactionTypePropertyName: 'y' }]
    }
  })
  t.equal(response.statusCode, 400)
  t.strictSame(json(response), {
    error: {
      code: 'ValidationFailed',
      message: "The link definition is invalid. The property 'sourceInteractionType' is the older name of 'sourceEntityTypeName'; send only one of them. (3 problems in all, listed in details.)",
      target: 'sourceInteractionType',
      details: [
        { code: 'ConflictingProperties', message: "The property 'sourceInteractionType' is the older name of 'sourceEntityTypeName'; send only one of them.", target: 'sourceInteractionType' },
        {
          code: 'ConflictingProperties',
          message: "The property 'mappings[0].profileTypePropertyName' is the older name of 'mappings[0].targetPropertyName'; send only one of them.",
          target: 'mappings[0].profileTypePropertyName'
        },
        {
          code: 'ConflictingProperties',
          message: "The property 'participantPropertyReferences[0].interactionPropertyName' is the older name of 'participantPropertyReferences[0].sourcePropertyName'; send only one of them.",
          target: 'participantPropertyReferences[0].interactionPropertyName'
        }
      ]
    }
  })
  t.equal(storedAt(app, `${HUB_PATH}/links/la`), undefined)
})

t.test('a child name that breaks the swagger pattern is a 400 InvalidResourceName, before the body is read', async (t) => {
  const { request } = await buildTestApp(t)
  const tooLong = `a${'b'.repeat(512)}`
  const cases: [string, string, string][] = [
    ['1link', 'linkName', 'links'], ['a', 'linkName', 'links'], ['has-dash', 'relationshipLinkName', 'relationshipLinks'], [tooLong, 'linkName', 'links']
  ]
  for (const [name, parameter, collection] of cases) {
    const response = await request({ method: 'PUT', url: url(`${HUB_PATH}/${collection}/${name}`), payload: '{not json', headers: { 'content-type': 'application/json' } })
    t.equal(response.statusCode, 400, name)
    t.strictSame(json(response), {
      error: {
        code: 'InvalidResourceName',
        message: `The resource name '${name}' is invalid. It must match the pattern '^[a-zA-Z][a-zA-Z0-9_]+$' and be at most 512 characters long.`,
        target: parameter
      }
    })
  }
  const longest = `a${'b'.repeat(511)}`
  const accepted = await request({ method: 'PUT', url: url(`${LINKS}/${longest}`), payload: { properties: definition } })
  t.equal(accepted.statusCode, 201, '512 characters are allowed')
})

t.test('checks run in ARM order: route, api-version, names, body', async (t) => {
  const { request } = await buildTestApp(t)
  const badEverything = { method: 'PUT' as const, payload: '{', headers: { 'content-type': 'application/json' } }
  const route = await request({ ...badEverything, url: `${HUB_PATH}/widgets/1bad` })
  t.equal(route.statusCode, 404)
  const apiVersion = await request({ ...badEverything, url: `${LINKS}/1bad` })
  t.match(json(apiVersion), { error: { code: 'MissingApiVersionParameter' } })
  const name = await request({ ...badEverything, url: url(`${LINKS}/1bad`) })
  t.match(json(name), { error: { code: 'InvalidResourceName' } })
  const body = await request({ ...badEverything, url: url(`${LINKS}/good`) })
  t.match(json(body), { error: { code: 'InvalidRequestContent' } })
  const methodFirst = await request({ method: 'POST', url: `${LINKS}/1bad`, payload: 'x', headers: { 'content-type': 'text/plain' } })
  t.equal(methodFirst.statusCode, 405)
})

t.test('an unknown route is a 404 with an ARM error body', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: url(`${HUB_PATH}/widgets`) })
  t.equal(response.statusCode, 404)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(response), { error: { code: 'NotFound', message: `No route matches 'GET ${HUB_PATH}/widgets'.` } })
})

t.test('a method a known route does not serve is a 405', async (t) => {
  const { request } = await buildTestApp(t)
  const item = await request({ method: 'PATCH', url: url(`${LINKS}/la`), payload: { properties: definition } })
  t.equal(item.statusCode, 405)
  t.strictSame(json(item), {
    error: { code: 'MethodNotAllowed', message: "The requested resource does not support http method 'PATCH'. Supported methods: GET, PUT, DELETE." }
  })
  const collection = await request({ method: 'PUT', url: url(LINKS), payload: { properties: definition } })
  t.equal(collection.statusCode, 405)
  t.strictSame(json(collection), {
    error: { code: 'MethodNotAllowed', message: "The requested resource does not support http method 'PUT'. Supported methods: GET." }
  })
  const status = await request({ method: 'DELETE', url: url(`/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CustomerInsights/operationStatuses/x`) })
  t.equal(status.statusCode, 405)
})

t.test('a body over 1 MiB is a 413 with an ARM error body, and nothing is written', async (t) => {
  const { app, request } = await buildTestApp(t)
  const payload = JSON.stringify({ properties: { ...definition, description: { 'en-us': 'x'.repeat(1024 * 1024) } } })
  const response = await request({ method: 'PUT', url: url(`${LINKS}/la`), payload, headers: { 'content-type': 'application/json' } })
  t.equal(response.statusCode, 413)
  t.strictSame(json(response), { error: { code: 'RequestEntityTooLarge', message: 'The request content exceeds the maximum size of 1048576 bytes.' } })
  t.equal(storedAt(app, `${HUB_PATH}/links/la`), undefined)
})

t.test('a body that is not JSON by its media type is a 415 with an ARM error body', async (t) => {
  const { request } = await buildTestApp(t)
  for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
    const response = await request({ method: 'PUT', url: url(`${LINKS}/la`), payload: 'a=b', headers: { 'content-type': contentType } })
    t.equal(response.statusCode, 415, contentType)
    t.strictSame(json(response), {
      error: { code: 'UnsupportedMediaType', message: `The content media type '${contentType}' is not supported. Only 'application/json' is supported.` }
    })
  }
  const untyped = await request({ method: 'PUT', url: url(`${LINKS}/la`), payload: JSON.stringify({ properties: definition }) })
  t.equal(untyped.statusCode, 415)
  t.strictSame(json(untyped), {
    error: { code: 'UnsupportedMediaType', message: "A request body without a content type is not supported. Only 'application/json' is supported." }
  })
  const charset = await request({ method: 'PUT', url: url(`${LINKS}/la`), payload: JSON.stringify({ properties: definition }), headers: { 'content-type': 'application/json; charset=utf-8' } })
  t.equal(charset.statusCode, 201)
})

t.test('a URL with broken percent-encoding is a 400 with an ARM error body', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: url(`${HUB_PATH}/links/%E0%A4%A`) })
  t.equal(response.statusCode, 400)
  t.strictSame(json(response), { error: { code: 'InvalidRequestUri', message: 'The request URI is invalid: it is not a valid URL.' } })
  t.ok(response.headers['x-ms-request-id'])
})

t.test('a path segment beyond the router\'s limit is a 400 with an ARM error body', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: url(`${HUB_PATH}/links/${'a'.repeat(5000)}`) })
  t.equal(response.statusCode, 400)
  t.strictSame(json(response), { error: { code: 'InvalidRequestUri', message: 'The request URI is invalid: a path segment is too long.' } })
})

t.test('a failure inside a handler is a 500 with an ARM body and no stack trace', async (t) => {
  const { app, request } = await buildTestApp(t)
  app.stores.resources.get = () => { throw new Error('disk on fire') }
  const response = await request({ method: 'GET', url: url(`${LINKS}/la`) })
  t.equal(response.statusCode, 500)
  t.strictSame(json(response), { error: { code: 'InternalServerError', message: 'The emulator encountered an internal error. Please retry the request.' } })
})

t.test('a Content-Length that does not match the body is a 400 with an ARM error body', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({
    method: 'PUT', url: url(`${LINKS}/la`), payload: JSON.stringify({ properties: definition }),
    headers: { 'content-type': 'application/json', 'content-length': '1000' }
  })
  t.equal(response.statusCode, 400)
  t.strictSame(json(response), { error: { code: 'BadRequest', message: 'Request body size did not match Content-Length' } })
})

t.test('a client error on a connection that is already gone writes nothing', async (t) => {
  const handle = clientErrorHandler(() => 'id')
  for (const socket of [{ writable: false }, { writable: true, code: 'ECONNRESET' }]) {
    let destroyed = false
    let written = false
    const fake = { writable: socket.writable, destroy: () => { destroyed = true }, end: () => { written = true } }
    handle(Object.assign(new Error('gone'), { code: socket.code }), fake as unknown as Socket)
    t.ok(destroyed)
    t.notOk(written)
  }
})

t.test('a request that is not valid HTTP still gets an ARM error body and a request id', async (t) => {
  const { app } = await buildTestApp(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('not listening on a port')
  for (const [request, status, expected] of [
    ['NOT HTTP AT ALL\r\n\r\n', 400, { error: { code: 'BadRequest', message: 'The request is not valid HTTP.' } }],
    [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`, 431, { error: { code: 'RequestHeaderFieldsTooLarge', message: 'The request headers are too large.' } }]
  ] as const) {
    const socket = connect(address.port, '127.0.0.1')
    socket.end(request)
    let raw = ''
    for await (const chunk of socket) raw += String(chunk)
    const [head = '', payload = ''] = raw.split('\r\n\r\n')
    t.match(head, new RegExp(`^HTTP/1\\.1 ${status} `))
    t.match(head, /\r\nx-ms-request-id: [0-9a-f-]{36}\r\n/)
    t.match(head, /\r\nContent-Type: application\/json; charset=utf-8\r\n/)
    t.strictSame(JSON.parse(payload), expected)
  }
})

t.test('an error that cannot even be rendered still answers a 500 ARM body', async (t) => {
  const { app, request } = await buildTestApp(t)
  app.stores.resources.get = () => {
    // An error whose properties throw when read: the error handler must not fail in turn.
    throw Object.defineProperty(new Error('unreadable'), 'code', { get () { throw new Error('no code for you') } })
  }
  const response = await request({ method: 'GET', url: url(`${LINKS}/la`) })
  t.equal(response.statusCode, 500)
  t.strictSame(json(response), { error: { code: 'InternalServerError', message: 'The emulator encountered an internal error. Please retry the request.' } })
})

t.test('a connection that sends nothing within the request timeout gets a 408 with an ARM body', async (t) => {
  const { app } = await buildTestApp(t, { requestTimeoutMs: 300 })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('not listening on a port')
  const socket = connect(address.port, '127.0.0.1')
  let raw = ''
  for await (const chunk of socket) raw += String(chunk)
  const [head = '', payload = ''] = raw.split('\r\n\r\n')
  t.match(head, /^HTTP\/1\.1 408 /)
  t.strictSame(JSON.parse(payload), { error: { code: 'RequestTimeout', message: 'The request was not received in time.' } })
})
