import { Type, type Static } from 'typebox';

/** What the provider must answer for a rewrite; checked again on our side before it is shown. */
export const RewriteAnswerSchema = Type.Object(
  {
    reply: Type.String({ minLength: 1, maxLength: 8000 }),
    removed: Type.Array(
      Type.Object(
        { text: Type.String({ maxLength: 2000 }), reason: Type.String({ maxLength: 300 }) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    questionsToAnswer: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type RewriteAnswer = Static<typeof RewriteAnswerSchema>;

export const RewriteRequestSchema = Type.Object(
  {
    draft: Type.String({
      minLength: 1,
      maxLength: 5000,
      pattern: '\\S',
      description: 'The reply you drafted',
    }),
  },
  { additionalProperties: false },
);

/** A suggestion, never saved by itself (P-AI-2): the person copies, edits or discards it. */
export const RewriteSuggestionSchema = Type.Object(
  {
    original: Type.String({ description: 'Your draft, unchanged' }),
    reply: Type.String({ description: 'The suggested calmer reply' }),
    removed: Type.Array(Type.Object({ text: Type.String(), reason: Type.String() })),
    questionsToAnswer: Type.Array(Type.String()),
    promptVersion: Type.String({ description: 'The prompt that made this suggestion' }),
    provider: Type.Union([Type.Literal('openai'), Type.Literal('anthropic')]),
    model: Type.String(),
  },
  { $id: 'RewriteSuggestion' },
);
export type RewriteSuggestion = Static<typeof RewriteSuggestionSchema>;

/** The workspace's AI actions this month (the plan and summary pages show it). */
export const AiUsageSchema = Type.Object(
  {
    month: Type.String({ description: 'The month counted, YYYY-MM (UTC)' }),
    used: Type.Integer(),
    limit: Type.Union([Type.Integer(), Type.Null()], { description: 'Actions per month; null: no limit' }),
    resetsAt: Type.String({ format: 'date-time', description: 'When the count starts again' }),
    isConfigured: Type.Boolean({ description: 'Whether an AI provider is configured on this server' }),
  },
  { $id: 'AiUsage' },
);
