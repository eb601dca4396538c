import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { parse } from 'fast-querystring'
import { ADFS_PATH, audienceOf, tenantOf } from '../src/arm/cloud.js'
import { JSON_CONTENT_TYPE, setArmHeaders } from '../src/arm/headers.js'
import { originOf } from '../src/arm/origin.js'
import { rejectOtherMethods } from '../src/arm/routing.js'
import { GRANT_TYPES, tokenResponse, usernameOfRefreshToken, type TokenServiceForm } from '../src/arm/tokens.js'
import { sendArmError } from '../src/error-handler.js'
import { OAuthError, invalidTokenRequest, missingTokenParameter, unsupportedGrantType } from '../src/errors.js'
import type { Runtime } from '../src/settings.js'

const TenantParams = Type.Object({ tenant: Type.String({ minLength: 1 }) })

/** What a token request says, as a form; everything else it sends (a secret, a password, an assertion) is accepted unread. */
const TokenRequestBody = Type.Object({
  grant_type: Type.String(),
  client_id: Type.Optional(Type.String()),
  scope: Type.Optional(Type.String()),
  resource: Type.Optional(Type.String()),
  username: Type.Optional(Type.String()),
  refresh_token: Type.Optional(Type.String()),
  client_info: Type.Optional(Type.String())
})
type TokenRequestBody = Static<typeof TokenRequestBody>

/** The issuer of an ADFS or v1 token: what the identity platform's v1 tokens carry, naming the tenant. */
function stsIssuer (tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`
}

/** A client that authenticates with HTTP Basic (client_secret_basic) names itself there instead of in the form. */
function basicClientId (request: FastifyRequest): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')
  if (match === null) return undefined
  const [clientId = ''] = Buffer.from(match[1] as string, 'base64').toString('utf8').split(':')
  return clientId === '' ? undefined : decodeURIComponent(clientId)
}

/** A body that failed its schema, or any other error of these routes, in OAuth's shape; other errors stay ARM's. */
function sendTokenServiceError (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let oauth: OAuthError | undefined
  if (error instanceof OAuthError) oauth = error
  const validation = (error as FastifyError).validation
  if (validation !== undefined) {
    // Ajv lists at least one problem whenever validation fails.
    const [first] = validation as [FastifySchemaValidationError, ...FastifySchemaValidationError[]]
    const missing = validation.find((issue) => issue.keyword === 'required')
    oauth = missing === undefined
      ? invalidTokenRequest(`${first.instancePath} ${String(first.message)}.`)
      : missingTokenParameter(String(missing.params.missingProperty))
  }
  if (oauth === undefined) {
    sendArmError(error, request, reply)
    return
  }
  setArmHeaders(request, reply)
  void reply.code(oauth.statusCode).type(JSON_CONTENT_TYPE).send(oauth.toBody())
}

/**
 * A token service that accepts any credential, in the two shapes clients know: ADFS (`/adfs/…`), which the Azure CLI
 * 2.45 accepts as a local login endpoint, and the identity platform's v2 (`/{tenant}/oauth2/v2.0/…`), which Terraform
 * and MSAL with instance discovery off use. The tokens are unsigned JWTs: clients read their claims, and the emulator
 * accepts any bearer token.
 */
export default async function tokenServiceRoutes (app: FastifyInstance, options: { runtime: Runtime }) {
  const { runtime } = options

  // A token request is a form (RFC 6749, section 4); only these routes read one.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parse(body as string))
  })
  app.setErrorHandler(sendTokenServiceError)

  function adfsConfiguration (request: FastifyRequest) {
    const { tenant } = request.params as { tenant?: string }
    const origin = originOf(request)
    const base = tenant === undefined ? `${origin}${ADFS_PATH}` : `${origin}${ADFS_PATH}/${encodeURIComponent(tenant)}`
    return {
      issuer: stsIssuer(tenantOf(tenant, runtime.tenantId)),
      authorization_endpoint: `${base}/oauth2/authorize`,
      token_endpoint: `${base}/oauth2/token`
    }
  }

  function v2Configuration (request: FastifyRequest) {
    const { tenant } = request.params as { tenant: string }
    const origin = originOf(request)
    const base = `${origin}/${encodeURIComponent(tenant)}`
    return {
      issuer: `${origin}/${tenantOf(tenant, runtime.tenantId)}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`
    }
  }

  async function getAdfsConfiguration (request: FastifyRequest, reply: FastifyReply) {
    return await reply.header('content-type', JSON_CONTENT_TYPE).send(adfsConfiguration(request))
  }

  async function getV2Configuration (request: FastifyRequest, reply: FastifyReply) {
    return await reply.header('content-type', JSON_CONTENT_TYPE).send(v2Configuration(request))
  }

  function issueToken (request: FastifyRequest, reply: FastifyReply, form: TokenServiceForm, issuer: string) {
    const body = request.body as TokenRequestBody
    if (!(GRANT_TYPES as readonly string[]).includes(body.grant_type)) throw unsupportedGrantType(body.grant_type)
    const { tenant } = request.params as { tenant?: string }
    const username = body.grant_type === 'refresh_token' && body.refresh_token !== undefined
      ? usernameOfRefreshToken(body.refresh_token)
      : body.username
    const answer = tokenResponse({
      grantType: body.grant_type,
      clientId: body.client_id ?? basicClientId(request) ?? '',
      resource: body.resource,
      scope: body.scope,
      username,
      clientInfo: body.client_info === '1'
    }, {
      form,
      tenantId: tenantOf(tenant, runtime.tenantId),
      issuer,
      defaultAudience: audienceOf(originOf(request)),
      now: Math.floor(runtime.now() / 1000)
    })
    // Tokens are credentials: no cache may keep them (RFC 6749, section 5.1).
    return reply.header('content-type', JSON_CONTENT_TYPE).header('cache-control', 'no-store').header('pragma', 'no-cache').send(answer)
  }

  async function postAdfsToken (request: FastifyRequest, reply: FastifyReply) {
    return await issueToken(request, reply, 'v1', adfsConfiguration(request).issuer)
  }

  async function postV2Token (request: FastifyRequest, reply: FastifyReply) {
    return await issueToken(request, reply, 'v2', v2Configuration(request).issuer)
  }

  const routes: { url: string, method: 'GET' | 'POST', handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>, tenant: boolean }[] = [
    { url: `${ADFS_PATH}/.well-known/openid-configuration`, method: 'GET', handler: getAdfsConfiguration, tenant: false },
    { url: `${ADFS_PATH}/:tenant/.well-known/openid-configuration`, method: 'GET', handler: getAdfsConfiguration, tenant: true },
    { url: `${ADFS_PATH}/oauth2/token`, method: 'POST', handler: postAdfsToken, tenant: false },
    { url: `${ADFS_PATH}/:tenant/oauth2/token`, method: 'POST', handler: postAdfsToken, tenant: true },
    { url: '/:tenant/v2.0/.well-known/openid-configuration', method: 'GET', handler: getV2Configuration, tenant: true },
    { url: '/:tenant/oauth2/v2.0/token', method: 'POST', handler: postV2Token, tenant: true }
  ]
  for (const { url, method, handler, tenant } of routes) {
    app.route({
      method,
      url,
      config: { anonymous: true },
      schema: { ...(tenant && { params: TenantParams }), ...(method === 'POST' && { body: TokenRequestBody }) },
      handler
    })
    rejectOtherMethods(app, url, [method])
  }
}
