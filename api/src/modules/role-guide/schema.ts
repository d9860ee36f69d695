import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';

/**
 * The role guide's questionnaire and answer. Every value is an enum or short bounded text, so the
 * rules work on a closed set of answers and nothing unbounded reaches them or an AI provider.
 */

/** What is happening, as the person would tick it. */
export const SITUATIONS = [
  'high-conflict',
  'communication-breakdown',
  'schedule-disagreement',
  'order-not-followed',
  'relocation',
  'child-wellbeing-worries',
  'child-wants-to-be-heard',
  'safety-concerns',
  'afraid-of-other-parent',
  'controlling-behaviour',
  'substance-use-concerns',
] as const;
export type Situation = (typeof SITUATIONS)[number];

/** Where any court case stands. */
export const COURT_STAGES = ['none', 'considering', 'pending', 'order-in-place'] as const;
export type CourtStage = (typeof COURT_STAGES)[number];

/** What the person wants to happen. */
export const GOALS = [
  'agree-a-plan',
  'reduce-conflict',
  'enforce-an-order',
  'change-an-order',
  'assess-child-needs',
  'legal-advice',
  'emotional-support',
  'stay-safe',
] as const;
export type Goal = (typeof GOALS)[number];

/** The professionals the guide can suggest (wider than those a workspace can give access to). */
export const GUIDE_PROFESSIONS = [
  'mediator',
  'parenting-coordinator',
  'guardian-ad-litem',
  'custody-evaluator',
  'family-attorney',
  'therapist',
  'domestic-violence-advocate',
] as const;
export type GuideProfession = (typeof GUIDE_PROFESSIONS)[number];

export const RoleGuideRequestSchema = Type.Object(
  {
    situations: Type.Array(stringEnum(SITUATIONS), {
      maxItems: SITUATIONS.length,
      uniqueItems: true,
      description: 'What is happening (tick any)',
    }),
    courtCase: stringEnum(COURT_STAGES, { description: 'Where any court case stands' }),
    goals: Type.Array(stringEnum(GOALS), {
      minItems: 1,
      maxItems: GOALS.length,
      uniqueItems: true,
      description: 'What you want (at least one)',
    }),
    note: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 300,
        pattern: '\\S',
        description:
          'Anything else, in a sentence or two; only the AI paragraph reads it. Leave out names and places.',
      }),
    ),
    withAi: Type.Optional(
      Type.Boolean({
        description: 'Also ask the AI provider for a "why for you" paragraph (sends these answers only)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RoleGuideRequest = Static<typeof RoleGuideRequestSchema>;

/** The questionnaire's answers, as the rules and the AI prompt read them. */
export type RoleGuideAnswers = Omit<RoleGuideRequest, 'withAi'>;

const CostSchema = Type.Object({
  range: Type.String({ description: 'A typical US range, such as "$100–$500 an hour"' }),
  note: Type.String({ description: 'What changes it: who pays, free programmes, insurance' }),
});

export const RecommendationSchema = Type.Object({
  profession: stringEnum(GUIDE_PROFESSIONS),
  title: Type.String(),
  /** `first`: the answers point straight at them; `consider`: worth a conversation. */
  priority: stringEnum(['first', 'consider'] as const),
  why: Type.Array(Type.String(), { description: 'Why, each reason tied to an answer given' }),
  whatTheyDo: Type.String(),
  typicalCost: CostSchema,
  howToFind: Type.String(),
  caution: Type.Optional(Type.String({ description: 'Why this may not suit the situation described' })),
  libraryItemId: Type.Optional(Type.String({ description: 'A library article about this professional' })),
});
export type Recommendation = Static<typeof RecommendationSchema>;

const SafetySchema = Type.Object({
  isFlagged: Type.Boolean({ description: 'The answers suggest abuse or fear of the other parent' }),
  reasons: Type.Array(Type.String()),
  mediationCaution: Type.Optional(Type.String()),
  emergency: Type.String(),
  hotline: Type.Object({
    name: Type.String(),
    phone: Type.String(),
    text: Type.String(),
    website: Type.String(),
  }),
});

/** Whether the AI paragraph was written, and if not, why (P-AI-3: the guide itself always works). */
export const AI_STATUSES = [
  'used',
  'not-requested',
  'not-configured',
  'not-in-plan',
  'quota-exceeded',
  'unavailable',
] as const;
export type AiStatus = (typeof AI_STATUSES)[number];

const AiPartSchema = Type.Object({
  status: stringEnum(AI_STATUSES),
  detail: Type.String({ description: 'The status in words, for the page' }),
  whyForYou: Type.Optional(Type.String({ description: 'Written by AI from the answers only; not saved' })),
  promptVersion: Type.Optional(Type.String()),
  provider: Type.Optional(stringEnum(['openai', 'anthropic'] as const)),
  model: Type.Optional(Type.String()),
});

/**
 * The guide: computed from the answers and shown, never stored (nothing to export or purge). The
 * same answers give the same recommendations under the same guide version.
 */
export const RoleGuideSchema = Type.Object(
  {
    guideVersion: Type.String({ description: 'The reviewed rules and texts that made this guide' }),
    notAdvice: Type.String({ description: 'Information, not legal advice' }),
    stateRulesNote: Type.String(),
    isSaved: Type.Literal(false, { description: 'The guide is shown, never stored' }),
    safety: SafetySchema,
    recommendations: Type.Array(RecommendationSchema),
    ai: AiPartSchema,
  },
  { $id: 'RoleGuide' },
);
export type RoleGuide = Static<typeof RoleGuideSchema>;

/** What the AI provider must answer; checked again on our side before it is shown. */
export const WhyForYouAnswerSchema = Type.Object(
  { whyForYou: Type.String({ minLength: 1, maxLength: 1500 }) },
  { additionalProperties: false },
);
