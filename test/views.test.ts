import t from 'tap'
import { HUB, HUB_PATH, buildTestApp, json, storedAt, storedBody, storedIn, url } from './helpers/app.js'

const VIEWS = `${HUB_PATH}/views`

const definition = { userId: 'testUser', displayName: { en: 'some name' }, definition: '{"isProfileType":false,"widgets":[]}' }

/** A view as the service shows it: no timestamps (the recorded service showed none), its name and hub added. */
function viewResource (name: string, properties: Record<string, unknown>) {
  return {
    id: `${VIEWS}/${name}`,
    name: `${HUB}/${name}`,
    type: 'Microsoft.CustomerInsights/hubs/views',
    properties: { ...properties, tenantId: HUB.toLowerCase(), viewName: name }
  }
}

t.test('PUT creates a view (201), then updates it (200); read-only and unknown fields are dropped', async (t) => {
  const { app, request } = await buildTestApp(t)
  const created = await request({
    method: 'PUT',
    url: url(`${VIEWS}/testView`),
    payload: { properties: { ...definition, viewName: 'other', tenantId: 'x', created: '2017-01-01T00:00:00Z', color: 'red' } }
  })
  t.equal(created.statusCode, 201)
  t.equal(created.headers['azure-asyncoperation'], undefined, 'a view is written at once')
  t.strictSame(json(created), viewResource('testView', definition))

  const updated = await request({ method: 'PUT', url: url(`${VIEWS}/testView`, '2017-01-01'), payload: { properties: { definition: '{}' } } })
  t.equal(updated.statusCode, 200)
  t.strictSame(json(updated), viewResource('testView', { definition: '{}' }))
  t.strictSame(storedBody(storedAt(app, `${VIEWS}/testView`)), viewResource('testView', { definition: '{}' }))
  t.strictSame(json(await request({ method: 'GET', url: '/_emulator/resources' })), { value: [viewResource('testView', { definition: '{}' })] },
    'the control endpoint shows it as stored: it does not provision')
})

t.test('the swagger profile answers a view\'s create with 200, the only code Views_CreateOrUpdate declares', async (t) => {
  const { request } = await buildTestApp(t, { profile: 'swagger' })
  const created = await request({ method: 'PUT', url: url(`${VIEWS}/testView`), payload: { properties: definition } })
  t.equal(created.statusCode, 200)
  const removed = await request({ method: 'DELETE', url: url(`${VIEWS}/testView?userId=*`) })
  t.equal(removed.statusCode, 200)
  t.equal((await request({ method: 'DELETE', url: url(`${VIEWS}/testView?userId=*`) })).statusCode, 200, 'nothing to delete: still 200')
})

t.test('GET, DELETE and list require userId, after the api-version and before anything is looked up', async (t) => {
  const { request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${VIEWS}/testView`), payload: { properties: definition } })
  const missing = {
    error: { code: 'MissingRequiredQueryParameter', message: "The query parameter 'userId' is required for this request.", target: 'userId' }
  }
  for (const [method, path] of [['GET', `${VIEWS}/testView`], ['DELETE', `${VIEWS}/testView`], ['GET', VIEWS], ['GET', `${VIEWS}?userId=`]] as const) {
    const response = await request({ method, url: url(path) })
    t.equal(response.statusCode, 400, `${method} ${path}`)
    t.strictSame(json(response), missing)
  }
  const twice = await request({ method: 'GET', url: url(`${VIEWS}/testView?userId=a&userId=b`) })
  t.equal(twice.statusCode, 400, 'given twice, it is not one user')
  const noVersion = await request({ method: 'GET', url: `${VIEWS}/testView` })
  t.match(json(noVersion), { error: { code: 'MissingApiVersionParameter' } }, 'the api-version is checked first')
  t.equal((await request({ method: 'GET', url: url(`${VIEWS}/Missing?userId=*`) })).statusCode, 404)
  t.equal((await request({ method: 'PUT', url: url(`${VIEWS}/NoQueryNeeded`), payload: { properties: definition } })).statusCode, 201,
    'a PUT takes its user from the body')
})

t.test('every view of the hub is found whatever user the query names; the name casing is case-insensitive', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${VIEWS}/testView`), payload: { properties: definition } })
  for (const userId of ['*', 'testUser', 'someoneElse']) {
    const got = await request({ method: 'GET', url: url(`${VIEWS}/TESTVIEW?UserId=${userId}`) })
    t.equal(got.statusCode, 200, userId)
    t.strictSame(json(got), viewResource('testView', definition))
  }
  const removed = await request({ method: 'DELETE', url: url(`${VIEWS}/testView?userId=*`) })
  t.equal(removed.statusCode, 200)
  t.equal(storedAt(app, `${VIEWS}/testView`), undefined)
  t.equal((await request({ method: 'DELETE', url: url(`${VIEWS}/testView?userId=*`) })).statusCode, 204)
})

t.test('a list that spans pages keeps userId in its nextLink, which the next page needs', async (t) => {
  const { app, request } = await buildTestApp(t, { pageSize: 2 })
  for (const name of ['a1', 'a2', 'a3']) await request({ method: 'PUT', url: url(`${VIEWS}/${name}`), payload: { properties: definition } })
  const first = await request({ method: 'GET', url: url(`${VIEWS}?userId=testUser`) })
  const page = json(first) as { value: { name: string }[], nextLink: string }
  t.strictSame(page.value.map((view) => view.name), [`${HUB}/a1`, `${HUB}/a2`])
  const next = new URL(page.nextLink)
  t.equal(next.searchParams.get('userId'), 'testUser')
  t.equal(next.searchParams.get('api-version'), '2017-04-26')
  const second = await request({ method: 'GET', url: `${next.pathname}${next.search}` })
  t.strictSame(json(second), { value: [viewResource('a3', definition)] })
  t.equal(storedIn(app, VIEWS).length, 3)
})

t.test('a view\'s definition is required and a string; its name is any name of at most 512 characters', async (t) => {
  const { request } = await buildTestApp(t)
  const invalid = await request({ method: 'PUT', url: url(`${VIEWS}/testView`), payload: { properties: { userId: 'u', definition: {} } } })
  t.equal(invalid.statusCode, 400)
  t.match(json(invalid), { error: { code: 'ValidationFailed', target: 'properties.definition', message: /^The view definition is invalid\./ } })
  t.equal((await request({ method: 'PUT', url: url(`${VIEWS}/${'v'.repeat(513)}`), payload: { properties: definition } })).statusCode, 400)
  t.equal((await request({ method: 'PUT', url: url(`${VIEWS}/my view-1.x`), payload: { properties: definition } })).statusCode, 201)
})
