import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { clientPath } from './arm/body-shape.js'
import { JSON_CONTENT_TYPE, setArmHeaders } from './arm/headers.js'
import {
  ArmError, badRequest, badRequestUri, internalServerError, invalidRequestContent, requestEntityTooLarge,
  unsupportedMediaType, validationFailed, type PropertyProblem
} from './errors.js'

/** At most this many validation problems are itemised in `details`; a hostile body could have thousands. */
export const MAX_ERROR_DETAILS = 50

interface ValidationIssue {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message?: string
}

/** What a route's body is, for error messages ("The link definition is invalid"). */
declare module 'fastify' {
  interface FastifyContextConfig {
    bodyName?: string
  }
}

/** The one place where anything thrown while serving a request becomes an ARM error. */
export function toArmError (error: FastifyError | Error, request: FastifyRequest): ArmError {
  if (error instanceof ArmError) return error
  const fastifyError = error as FastifyError
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType(request.headers['content-type'])
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return requestEntityTooLarge(request.routeOptions.bodyLimit)
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalidRequestContent('the body is empty.')
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      // Also what the parser's prototype-poisoning guard throws for `__proto__` and `constructor.prototype` keys.
      return invalidRequestContent('the body is not valid JSON, or uses a forbidden key (__proto__, constructor.prototype).')
    case 'FST_ERR_BAD_URL':
      return badRequestUri('it is not a valid URL.')
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return badRequestUri('a path segment is too long.')
  }
  // Only PUT bodies are validated by schema after the route's own checks: URL names are checked before the body.
  if (fastifyError.validation !== undefined) return fromValidation(fastifyError.validation, request)
  // Any other client error Fastify raises, such as a Content-Length that does not match the body.
  if (fastifyError.statusCode !== undefined && fastifyError.statusCode < 500) return badRequest(fastifyError.message)
  return internalServerError()
}

function fromValidation (issues: ValidationIssue[], request: FastifyRequest): ArmError {
  if (issues.some((issue) => issue.instancePath === '' && issue.keyword === 'type')) {
    return invalidRequestContent('the body must be a JSON object.')
  }
  // Ajv reports at least one issue whenever validation fails.
  const details = issues.slice(0, MAX_ERROR_DETAILS).map((issue) => validationDetail(issue, request)) as [PropertyProblem, ...PropertyProblem[]]
  // Every route that validates a body by schema names it in its config.
  return validationFailed(String(request.routeOptions.config.bodyName), details)
}

function validationDetail (issue: ValidationIssue, request: FastifyRequest): PropertyProblem {
  const segments = issue.instancePath.split('/').slice(1).map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
  if (issue.keyword === 'required') segments.push(String(issue.params.missingProperty))
  const target = clientPath(toPropertyPath(segments), request.bodyShape)
  switch (issue.keyword) {
    case 'required':
      return { code: 'MissingRequiredProperty', message: `The required property '${target}' is missing.`, target }
    case 'type':
      return { code: 'InvalidPropertyType', message: `The property '${target}' must be of type ${String(issue.params.type)}.`, target }
    case 'enum':
      return {
        code: 'InvalidPropertyValue',
        message: `The property '${target}' must be one of: ${(issue.params.allowedValues as unknown[]).join(', ')}.`,
        target
      }
    default:
      return { code: 'InvalidPropertyValue', message: `The property '${target}' ${String(issue.message)}.`, target }
  }
}

/** `properties`, `mappings`, `0`, `linkType` → `properties.mappings[0].linkType` */
function toPropertyPath (segments: string[]): string {
  return segments.reduce((path, segment) => {
    if (/^\d+$/.test(segment)) return `${path}[${segment}]`
    return path === '' ? segment : `${path}.${segment}`
  }, '')
}

export function sendArmError (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let armError: ArmError
  try {
    armError = toArmError(error, request)
  } catch (failure) {
    // Rendering the error must not fail in turn: the client still gets an ARM body.
    request.log.error({ err: failure }, 'could not render an error')
    armError = internalServerError()
  }
  if (armError.statusCode >= 500) request.log.error({ err: error }, 'request failed')
  setArmHeaders(request, reply)
  void reply.code(armError.statusCode).type(JSON_CONTENT_TYPE).send(armError.toBody())
}
