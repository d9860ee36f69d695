import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';

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
