import { Type, type Static } from 'typebox';

/**
 * The shape of one renewal rule in the requirement catalogue, exactly as the shipped data holds
 * it. Every number may be null: null means no source stated it, and it stays unknown (never
 * filled in by a guess). Bounds keep a malformed data update from loading at all.
 */

const Hours = Type.Union([Type.Integer({ minimum: 0, maximum: 1000 }), Type.Null()]);
const Text = Type.String({ maxLength: 2000 });

export const CatalogueTopicSchema = Type.Object(
  {
    topic: Type.String({ minLength: 1, maxLength: 200 }),
    hours: Hours,
    frequency: Type.Union([Type.Literal('every-cycle'), Type.Literal('once'), Type.Literal('first-renewal')]),
    everyNCycles: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    intervalYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    notes: Type.Union([Text, Type.Null()]),
  },
  { additionalProperties: false },
);

export const CatalogueLimitSchema = Type.Object(
  {
    kind: Type.String({ minLength: 1, maxLength: 60 }),
    hours: Hours,
    notes: Type.Union([Text, Type.Null()]),
  },
  { additionalProperties: false },
);

export const CatalogueRuleSchema = Type.Object(
  {
    jurisdiction: Type.String({ pattern: '^[A-Z]{2}$' }),
    license: Type.String({ minLength: 1, maxLength: 80 }),
    cycleMonths: Type.Union([Type.Integer({ minimum: 1, maximum: 120 }), Type.Null()]),
    cycleAnchor: Type.Union([Text, Type.Null()]),
    totalHours: Hours,
    topics: Type.Array(CatalogueTopicSchema, { maxItems: 40 }),
    limits: Type.Array(CatalogueLimitSchema, { maxItems: 40 }),
    exemptions: Type.Union([Text, Type.Null()]),
    sources: Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 30 }),
    sourceDates: Type.Optional(
      Type.Union([
        Type.Record(Type.String({ maxLength: 1000 }), Type.String({ maxLength: 500 })),
        Type.Null(),
      ]),
    ),
    confidence: Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]),
  },
  { additionalProperties: false },
);
export type CatalogueRule = Static<typeof CatalogueRuleSchema>;

export const CatalogueFileSchema = Type.Array(CatalogueRuleSchema, { minItems: 1, maxItems: 2000 });
