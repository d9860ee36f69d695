import { Type, type Static } from 'typebox';
import { CursorQuery, IdParam, limitQuery } from '../../../platform/http/params.js';
import { stringEnum } from '../../../platform/http/schema-ref.js';
import { SUMMARY_PROMPT } from '../prompts/summary-v1.js';

/** The record kinds a summary sentence can rest on. */
export const CITED_TYPES = ['incident', 'communication'] as const;
export type CitedType = (typeof CITED_TYPES)[number];

/** The prompt versions a saved summary may name: only ones this server has used. */
export const SUMMARY_PROMPT_VERSIONS = [SUMMARY_PROMPT.version] as const;

/** At most this many sentences in one summary. */
export const MAX_SENTENCES = 60;

/** What the provider must answer; references are checked against what was sent before anything is shown. */
export const SummaryAnswerSchema = Type.Object(
  {
    sentences: Type.Array(
      Type.Object(
        {
          text: Type.String({ minLength: 1, maxLength: 1000 }),
          refs: Type.Array(Type.String({ maxLength: 12 }), { maxItems: 20 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_SENTENCES },
    ),
  },
  { additionalProperties: false },
);
export type SummaryAnswer = Static<typeof SummaryAnswerSchema>;

const DateTime = (description: string) => Type.String({ format: 'date-time', description });

export const SummaryRangeSchema = Type.Object(
  {
    from: DateTime('Start of the period, ISO 8601 with offset'),
    to: DateTime('End of the period, ISO 8601 with offset'),
  },
  { additionalProperties: false },
);
export type SummaryRange = Static<typeof SummaryRangeSchema>;

export const CitationSchema = Type.Object(
  { recordType: stringEnum(CITED_TYPES), recordId: IdParam },
  { additionalProperties: false },
);
export type Citation = Static<typeof CitationSchema>;

/** One sentence and the records it rests on (at least one). */
export const SentenceSchema = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }),
    citations: Type.Array(CitationSchema, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type Sentence = Static<typeof SentenceSchema>;

const ProviderSchema = stringEnum(['openai', 'anthropic'] as const, {
  description: 'The AI provider that suggested it',
});

/** A suggested summary, never saved by itself (P-AI-2). */
export const SummarySuggestionSchema = Type.Object(
  {
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    sentences: Type.Array(SentenceSchema),
    unsupported: Type.Array(Type.Object({ text: Type.String(), reason: Type.String() }), {
      description: 'Sentences left out because they cite no record of the period, or one that was not sent',
    }),
    sourceCounts: Type.Object({ incidents: Type.Integer(), communications: Type.Integer() }),
    promptVersion: stringEnum(SUMMARY_PROMPT_VERSIONS),
    aiProvider: ProviderSchema,
    model: Type.String(),
  },
  { $id: 'SummarySuggestion' },
);
export type SummarySuggestion = Static<typeof SummarySuggestionSchema>;

/** What the person saves: the suggestion as they reviewed and edited it. */
export const SummaryInputSchema = Type.Object(
  {
    from: SummaryRangeSchema.properties.from,
    to: SummaryRangeSchema.properties.to,
    sentences: Type.Array(SentenceSchema, { minItems: 1, maxItems: MAX_SENTENCES }),
    promptVersion: stringEnum(SUMMARY_PROMPT_VERSIONS),
    aiProvider: ProviderSchema,
    model: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:/-]+$' }),
  },
  { additionalProperties: false },
);
export type SummaryInput = Static<typeof SummaryInputSchema>;

export const SummarySchema = Type.Object(
  {
    id: Type.String(),
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    sentences: Type.Array(SentenceSchema),
    promptVersion: Type.String({ description: 'The prompt that made the suggestion' }),
    aiProvider: ProviderSchema,
    model: Type.String(),
    isAiAssisted: Type.Boolean({
      description: 'Always true: written with AI, reviewed and saved by a person',
    }),
    reviewedBy: Type.String({ description: 'The member who reviewed and saved it' }),
    createdAt: Type.String({ format: 'date-time' }),
    version: Type.Integer(),
  },
  { $id: 'Summary' },
);
export type Summary = Static<typeof SummarySchema>;

/** Every attribute of a summary as stored and answered, in order. */
export const SUMMARY_STORED_FIELDS: readonly (keyof Summary)[] = Object.keys(SummarySchema.properties).filter(
  (field): field is keyof Summary => field in SummarySchema.properties,
);

export const SummaryListQuerySchema = Type.Object(
  { cursor: CursorQuery, limit: limitQuery(20) },
  { additionalProperties: false },
);
export type SummaryListQuery = Static<typeof SummaryListQuerySchema>;
