import { Type, type Static } from '@sinclair/typebox'

// Plain literal unions here, not StringEnum: these schemas are also compiled by TypeBox's own compiler.
const Outcome = Type.Union([Type.Literal('Succeeded'), Type.Literal('Failed')])

const OperationError = Type.Object({
  code: Type.String({ minLength: 1 }),
  message: Type.String({ minLength: 1 })
}, { additionalProperties: false })

/** How the operations that PUTs start from now on will end. */
export const ProvisioningSettings = Type.Object({
  /** Milliseconds from the PUT until the operation ends (when neither of the two below applies). */
  delayMs: Type.Integer({ minimum: 0, maximum: 24 * 60 * 60 * 1000 }),
  /** Reads of the resource or its operation status that show it still provisioning; the next read sees it end. */
  completeAfterReads: Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()]),
  /** The operation runs until a test completes it: POST /_emulator/operations/{id}/complete. */
  manual: Type.Boolean(),
  outcome: Outcome,
  /** The ARM error a failed operation reports; a generic one when null. */
  error: Type.Union([OperationError, Type.Null()])
}, { additionalProperties: false })
export type ProvisioningSettings = Static<typeof ProvisioningSettings>

export const ProvisioningSettingsPatch = Type.Partial(ProvisioningSettings, { additionalProperties: false })
export type ProvisioningSettingsPatch = Static<typeof ProvisioningSettingsPatch>

export const CompleteOperationBody = Type.Object({
  status: Type.Optional(Outcome),
  error: Type.Optional(OperationError)
}, { additionalProperties: false })
export type CompleteOperationBody = Static<typeof CompleteOperationBody>
