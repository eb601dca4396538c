import { CLOUD_DISPLAY_NAME, TENANT_DOMAIN, stableGuid } from './cloud.js'

/** How long a token lasts, as the real token service answers it: an hour, less a second. */
export const TOKEN_LIFETIME_SECONDS = 3599

/** Scopes that ask for an id token or a refresh token, not for access to a resource. */
const OPENID_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email'])

/** The grants the token service accepts, with any credential; all but the client's own log a user in. */
export const GRANT_TYPES = [
  'client_credentials',
  'password',
  'refresh_token',
  'authorization_code',
  'device_code',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:ietf:params:oauth:grant-type:jwt-bearer'
] as const

/** Which token service was asked: the ADFS and AAD v1 forms answer `resource`, the v2 form `scope`. */
export type TokenServiceForm = 'v1' | 'v2'

export interface TokenRequest {
  grantType: string
  clientId: string
  /** v1: the `resource`; v2: the `scope`, space-separated. */
  resource: string | undefined
  scope: string | undefined
  /** A user login's name: `username` of a password grant, or the name a refresh token was issued to. */
  username: string | undefined
  /** `client_info=1`: MSAL asks for the account's ids (v2). */
  clientInfo: boolean
}

export interface TokenContext {
  form: TokenServiceForm
  tenantId: string
  issuer: string
  /** The audience of a request that names none: the resource manager. */
  defaultAudience: string
  /** Seconds since the epoch. */
  now: number
}

/** The user a grant logs in when it names none (an authorization code, a device code). */
const DEFAULT_USERNAME = `user@${TENANT_DOMAIN}`
const REFRESH_TOKEN_PREFIX = 'emulator-refresh.'

function base64url (value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/**
 * An unsigned JWT: clients read a token's claims (the tenant, the object id) but only the issuer checks its signature,
 * and the emulator accepts any token.
 */
export function unsignedJwt (claims: Record<string, unknown>): string {
  return `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(claims)}.`
}

/** The audience a request asks for: `resource`, or the first scope that names one, less its `/.default`. */
export function requestedAudience (request: TokenRequest, fallback: string): string {
  if (request.resource !== undefined && request.resource !== '') return request.resource
  const scope = (request.scope ?? '').split(' ').find((item) => item !== '' && !OPENID_SCOPES.has(item))
  if (scope === undefined) return fallback
  return scope.endsWith('/.default') ? scope.slice(0, -'/.default'.length) : scope
}

/** The user a request logs in; undefined for a client's own grant. */
export function usernameOf (request: TokenRequest): string | undefined {
  if (request.grantType === 'client_credentials') return undefined
  return request.username ?? DEFAULT_USERNAME
}

/** A refresh token carries the name it was issued to, so that refreshing keeps the same user. */
export function refreshTokenFor (username: string): string {
  return `${REFRESH_TOKEN_PREFIX}${Buffer.from(username).toString('base64url')}`
}

/** The name a refresh token was issued to; undefined for one the emulator did not issue. */
export function usernameOfRefreshToken (token: string): string | undefined {
  if (!token.startsWith(REFRESH_TOKEN_PREFIX)) return undefined
  const name = Buffer.from(token.slice(REFRESH_TOKEN_PREFIX.length), 'base64url').toString('utf8')
  return name === '' ? undefined : name
}

/** What the token service answers: an access token for any credential, and for a user also an id and a refresh token. */
export function tokenResponse (request: TokenRequest, context: TokenContext): Record<string, unknown> {
  const username = usernameOf(request)
  const subject = username === undefined ? `app:${request.clientId}` : `user:${username.toLowerCase()}`
  const objectId = stableGuid(`${context.tenantId}/${subject}`)
  const audience = requestedAudience(request, context.defaultAudience)
  const expires = context.now + TOKEN_LIFETIME_SECONDS
  const times = { iat: context.now, nbf: context.now, exp: expires }
  const identity = { iss: context.issuer, tid: context.tenantId, oid: objectId, sub: objectId }
  const user = username === undefined
    ? { idtyp: 'app' }
    : { name: username, upn: username, unique_name: username, preferred_username: username, idtyp: 'user' }
  const accessToken = unsignedJwt({
    aud: audience, ...identity, ...times, ...user, appid: request.clientId, azp: request.clientId,
    ver: context.form === 'v2' ? '2.0' : '1.0'
  })
  const answer: Record<string, unknown> = context.form === 'v2'
    ? { token_type: 'Bearer', scope: request.scope ?? `${audience}/.default`, expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS }
    : {
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_SECONDS,
        ext_expires_in: TOKEN_LIFETIME_SECONDS,
        expires_on: String(expires),
        not_before: String(context.now),
        resource: audience
      }
  answer.access_token = accessToken
  if (username === undefined) return answer
  answer.refresh_token = refreshTokenFor(username)
  // MSAL checks an id token's issuer against the discovery document's, and its audience against the client id.
  answer.id_token = unsignedJwt({ aud: request.clientId, ...identity, ...times, ...user, tenant_display_name: CLOUD_DISPLAY_NAME, ver: context.form === 'v2' ? '2.0' : '1.0' })
  if (request.clientInfo) answer.client_info = base64url({ uid: objectId, utid: context.tenantId })
  return answer
}
