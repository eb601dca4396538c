import { SKIP_API_VERSION_CHECK_HINT } from './arm/api-version.js'

export interface ArmErrorDetail {
  code: string
  message: string
  target?: string
}

/** An error the emulator answers with, rendered as the ARM error envelope by the app's error handler. */
export class ArmError extends Error {
  readonly statusCode: number
  readonly code: string
  readonly target: string | undefined
  readonly details: ArmErrorDetail[] | undefined

  constructor (statusCode: number, code: string, message: string, options: { target?: string, details?: ArmErrorDetail[] } = {}) {
    super(message)
    this.name = 'ArmError'
    this.statusCode = statusCode
    this.code = code
    this.target = options.target
    this.details = options.details
  }

  toBody (): { error: ArmErrorBody } {
    const error: ArmErrorBody = { code: this.code, message: this.message }
    if (this.target !== undefined) error.target = this.target
    if (this.details !== undefined) error.details = this.details
    return { error }
  }
}

export interface ArmErrorBody extends ArmErrorDetail {
  details?: ArmErrorDetail[]
}

// One function per ARM error code: the codes are the contract, so they must be greppable.

export function missingApiVersionParameter (): ArmError {
  return new ArmError(400, 'MissingApiVersionParameter',
    `The api-version query parameter (?api-version=) is required for all requests. ${SKIP_API_VERSION_CHECK_HINT}`)
}

/** `typePath` is the resource type as ARM names it in this message: `hubs`, `hubs/links`. */
export function noRegisteredProviderFound (apiVersion: string, typePath: string, supported: readonly string[]): ArmError {
  return new ArmError(400, 'NoRegisteredProviderFound',
    `No registered resource provider found for location 'global' and API version '${apiVersion}' for type '${typePath}'. ` +
    // ARM lists them oldest first.
    `The supported api-versions are '${[...supported].sort().join(', ')}'. ${SKIP_API_VERSION_CHECK_HINT}`)
}

/** ARM's own routes (resource groups, subscriptions, the cloud's metadata) name their versions newest first. */
export function invalidApiVersionParameter (apiVersion: string, supported: readonly string[]): ArmError {
  return new ArmError(400, 'InvalidApiVersionParameter',
    `The api-version '${apiVersion}' is invalid. The supported versions are '${supported.join(',')}'. ${SKIP_API_VERSION_CHECK_HINT}`)
}

export function authenticationFailed (missing: boolean): ArmError {
  return new ArmError(401, 'AuthenticationFailed', missing
    ? "Authentication failed. The 'Authorization' header is missing."
    : "Authentication failed. The 'Authorization' header is not a bearer token.")
}

export function invalidRequestContent (reason: string): ArmError {
  return new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${reason}`)
}

/** A problem with one property of a definition: `target` is its path in the body as the client sent it. */
export type PropertyProblem = ArmErrorDetail & { target: string }

/** `bodyName` says what failed: "link definition", "provisioning settings". */
export function validationFailed (bodyName: string, details: [PropertyProblem, ...PropertyProblem[]]): ArmError {
  const [first] = details
  const more = details.length > 1 ? ` (${details.length} problems in all, listed in details.)` : ''
  return new ArmError(400, 'ValidationFailed', `The ${bodyName} is invalid. ${first.message}${more}`,
    { target: first.target, details })
}

/** A name the swagger's rule for the parameter refuses: a `pattern` (optional) and a length of at most `maxLength`. */
export function invalidResourceName (parameter: string, name: string, rule: { pattern?: string, maxLength: number }): ArmError {
  const must = rule.pattern === undefined
    ? `It must be from 1 to ${rule.maxLength} characters long.`
    : `It must match the pattern '${rule.pattern}' and be at most ${rule.maxLength} characters long.`
  return new ArmError(400, 'InvalidResourceName', `The resource name '${name}' is invalid. ${must}`, { target: parameter })
}

/** A query parameter the operation's swagger requires (a view's `userId`) is missing or empty. */
export function missingQueryParameter (parameter: string): ArmError {
  return new ArmError(400, 'MissingRequiredQueryParameter', `The query parameter '${parameter}' is required for this request.`,
    { target: parameter })
}

export function invalidProvisioningHeader (reason: string): ArmError {
  return new ArmError(400, 'InvalidProvisioningHeader', `The x-emulator-provisioning header is invalid: ${reason}`,
    { target: 'x-emulator-provisioning' })
}

export function operationNotRunning (operationId: string): ArmError {
  return new ArmError(409, 'OperationNotRunning', `The operation '${operationId}' has already ended.`)
}

export function invalidSkipToken (): ArmError {
  return new ArmError(400, 'InvalidSkipToken', 'The $skipToken query parameter is not one this emulator issued.', { target: '$skipToken' })
}

/** `resourcePath` is the resource's type path with names, as ARM quotes it: `Microsoft.CustomerInsights/hubs/h/links/l`. */
export function resourceNotFound (resourcePath: string, resourceGroup: string): ArmError {
  return new ArmError(404, 'ResourceNotFound',
    `The Resource '${resourcePath}' under resource group '${resourceGroup}' was not found.`)
}

/** ARM's answer when a nested resource's parent does not exist; `parentName` is its name path (`hub1`, `hub1/connector1`). */
export function parentResourceNotFound (parentName: string): ArmError {
  return new ArmError(404, 'ParentResourceNotFound',
    `Can not perform requested operation on nested resource. Parent resource '${parentName}' not found.`)
}

export function resourceGroupNotFound (resourceGroup: string): ArmError {
  return new ArmError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`)
}

/** ARM's rule for a resource group's name, checked on every method: `problem` says what breaks it. */
export function invalidResourceGroup (name: string, problem: string): ArmError {
  return new ArmError(400, 'InvalidResourceGroup', `The provided resource group name '${name}' ${problem}`)
}

export function locationRequired (): ArmError {
  return new ArmError(400, 'LocationRequired', 'The location property is required for this definition.')
}

/** A resource group stays where it was created. */
export function invalidResourceGroupLocation (requested: string, existing: string): ArmError {
  return new ArmError(409, 'InvalidResourceGroupLocation',
    `Invalid resource group location '${requested}'. The Resource group already exists in location '${existing}'.`)
}

/** A resource provider's namespace the emulator does not serve. */
export function invalidResourceNamespace (namespace: string): ArmError {
  return new ArmError(404, 'InvalidResourceNamespace', `The resource namespace '${namespace}' is invalid.`)
}

/** `fields` are the names the listing filters on. */
export function invalidFilter (filter: string, fields: readonly string[]): ArmError {
  return new ArmError(400, 'InvalidFilterInQueryString',
    `Invalid $filter '${filter}' specified in the query string. The emulator reads terms ` +
    `'{name} eq '{value}'' joined by 'and', on ${fields.join(', ')}.`)
}

export function subscriptionNotFound (subscriptionId: string): ArmError {
  return new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`)
}

/** A property names a resource that does not exist where it must; `target` is the property as the client sent it. */
export function referencedResourceNotFound (target: string, kind: string, name: string, where: string): ArmError {
  return new ArmError(400, 'ReferencedResourceNotFound',
    `The ${kind} '${name}' named by '${target}' does not exist in ${where}.`, { target })
}

/** A resource others still name cannot be deleted while they do; `users` are their type paths and names. */
export function resourceInUse (kind: string, name: string, users: readonly string[]): ArmError {
  const shown = users.slice(0, 5).join(', ')
  const more = users.length > 5 ? ` and ${users.length - 5} more` : ''
  return new ArmError(409, 'ResourceInUse',
    `The ${kind} '${name}' cannot be deleted while other resources refer to it: ${shown}${more}. Delete or change those first.`)
}

export function operationNotFound (operationId: string): ArmError {
  return new ArmError(404, 'OperationNotFound', `The operation '${operationId}' was not found.`)
}

export function routeNotFound (method: string, path: string): ArmError {
  return new ArmError(404, 'NotFound', `No route matches '${method} ${path}'.`)
}

export function badRequestUri (reason: string): ArmError {
  return new ArmError(400, 'InvalidRequestUri', `The request URI is invalid: ${reason}`)
}

export function methodNotAllowed (method: string, allowed: readonly string[]): ArmError {
  return new ArmError(405, 'MethodNotAllowed',
    `The requested resource does not support http method '${method}'. Supported methods: ${allowed.join(', ')}.`)
}

export function requestEntityTooLarge (limitBytes: number): ArmError {
  return new ArmError(413, 'RequestEntityTooLarge', `The request content exceeds the maximum size of ${limitBytes} bytes.`)
}

export function unsupportedMediaType (contentType: string | undefined): ArmError {
  const given = contentType === undefined ? 'A request body without a content type' : `The content media type '${contentType}'`
  return new ArmError(415, 'UnsupportedMediaType', `${given} is not supported. Only 'application/json' is supported.`)
}

export function badRequest (message: string): ArmError {
  return new ArmError(400, 'BadRequest', message)
}

export function internalServerError (): ArmError {
  return new ArmError(500, 'InternalServerError', 'The emulator encountered an internal error. Please retry the request.')
}

/**
 * The token service answers errors in OAuth's shape (RFC 6749, section 5.2), not ARM's: MSAL and the other clients that
 * ask it for tokens read `error` and `error_description`.
 */
export class OAuthError extends Error {
  readonly statusCode: number
  readonly error: string

  constructor (statusCode: number, error: string, description: string) {
    super(description)
    this.name = 'OAuthError'
    this.statusCode = statusCode
    this.error = error
  }

  toBody (): { error: string, error_description: string } {
    return { error: this.error, error_description: this.message }
  }
}

// The identity platform's own messages, AADSTS codes included: clients and people search for them.

export function missingTokenParameter (name: string): OAuthError {
  return new OAuthError(400, 'invalid_request', `AADSTS900144: The request body must contain the following parameter: '${name}'.`)
}

export function invalidTokenRequest (reason: string): OAuthError {
  return new OAuthError(400, 'invalid_request', `AADSTS900143: The request body is invalid: ${reason}`)
}

export function unsupportedGrantType (grantType: string): OAuthError {
  return new OAuthError(400, 'unsupported_grant_type', `AADSTS70003: The app requested an unsupported grant type '${grantType}'.`)
}
