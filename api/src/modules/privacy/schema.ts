import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';

export const PolicyVersionSchema = Type.Object(
  {
    version: Type.String(),
    publishedAt: Type.String({ format: 'date-time' }),
    effectiveAt: Type.String({ format: 'date-time' }),
    kind: stringEnum(['initial', 'material', 'minor'] as const),
    summary: Type.String(),
  },
  { $id: 'PolicyVersion' },
);

/**
 * The policy version in effect and the next announced one: what the in-app policy banner needs,
 * without the whole inventory (record types and subprocessors) that the privacy page shows.
 */
export const PolicyStatusSchema = Type.Object(
  {
    current: Type.Unsafe<Static<typeof PolicyVersionSchema>>({ $ref: 'PolicyVersion#' }),
    upcoming: Type.Optional(Type.Unsafe<Static<typeof PolicyVersionSchema>>({ $ref: 'PolicyVersion#' })),
  },
  { $id: 'PolicyStatus' },
);
export type PolicyStatus = Static<typeof PolicyStatusSchema>;

export const PrivacyInventorySchema = Type.Object(
  {
    policy: Type.Object({
      current: Type.Unsafe<Static<typeof PolicyVersionSchema>>({ $ref: 'PolicyVersion#' }),
      upcoming: Type.Optional(Type.Unsafe<Static<typeof PolicyVersionSchema>>({ $ref: 'PolicyVersion#' })),
      versions: Type.Array(Type.Unsafe<Static<typeof PolicyVersionSchema>>({ $ref: 'PolicyVersion#' })),
    }),
    recordTypes: Type.Array(
      Type.Object({
        entity: Type.String(),
        label: Type.String(),
        fields: Type.String(),
        purpose: Type.String(),
        retention: Type.String(),
        providers: Type.Array(Type.String()),
        /** How a person corrects a record of this kind, or why there is nothing to correct. */
        correction: Type.String(),
      }),
    ),
    subprocessors: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        purpose: Type.String(),
        data: Type.String(),
        location: Type.String(),
        when: Type.String(),
      }),
    ),
  },
  { $id: 'PrivacyInventory' },
);
export type PrivacyInventory = Static<typeof PrivacyInventorySchema>;
