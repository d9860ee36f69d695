import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { CursorQuery, limitQuery } from '../../platform/http/params.js';

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

/** Sign-up funnel steps the SPA may count. */
export const FUNNEL_STEPS = [
  'sign-in-requested',
  'signed-in',
  'workspace-created',
  'first-incident',
  'invite-sent',
] as const;

export const UsageEventSchema = Type.Object(
  {
    kind: stringEnum(['page', 'funnel'] as const),
    /** A page's route pattern (ids replaced by `:id`), or a funnel step. */
    name: Type.String({ pattern: '^[a-z0-9/:_-]{1,80}$' }),
  },
  { additionalProperties: false },
);
export type UsageEvent = Static<typeof UsageEventSchema>;

const UsageCountSchema = Type.Object({ name: Type.String(), count: Type.Integer({ minimum: 0 }) });

/** Aggregate usage over a range of days: what the counters hold, and nothing about anyone. */
export const UsageReportSchema = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'First day (UTC), YYYY-MM-DD' }),
    to: Type.String({ format: 'date', description: 'Last day (UTC), today' }),
    days: Type.Array(
      Type.Object({
        day: Type.String({ format: 'date' }),
        pageViews: Type.Integer({ minimum: 0 }),
        pages: Type.Array(UsageCountSchema),
        funnel: Type.Array(UsageCountSchema),
      }),
      { description: 'Oldest first, one per day of the range, zero-filled' },
    ),
    totals: Type.Object({
      pages: Type.Array(UsageCountSchema, { description: 'Most viewed first' }),
      funnel: Type.Array(UsageCountSchema, { description: 'Every sign-up step, in funnel order' }),
    }),
  },
  { $id: 'UsageReport' },
);
export type UsageReport = Static<typeof UsageReportSchema>;

const SCREENSHOT_MAX_CHARS = 400_000;

export const FeedbackInputSchema = Type.Object(
  {
    message: Type.String({ minLength: 1, maxLength: 5000 }),
    pageUrl: Type.String({ maxLength: 2000 }),
    userAgent: Type.String({ maxLength: 500 }),
    /** A PNG or JPEG the user saw and chose to send, as a data URL (at most about 300 KB). */
    screenshot: Type.Optional(
      Type.String({
        maxLength: SCREENSHOT_MAX_CHARS,
        pattern: '^data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+$',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FeedbackInput = Static<typeof FeedbackInputSchema>;

export const FeedbackSchema = Type.Object(
  {
    id: Type.String(),
    message: Type.String(),
    pageUrl: Type.String(),
    userAgent: Type.String(),
    hasScreenshot: Type.Boolean(),
    submittedBy: Type.Object({ id: Type.String(), label: Type.String() }),
    createdAt: Type.String({ format: 'date-time' }),
    handledAt: Type.Optional(Type.String({ format: 'date-time' })),
    handledBy: Type.Optional(Type.String()),
    /** When the author last corrected the message. */
    editedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'Feedback' },
);
export type Feedback = Static<typeof FeedbackSchema>;

/** A change to a piece of feedback: its author corrects the message; admins mark it handled. */
export const FeedbackPatchSchema = Type.Object(
  {
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' })),
    handled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type FeedbackPatch = Static<typeof FeedbackPatchSchema>;

export const FeedbackListQuerySchema = Type.Object({
  status: Type.Optional(stringEnum(['open', 'handled', 'all'] as const)),
  limit: limitQuery(25),
  cursor: CursorQuery,
});
export type FeedbackListQuery = Static<typeof FeedbackListQuerySchema>;
