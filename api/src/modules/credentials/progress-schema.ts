import { Type } from 'typebox';
import { CycleSchema } from './renewal-schema.js';

/** The progress answer: each license's current cycle, in total and per topic. */
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const ProgressSchema = Type.Object(
  {
    today: Type.String(),
    licenses: Type.Array(
      Type.Object({
        licenseId: Type.String(),
        label: Type.String(),
        cycle: Type.Union([CycleSchema, Type.Null()]),
        reason: Type.Union([Type.String(), Type.Null()]),
        daysLeft: Type.Union([Type.Integer(), Type.Null()]),
        isAtRisk: Type.Boolean(),
        total: Type.Object({ needed: NullableNumber, earned: Type.Number(), remaining: NullableNumber }),
        topics: Type.Array(
          Type.Object({
            topic: Type.String(),
            applies: Type.Union([
              Type.Literal('required'),
              Type.Literal('once'),
              Type.Literal('check'),
              Type.Literal('not-this-cycle'),
            ]),
            needed: NullableNumber,
            earned: Type.Number(),
            remaining: NullableNumber,
          }),
        ),
        capped: Type.Array(
          Type.Object({ kind: Type.String(), capHours: Type.Number(), excludedHours: Type.Number() }),
        ),
      }),
    ),
  },
  { $id: 'CeProgress' },
);

/** What each of the most recent activities counted for, in words: read apart from the progress. */
export const AllocationsSchema = Type.Object(
  {
    allocations: Type.Array(
      Type.Object({ activityId: Type.String(), title: Type.String(), lines: Type.Array(Type.String()) }),
    ),
  },
  { $id: 'CeAllocations' },
);
