import t from 'tap'
import { START, buildTestApp, json } from './helpers/app.js'

const ORIGIN = 'http://localhost:80'
const TENANT = 'c1a0c1a0-0000-4000-8000-0000000000f0'

t.test('the 2015-01-01 metadata, as az cloud register asks for it (also as //metadata/endpoints): ADFS login, the emulator as audience', async (t) => {
  const { request } = await buildTestApp(t)
  for (const path of ['/metadata/endpoints', '//metadata/endpoints']) {
    const response = await request({ method: 'GET', url: `${path}?api-version=2015-01-01` })
    t.equal(response.statusCode, 200, path)
    t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
    t.ok(response.headers['x-ms-request-id'])
    t.strictSame(json(response), {
      galleryEndpoint: `${ORIGIN}/`,
      graphEndpoint: `${ORIGIN}/`,
      portalEndpoint: `${ORIGIN}/`,
      authentication: { loginEndpoint: `${ORIGIN}/adfs`, audiences: [`${ORIGIN}/`] }
    })
  }
})

t.test('2019-05-01 lists the cloud (ADFS login, for the Azure CLI); 2020-06-01 and 2022-09-01 describe it (AAD login, for Terraform)', async (t) => {
  const { request } = await buildTestApp(t)
  const cloud = (authentication: Record<string, unknown>) => ({
    portal: `${ORIGIN}/`,
    authentication,
    graphAudience: `${ORIGIN}/`,
    graph: `${ORIGIN}/`,
    microsoftGraphResourceId: `${ORIGIN}/`,
    name: 'CustomerInsightsEmulator',
    resourceManager: `${ORIGIN}/`,
    suffixes: {}
  })
  const list = await request({ method: 'GET', url: '/metadata/endpoints?api-version=2019-05-01' })
  t.equal(list.statusCode, 200)
  t.strictSame(json(list), [cloud({ loginEndpoint: `${ORIGIN}/adfs`, audiences: [`${ORIGIN}/`], tenant: 'adfs', identityProvider: 'ADFS' })])
  for (const version of ['2020-06-01', '2022-09-01']) {
    const document = await request({ method: 'GET', url: `/metadata/endpoints?api-version=${version}` })
    t.equal(document.statusCode, 200)
    t.strictSame(json(document), cloud({ loginEndpoint: `${ORIGIN}/`, audiences: [`${ORIGIN}/`], tenant: TENANT, identityProvider: 'AAD' }), version)
  }
})

t.test('the metadata names the origin the client used', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'GET', url: '/metadata/endpoints?api-version=2015-01-01', headers: { host: '127.0.0.1:8443' } })
  t.equal((json(response) as { authentication: { loginEndpoint: string } }).authentication.loginEndpoint, 'http://127.0.0.1:8443/adfs')
})

t.test('the metadata needs an api-version it knows, as ARM does; with the check off it answers the newest', async (t) => {
  const { request } = await buildTestApp(t)
  const missing = await request({ method: 'GET', url: '/metadata/endpoints' })
  t.equal(missing.statusCode, 400)
  t.equal((json(missing) as { error: { code: string } }).error.code, 'MissingApiVersionParameter')
  const unknown = await request({ method: 'GET', url: '/metadata/endpoints?api-version=2018-01-01' })
  t.equal(unknown.statusCode, 400)
  t.strictSame(json(unknown), {
    error: {
      code: 'InvalidApiVersionParameter',
      message: "The api-version '2018-01-01' is invalid. The supported versions are '2022-09-01,2020-06-01,2019-05-01,2015-01-01'. " +
        '(The emulator skips this check when started with EMULATOR_SKIP_API_VERSION_CHECK=1 or --skip-api-version-check.)'
    }
  })
  const wrongMethod = await request({ method: 'POST', url: '/metadata/endpoints?api-version=2015-01-01' })
  t.equal(wrongMethod.statusCode, 405)

  const { request: unchecked } = await buildTestApp(t, { apiVersionCheck: false })
  const newest = await unchecked({ method: 'GET', url: '/metadata/endpoints' })
  t.equal(newest.statusCode, 200)
  t.equal((json(newest) as { name: string }).name, 'CustomerInsightsEmulator')
})

t.test('the ADFS discovery documents: the tenant GUID in the issuer, endpoints on the emulator', async (t) => {
  const { request } = await buildTestApp(t)
  const plain = await request({ method: 'GET', url: '/adfs/.well-known/openid-configuration' })
  t.equal(plain.statusCode, 200)
  t.equal(plain.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(json(plain), {
    issuer: `https://sts.windows.net/${TENANT}/`,
    authorization_endpoint: `${ORIGIN}/adfs/oauth2/authorize`,
    token_endpoint: `${ORIGIN}/adfs/oauth2/token`
  })
  const other = 'AAAAAAAA-1111-4222-8333-444444444444'
  const tenant = await request({ method: 'GET', url: `/adfs/${other}/.well-known/openid-configuration` })
  t.strictSame(json(tenant), {
    issuer: `https://sts.windows.net/${other.toLowerCase()}/`,
    authorization_endpoint: `${ORIGIN}/adfs/${other}/oauth2/authorize`,
    token_endpoint: `${ORIGIN}/adfs/${other}/oauth2/token`
  })
  const named = await request({ method: 'GET', url: '/adfs/contoso.onmicrosoft.com/.well-known/openid-configuration' })
  t.equal((json(named) as { issuer: string }).issuer, `https://sts.windows.net/${TENANT}/`, 'a name stands for the emulator\'s tenant')
})

t.test('the v2 discovery document of a tenant, a GUID or a name such as organizations', async (t) => {
  const { request } = await buildTestApp(t)
  const organizations = await request({ method: 'GET', url: '/organizations/v2.0/.well-known/openid-configuration' })
  t.equal(organizations.statusCode, 200)
  t.strictSame(json(organizations), {
    issuer: `${ORIGIN}/${TENANT}/v2.0`,
    authorization_endpoint: `${ORIGIN}/organizations/oauth2/v2.0/authorize`,
    token_endpoint: `${ORIGIN}/organizations/oauth2/v2.0/token`
  })
  const guid = await request({ method: 'GET', url: `/${TENANT}/v2.0/.well-known/openid-configuration` })
  t.equal((json(guid) as { token_endpoint: string }).token_endpoint, `${ORIGIN}/${TENANT}/oauth2/v2.0/token`)
})

/** The claims of an unsigned JWT, and its header. */
function claims (token: unknown): { header: unknown, payload: Record<string, unknown>, signature: string } {
  const [header = '', payload = '', signature = ''] = String(token).split('.')
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
    signature
  }
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const NOW = START / 1000

t.test('POST /adfs/oauth2/token: any client credential gets an access token for the resource asked for, and no id token', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({
    method: 'POST', url: '/adfs/oauth2/token', headers: FORM,
    payload: 'grant_type=client_credentials&client_id=my-app&client_secret=anything&scope=https%3A%2F%2Flocalhost%3A8443%2F%2F.default'
  })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(response.headers['cache-control'], 'no-store')
  t.equal(response.headers.pragma, 'no-cache')
  const body = json(response) as Record<string, unknown>
  t.strictSame({ ...body, access_token: 'checked below' }, {
    token_type: 'Bearer',
    expires_in: 3599,
    ext_expires_in: 3599,
    expires_on: String(NOW + 3599),
    not_before: String(NOW),
    resource: 'https://localhost:8443/',
    access_token: 'checked below'
  })
  const token = claims(body.access_token)
  t.strictSame(token.header, { typ: 'JWT', alg: 'none' })
  t.equal(token.signature, '', 'unsigned')
  t.strictSame(token.payload, {
    aud: 'https://localhost:8443/',
    iss: `https://sts.windows.net/${TENANT}/`,
    tid: TENANT,
    oid: token.payload.sub,
    sub: token.payload.oid,
    iat: NOW,
    nbf: NOW,
    exp: NOW + 3599,
    idtyp: 'app',
    appid: 'my-app',
    azp: 'my-app',
    ver: '1.0'
  })
  t.match(token.payload.oid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/)

  const again = await request({ method: 'POST', url: '/adfs/oauth2/token', headers: FORM, payload: 'grant_type=client_credentials&client_id=my-app&resource=https://r.localhost/' })
  const second = claims((json(again) as { access_token: string }).access_token).payload
  t.equal(second.oid, token.payload.oid, 'the same application is the same object')
  t.equal(second.aud, 'https://r.localhost/', 'a v1 resource')
  const emptyResource = await request({ method: 'POST', url: '/adfs/oauth2/token', headers: FORM, payload: 'grant_type=client_credentials&resource=&scope=openid+https://s.localhost/.default' })
  t.equal(claims((json(emptyResource) as { access_token: string }).access_token).payload.aud, 'https://s.localhost', 'an empty resource: the scope\'s')
  const scoped = await request({ method: 'POST', url: '/adfs/oauth2/token', headers: FORM, payload: 'grant_type=client_credentials&scope=api%3A%2F%2Fthing%2Fread' })
  t.equal(claims((json(scoped) as { access_token: string }).access_token).payload.aud, 'api://thing/read', 'a scope that is not .default')
})

t.test('a user login (password) gets an id token MSAL accepts and a refresh token that keeps the user', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({
    method: 'POST', url: '/adfs/oauth2/token', headers: FORM,
    payload: 'grant_type=password&client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46&username=alice%40customerinsights.localhost&password=x' +
      '&scope=https%3A%2F%2Flocalhost%3A8443%2F%2F.default+profile+openid+offline_access&client_info=1'
  })
  t.equal(response.statusCode, 200)
  const body = json(response) as Record<string, string>
  t.strictSame(Object.keys(body), ['token_type', 'expires_in', 'ext_expires_in', 'expires_on', 'not_before', 'resource', 'access_token',
    'refresh_token', 'id_token', 'client_info'])
  const idToken = claims(body.id_token).payload
  const user = {
    name: 'alice@customerinsights.localhost',
    upn: 'alice@customerinsights.localhost',
    unique_name: 'alice@customerinsights.localhost',
    preferred_username: 'alice@customerinsights.localhost',
    idtyp: 'user'
  }
  t.strictSame(idToken, {
    aud: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
    iss: `https://sts.windows.net/${TENANT}/`,
    tid: TENANT,
    oid: idToken.oid,
    sub: idToken.oid,
    iat: NOW,
    nbf: NOW,
    exp: NOW + 3599,
    ...user,
    tenant_display_name: 'Customer Insights emulator',
    ver: '1.0'
  })
  t.match(claims(body.access_token).payload, { ...user, aud: 'https://localhost:8443/', oid: idToken.oid })
  t.strictSame(JSON.parse(Buffer.from(body.client_info as string, 'base64url').toString()), { uid: idToken.oid, utid: TENANT })

  const refreshed = await request({
    method: 'POST', url: '/adfs/oauth2/token', headers: FORM,
    payload: `grant_type=refresh_token&client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46&refresh_token=${body.refresh_token as string}&resource=https://other.localhost/`
  })
  const again = json(refreshed) as Record<string, string>
  t.equal(claims(again.access_token).payload.upn, 'alice@customerinsights.localhost')
  t.equal(claims(again.access_token).payload.aud, 'https://other.localhost/')
  t.equal(again.client_info, undefined, 'only when asked for')

  const foreign = await request({ method: 'POST', url: '/adfs/oauth2/token', headers: FORM, payload: 'grant_type=refresh_token&client_id=c&refresh_token=not-ours' })
  t.equal(claims((json(foreign) as Record<string, string>).access_token).payload.upn, 'user@customerinsights.localhost',
    'any refresh token is accepted; one the emulator did not issue logs in its default user')
  const empty = await request({ method: 'POST', url: '/adfs/oauth2/token', headers: FORM, payload: 'grant_type=refresh_token&client_id=c&refresh_token=emulator-refresh.' })
  t.equal(claims((json(empty) as Record<string, string>).access_token).payload.upn, 'user@customerinsights.localhost')
  const code = await request({ method: 'POST', url: '/adfs/oauth2/token', headers: FORM, payload: 'grant_type=authorization_code&client_id=c&code=x' })
  t.equal(claims((json(code) as Record<string, string>).access_token).payload.upn, 'user@customerinsights.localhost')
})

t.test('the tenant form of the ADFS token endpoint issues tokens of that tenant', async (t) => {
  const { request } = await buildTestApp(t)
  const other = 'aaaaaaaa-1111-4222-8333-444444444444'
  const response = await request({ method: 'POST', url: `/adfs/${other}/oauth2/token`, headers: FORM, payload: 'grant_type=client_credentials&client_id=app' })
  const token = claims((json(response) as { access_token: string }).access_token).payload
  t.equal(token.tid, other)
  t.equal(token.iss, `https://sts.windows.net/${other}/`)
  t.equal(token.aud, `${ORIGIN}/`, 'no resource asked for: the resource manager')
})

t.test('POST /{tenant}/oauth2/v2.0/token answers the v2 form: scope, no resource; a client may name itself with HTTP Basic', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({
    method: 'POST', url: '/organizations/oauth2/v2.0/token',
    headers: { ...FORM, authorization: `Basic ${Buffer.from('basic%20app:secret').toString('base64')}` },
    payload: 'grant_type=client_credentials&scope=https%3A%2F%2Fmanagement.localhost%2F.default'
  })
  t.equal(response.statusCode, 200)
  const body = json(response) as Record<string, unknown>
  t.strictSame({ ...body, access_token: 'checked below' }, {
    token_type: 'Bearer',
    scope: 'https://management.localhost/.default',
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: 'checked below'
  })
  t.match(claims(body.access_token).payload, {
    aud: 'https://management.localhost', iss: `${ORIGIN}/${TENANT}/v2.0`, appid: 'basic app', ver: '2.0'
  })

  const user = await request({ method: 'POST', url: `/${TENANT}/oauth2/v2.0/token`, headers: FORM, payload: 'grant_type=password&username=bob&client_id=c' })
  const answer = json(user) as Record<string, string>
  t.equal(answer.scope, `${ORIGIN}//.default`, 'no scope asked for: the resource manager\'s')
  t.equal(claims(answer.id_token).payload.ver, '2.0')
  t.equal(claims(answer.id_token).payload.iss, `${ORIGIN}/${TENANT}/v2.0`)

  const nameless = await request({ method: 'POST', url: '/common/oauth2/v2.0/token', headers: { ...FORM, authorization: 'Basic Og==' }, payload: 'grant_type=client_credentials' })
  t.equal(claims((json(nameless) as Record<string, string>).access_token).payload.appid, '', 'no client id anywhere')
})

t.test('a token request without a grant type, or with one the service does not know, gets an OAuth error', async (t) => {
  const { request } = await buildTestApp(t)
  const missing = await request({ method: 'POST', url: '/adfs/oauth2/token', headers: FORM, payload: 'client_id=x' })
  t.equal(missing.statusCode, 400)
  t.equal(missing.headers['content-type'], 'application/json; charset=utf-8')
  t.ok(missing.headers['x-ms-request-id'])
  t.strictSame(json(missing), {
    error: 'invalid_request',
    error_description: "AADSTS900144: The request body must contain the following parameter: 'grant_type'."
  })
  const empty = await request({ method: 'POST', url: '/adfs/oauth2/token' })
  t.equal(empty.statusCode, 400)
  t.equal((json(empty) as { error: string }).error, 'invalid_request')
  const twice = await request({ method: 'POST', url: '/adfs/oauth2/token', headers: FORM, payload: 'grant_type=password&grant_type=password' })
  t.strictSame(json(twice), { error: 'invalid_request', error_description: 'AADSTS900143: The request body is invalid: /grant_type must be string.' })
  const unknown = await request({ method: 'POST', url: '/adfs/oauth2/token', headers: FORM, payload: 'grant_type=magic' })
  t.equal(unknown.statusCode, 400)
  t.strictSame(json(unknown), { error: 'unsupported_grant_type', error_description: "AADSTS70003: The app requested an unsupported grant type 'magic'." })
  const json_ = await request({ method: 'POST', url: '/adfs/oauth2/token', payload: { grant_type: 'client_credentials', client_id: 'j' } })
  t.equal(json_.statusCode, 200, 'a JSON body is read too')
  const text = await request({ method: 'POST', url: '/adfs/oauth2/token', headers: { 'content-type': 'text/plain' }, payload: 'grant_type=x' })
  t.equal(text.statusCode, 415, 'other media types get ARM\'s answer')
  t.equal((json(text) as { error: { code: string } }).error.code, 'UnsupportedMediaType')
  const get = await request({ method: 'GET', url: '/adfs/oauth2/token' })
  t.equal(get.statusCode, 405)
})

t.test('discovery and tokens need no token, even when the emulator requires one', async (t) => {
  const { request } = await buildTestApp(t, { requireAuth: true })
  t.equal((await request({ method: 'GET', url: '/metadata/endpoints?api-version=2015-01-01' })).statusCode, 200)
  t.equal((await request({ method: 'GET', url: '/adfs/.well-known/openid-configuration' })).statusCode, 200)
  t.equal((await request({ method: 'GET', url: '/common/v2.0/.well-known/openid-configuration' })).statusCode, 200)
  t.equal((await request({ method: 'POST', url: '/adfs/oauth2/token', headers: FORM, payload: 'grant_type=client_credentials' })).statusCode, 200)
  t.equal((await request({ method: 'POST', url: '/common/oauth2/v2.0/token', headers: FORM, payload: 'grant_type=client_credentials' })).statusCode, 200)
  t.equal((await request({ method: 'GET', url: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.CustomerInsights/hubs/h?api-version=2017-04-26' })).statusCode, 401,
    'the provider still does')
})

t.test('the default subscription and tenant are options of the app', async (t) => {
  const tenant = 'dddddddd-0000-4000-8000-000000000004'
  const { request } = await buildTestApp(t, { tenantId: tenant.toUpperCase() })
  const response = await request({ method: 'GET', url: '/adfs/.well-known/openid-configuration' })
  t.equal((json(response) as { issuer: string }).issuer, `https://sts.windows.net/${tenant}/`)
})
