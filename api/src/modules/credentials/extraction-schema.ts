import { Type, type Static, type TSchema } from 'typebox';
import { IdParam } from '../../platform/http/params.js';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { ACTIVITY_FORMATS } from './activity-schema.js';
import { CERTIFICATE_EXTRACTION_PROMPT } from './prompts/certificate-extraction-v1.js';

/** Reading a CE certificate with AI: what is asked of the provider and what the person gets back. */

/** Below this confidence a suggested field is flagged for the person to check. */
export const LOW_CONFIDENCE = 0.6;

export const ExtractionRequestSchema = Type.Object({ documentId: IdParam }, { additionalProperties: false });
export type ExtractionRequest = Static<typeof ExtractionRequestSchema>;

const Confidence = Type.Number({ minimum: 0, maximum: 1 });

/** One field as the provider answers it: a value or null, how sure it is, and why not when unsure. */
function answered<T extends TSchema>(value: T) {
  return Type.Object(
    {
      value: Type.Union([value, Type.Null()]),
      confidence: Confidence,
      note: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
    },
    { additionalProperties: false },
  );
}

const AnsweredTopic = Type.Object(
  {
    topic: Type.String({ maxLength: 200 }),
    hours: Type.Union([Type.Number({ minimum: 0, maximum: 1000 }), Type.Null()]),
  },
  { additionalProperties: false },
);

/** The provider's answer, checked against these bounds on our side whatever its structured mode did. */
export const ExtractionAnswerSchema = Type.Object(
  {
    title: answered(Type.String({ maxLength: 300 })),
    provider: answered(Type.String({ maxLength: 200 })),
    completedOn: answered(Type.String({ maxLength: 40 })),
    hours: answered(Type.Number({ minimum: 0, maximum: 1000 })),
    format: answered(stringEnum(ACTIVITY_FORMATS)),
    topics: answered(Type.Array(AnsweredTopic, { maxItems: 20 })),
    certificateNumber: answered(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ExtractionAnswer = Static<typeof ExtractionAnswerSchema>;

export const EXTRACTED_FIELDS = [
  'title',
  'provider',
  'completedOn',
  'hours',
  'format',
  'topics',
  'certificateNumber',
] as const satisfies readonly (keyof ExtractionAnswer)[];
export type ExtractedField = (typeof EXTRACTED_FIELDS)[number];

const FlagSchema = Type.Object({
  kind: stringEnum(['missing', 'low-confidence', 'invalid'] as const),
  reason: Type.String({ description: 'Why the field needs the person’s check, in words to show' }),
});
export type FieldFlag = Static<typeof FlagSchema>;

function suggested<T extends TSchema>(value: T) {
  return Type.Object({
    value: Type.Union([value, Type.Null()]),
    confidence: Confidence,
    flag: Type.Optional(FlagSchema),
  });
}

export const SuggestedTopicSchema = Type.Object({
  topic: Type.String(),
  hours: Type.Union([Type.Number(), Type.Null()]),
});

export const CertificateExtractionSchema = Type.Object(
  {
    documentId: Type.String(),
    promptVersion: stringEnum([CERTIFICATE_EXTRACTION_PROMPT.version], {
      description: 'Send it back as `extractedWith` when saving',
    }),
    provider: Type.String(),
    model: Type.String(),
    fields: Type.Object({
      title: suggested(Type.String()),
      provider: suggested(Type.String()),
      completedOn: suggested(Type.String({ format: 'date' })),
      hours: suggested(Type.Number()),
      format: suggested(stringEnum(ACTIVITY_FORMATS)),
      topics: suggested(Type.Array(SuggestedTopicSchema)),
      certificateNumber: suggested(Type.String()),
    }),
  },
  { $id: 'CertificateExtraction' },
);
export type CertificateExtraction = Static<typeof CertificateExtractionSchema>;
export type SuggestedFields = CertificateExtraction['fields'];
