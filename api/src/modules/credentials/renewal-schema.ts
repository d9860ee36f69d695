import { Type, type Static } from 'typebox';

/** The answer about a license's renewal: its rule, the numbers in force and its cycles. */

const Nullable = <T extends ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()]);

export const EffectiveNumberSchema = Type.Object({
  value: Nullable(Type.Number()),
  source: Type.Union([Type.Literal('catalogue'), Type.Literal('override'), Type.Literal('unknown')]),
  catalogueValue: Nullable(Type.Number()),
});

export const CycleSchema = Type.Object({
  startsOn: Type.String(),
  endsOn: Type.String(),
  days: Type.Integer(),
  isFirstRenewal: Type.Union([Type.Boolean(), Type.Null()]),
  isShortened: Type.Boolean(),
});

const NullableText = Type.Union([Type.String(), Type.Null()]);

export const RuleSchema = Type.Object(
  {
    catalogueVersion: Type.String(),
    jurisdiction: Type.String(),
    license: Type.String(),
    cycleMonths: Type.Union([Type.Integer(), Type.Null()]),
    cycleAnchor: NullableText,
    totalHours: Type.Union([Type.Integer(), Type.Null()]),
    topics: Type.Array(
      Type.Object({
        topic: Type.String(),
        hours: Type.Union([Type.Integer(), Type.Null()]),
        frequency: Type.String(),
        everyNCycles: Type.Optional(Type.Integer()),
        intervalYears: Type.Optional(Type.Integer()),
        notes: NullableText,
      }),
    ),
    limits: Type.Array(
      Type.Object({
        kind: Type.String(),
        hours: Type.Union([Type.Integer(), Type.Null()]),
        notes: NullableText,
      }),
    ),
    exemptions: NullableText,
    sources: Type.Array(Type.String()),
    sourceDates: Type.Array(Type.Object({ source: Type.String(), date: Type.String() })),
    confidence: Type.String(),
  },
  { $id: 'CeRule' },
);
export type RuleView = Static<typeof RuleSchema>;

export const RenewalSchema = Type.Object(
  {
    licenseId: Type.String(),
    rule: Type.Union([Type.Unsafe<RuleView>({ $ref: 'CeRule#' }), Type.Null()]),
    boardNotice: Type.String(),
    requirements: Type.Object({
      cycleMonths: EffectiveNumberSchema,
      totalHours: EffectiveNumberSchema,
      topics: Type.Array(
        Type.Object({
          topic: Type.String(),
          hours: EffectiveNumberSchema,
          frequency: Type.String(),
          everyNCycles: Type.Union([Type.Integer(), Type.Null()]),
          intervalYears: Type.Union([Type.Integer(), Type.Null()]),
          notes: NullableText,
        }),
      ),
      limits: Type.Array(
        Type.Object({ kind: Type.String(), hours: EffectiveNumberSchema, notes: NullableText }),
      ),
    }),
    cycles: Type.Union([
      Type.Object({
        isKnown: Type.Literal(true),
        previous: Type.Array(CycleSchema),
        current: CycleSchema,
        next: CycleSchema,
      }),
      Type.Object({ isKnown: Type.Literal(false), reason: Type.String() }),
    ]),
  },
  { $id: 'LicenseRenewal' },
);
export type Renewal = Static<typeof RenewalSchema>;

export const CatalogueSchema = Type.Object(
  {
    version: Type.String(),
    boardNotice: Type.String(),
    rules: Type.Array(Type.Unsafe<RuleView>({ $ref: 'CeRule#' })),
  },
  { $id: 'CeCatalogue' },
);
