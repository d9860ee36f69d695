import { Type, type Static } from 'typebox';
import { CursorQuery, limitQuery, versionField } from '../../platform/http/params.js';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { CERTIFICATE_EXTRACTION_PROMPT } from './prompts/certificate-extraction-v1.js';
import { CalendarDate } from './schema.js';

/** Continuing-education activities: what was done, when, for how many hours, on which topics. */

export const ACTIVITY_FORMATS = ['live-in-person', 'live-online', 'self-study'] as const;

/** Hours in quarter hours, the finest unit boards credit. */
export const Hours = Type.Number({ minimum: 0.25, maximum: 200, multipleOf: 0.25 });

const AllocationSchema = Type.Object(
  {
    topic: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    hours: Hours,
  },
  { additionalProperties: false },
);

const activityFields = {
  title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' }),
  provider: Type.String({ maxLength: 200 }),
  completedOn: CalendarDate,
  hours: Hours,
  format: stringEnum(ACTIVITY_FORMATS),
  topics: Type.Array(AllocationSchema, {
    maxItems: 20,
    description: 'Hours of the activity on each topic a rule names; together no more than its hours',
  }),
  notes: Type.String({
    maxLength: 2000,
    description: 'About the course only: never client health information',
  }),
};

/** Fields an activity may lack: older activities were saved before they existed. */
const optionalFields = {
  certificateNumber: Type.String({ maxLength: 100, description: 'The number printed on the certificate' }),
  extractedWith: Type.Object(
    {
      promptVersion: stringEnum([CERTIFICATE_EXTRACTION_PROMPT.version], {
        description: 'The version of the prompt whose suggestions the fields came from',
      }),
    },
    {
      additionalProperties: false,
      description: 'Set when the fields were filled from an AI reading of the certificate',
    },
  ),
};

export const ActivityInputSchema = Type.Object(
  {
    title: activityFields.title,
    provider: Type.Optional(activityFields.provider),
    completedOn: activityFields.completedOn,
    hours: activityFields.hours,
    format: activityFields.format,
    topics: Type.Optional(activityFields.topics),
    notes: Type.Optional(activityFields.notes),
    certificateNumber: Type.Optional(optionalFields.certificateNumber),
    extractedWith: Type.Optional(optionalFields.extractedWith),
  },
  { additionalProperties: false },
);
export type ActivityInput = Static<typeof ActivityInputSchema>;

export const ActivityPatchSchema = Type.Object(
  {
    version: versionField(),
    title: Type.Optional(activityFields.title),
    provider: Type.Optional(activityFields.provider),
    completedOn: Type.Optional(activityFields.completedOn),
    hours: Type.Optional(activityFields.hours),
    format: Type.Optional(activityFields.format),
    topics: Type.Optional(activityFields.topics),
    notes: Type.Optional(activityFields.notes),
    certificateNumber: Type.Optional(optionalFields.certificateNumber),
    extractedWith: Type.Optional(optionalFields.extractedWith),
  },
  { additionalProperties: false },
);
export type ActivityPatch = Static<typeof ActivityPatchSchema>;

export const ACTIVITY_FIELDS = [...Object.keys(activityFields), ...Object.keys(optionalFields)] as readonly (
  keyof typeof activityFields | keyof typeof optionalFields
)[];

/** Set on an activity a training provider reported and the person accepted; not editable. */
const ReportedBySchema = Type.Object(
  {
    providerName: Type.String({ maxLength: 200 }),
    linkId: Type.String({ maxLength: 64 }),
    completionId: Type.String({ maxLength: 64 }),
  },
  { additionalProperties: false, description: 'The provider that reported it, through which link' },
);
export type ReportedBy = Static<typeof ReportedBySchema>;

export const ActivitySchema = Type.Object(
  {
    id: Type.String(),
    ...activityFields,
    certificateNumber: Type.Optional(optionalFields.certificateNumber),
    extractedWith: Type.Optional(optionalFields.extractedWith),
    reportedBy: Type.Optional(ReportedBySchema),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'CeActivity' },
);
export type Activity = Static<typeof ActivitySchema>;

export const ACTIVITY_STORED_FIELDS: readonly (keyof Activity)[] = Object.keys(
  ActivitySchema.properties,
).filter((field): field is keyof Activity => field in ActivitySchema.properties);

export const ActivityListQuerySchema = Type.Object(
  { cursor: CursorQuery, limit: limitQuery(50) },
  { additionalProperties: false },
);
export type ActivityListQuery = Static<typeof ActivityListQuerySchema>;
