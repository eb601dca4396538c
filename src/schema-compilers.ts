import AjvCompiler, { type ValidatorFactory } from '@fastify/ajv-compiler'
import SerializerSelector, { type SerializerFactory } from '@fastify/fast-json-stringify-compiler'

/**
 * Fastify's own compilers (Ajv for request schemas, fast-json-stringify for response schemas), each route's schema
 * compiled on the route's first request instead of when the app is made ready. Fastify compiles every route's
 * schemas at start; most of the emulator's routes are the ARM around the provider and its own control endpoints, of
 * which a session calls a few, and compiling them all was a tenth of a cold start. The engine's body schemas are
 * compiled on first use already (`compileValidationSchema`).
 */
const buildAjvValidator = AjvCompiler()
const buildFastJsonSerializer = SerializerSelector()

type Validator = ReturnType<ReturnType<ValidatorFactory>>

const buildValidator: ValidatorFactory = (externalSchemas, options) => {
  const compile = buildAjvValidator(externalSchemas, options)
  return (route) => {
    let compiled: Validator | undefined
    // Fastify calls a validator and, when it returns false, reads its `errors`, as Ajv leaves them; that is all it
    // needs of one. (The factory's type asks for an Ajv function's every property, which exist only once compiled.)
    const validate = Object.assign((data: unknown) => {
      compiled ??= compile(route)
      const valid = compiled(data)
      validate.errors = compiled.errors
      return valid
    }, { errors: null as Validator['errors'] })
    return validate as unknown as Validator
  }
}

const buildSerializer: SerializerFactory = (externalSchemas, options) => {
  const compile = buildFastJsonSerializer(externalSchemas, options)
  return (route) => {
    let serialize: ReturnType<typeof compile> | undefined
    return (document) => (serialize ??= compile(route))(document)
  }
}

/** For Fastify's `schemaController.compilersFactory`. */
export const lazySchemaCompilers = { buildValidator, buildSerializer }
