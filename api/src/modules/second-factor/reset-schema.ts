import { Type, type Static } from 'typebox';
import { EmailSchema } from '../../platform/http/email-schema.js';
import { stringEnum } from '../../platform/http/schema-ref.js';

/** A reset of every factor as support sees it. */
export const FactorResetSchema = Type.Object(
  {
    email: Type.String(),
    /** `waiting` until the waiting period ends, then `ready` to complete. */
    status: stringEnum(['waiting', 'ready'] as const),
    requestedAt: Type.String({ format: 'date-time' }),
    /** From when support can complete it. */
    effectiveAt: Type.String({ format: 'date-time' }),
    /** The address of the support person who scheduled it. */
    requestedBy: Type.String(),
    /** The identity checks they recorded. */
    identityChecks: Type.String(),
  },
  { $id: 'FactorReset' },
);
export type FactorReset = Static<typeof FactorResetSchema>;

export const ScheduleResetBodySchema = Type.Object(
  {
    email: EmailSchema,
    identityChecks: Type.String({
      minLength: 20,
      maxLength: 2000,
      description:
        'What support checked to know it is the account holder (for example: wrote from the account address, answered questions only they could, a video call matching the ID they showed)',
    }),
  },
  { additionalProperties: false },
);

export const ResetEmailBodySchema = Type.Object({ email: EmailSchema }, { additionalProperties: false });
