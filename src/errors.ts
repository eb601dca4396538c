import { API_VERSION, SKIP_API_VERSION_CHECK_HINT } from './arm/api-version.js'

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

export function noRegisteredProviderFound (apiVersion: string): ArmError {
  return new ArmError(400, 'NoRegisteredProviderFound',
    `No registered resource provider found for location 'global' and API version '${apiVersion}' for type 'hubs'. ` +
    `The supported api-versions are '${API_VERSION}'. ${SKIP_API_VERSION_CHECK_HINT}`)
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

export function invalidResourceName (parameter: string, name: string, pattern: string, maxLength: number): ArmError {
  return new ArmError(400, 'InvalidResourceName',
    `The resource name '${name}' is invalid. It must match the pattern '${pattern}' and be at most ${maxLength} characters long.`,
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
