import { Type, type Static } from 'typebox';
import { CursorQuery, IdParam, limitQuery } from '../../../platform/http/params.js';
import { ref, stringEnum } from '../../../platform/http/schema-ref.js';
import { ACTIVITY_FORMATS, ActivitySchema, Hours } from '../activity-schema.js';
import { CalendarDate } from '../schema.js';

/**
 * Completions reported by training providers. A person makes a link code for a provider; the
 * provider (with an API key of scope `ce:completions:write` in its own workspace) redeems it once
 * and then reports completions through the link's opaque id. Each lands as pending in the
 * person's workspace until they accept it (it becomes an activity) or decline it.
 */

const Text = (maxLength: number, description?: string) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '\\S',
    ...(description === undefined ? {} : { description }),
  });
const Time = Type.String({ format: 'date-time' });
const TimeOrNull = Type.Union([Time, Type.Null()]);

export const LINK_STATUSES = ['waiting', 'linked', 'revoked', 'expired', 'ended'] as const;
export const COMPLETION_STATUSES = ['pending', 'accepted', 'declined'] as const;

/** A link code as handed out: 12 letters and digits in groups of four (60 random bits). */
export const LINK_CODE_PATTERN = '^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$';

export const ProviderLinkInputSchema = Type.Object(
  {
    providerLabel: Text(120, 'Who the code is for, as the person knows them (“State CE Institute”)'),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 30, description: 'Days the code can be redeemed' }),
  },
  { additionalProperties: false },
);
export type ProviderLinkInput = Static<typeof ProviderLinkInputSchema>;

const providerLinkFields = {
  id: Type.String(),
  providerLabel: Type.String(),
  createdAt: Time,
  createdBy: Type.String(),
  expiresAt: Type.String({ format: 'date-time', description: 'Until when the code can be redeemed' }),
  linkedAt: Type.Union([Time, Type.Null()], { description: 'When the provider redeemed the code' }),
  revokedAt: TimeOrNull,
  endedAt: Type.Union([Time, Type.Null()], {
    description: 'When the provider’s workspace was deleted: the link ended with it',
  }),
  version: Type.Integer(),
};

/** A person's link with a provider, as the person sees it. */
export const ProviderLinkSchema = Type.Object(
  { ...providerLinkFields, status: stringEnum(LINK_STATUSES) },
  { $id: 'CeProviderLink' },
);
export type ProviderLink = Static<typeof ProviderLinkSchema>;
/** A link as stored, without the status (derived from the times) or the internal attributes. */
export type StoredLink = Omit<ProviderLink, 'status'>;
export const STORED_LINK_FIELDS = Object.keys(providerLinkFields) as (keyof StoredLink)[];

export const CreatedLinkSchema = Type.Object({
  link: ref(ProviderLinkSchema),
  code: Type.String({ description: 'Give this code to the provider; it is shown only now' }),
});

export const RedeemInputSchema = Type.Object(
  {
    linkCode: Type.String({
      pattern: LINK_CODE_PATTERN,
      maxLength: 14,
      description: 'The code the person gave you',
    }),
  },
  { additionalProperties: false },
);

/** The provider's side of a link: its opaque id and nothing else of the person. */
export const ProviderSideLinkSchema = Type.Object(
  {
    linkId: Type.String({ description: 'Report completions for this person with this id' }),
    linkedAt: Time,
    endedAt: Type.Union([Time, Type.Null()], { description: 'When the person revoked it or left' }),
  },
  { $id: 'CeLinkForProvider' },
);
export type ProviderSideLink = Static<typeof ProviderSideLinkSchema>;

export const CompletionInputSchema = Type.Object(
  {
    linkId: IdParam,
    courseTitle: Text(300),
    providerName: Text(200, 'Your name as the person will see it'),
    completedOn: CalendarDate,
    hours: Hours,
    category: Text(200, 'The CE topic or category the hours count toward (“Ethics”)'),
    format: Type.Optional(stringEnum(ACTIVITY_FORMATS, { description: 'Self-study when left out' })),
    certificateNumber: Type.Optional(Text(100)),
  },
  { additionalProperties: false },
);
export type CompletionInput = Static<typeof CompletionInputSchema>;

const reportFields = {
  id: Type.String(),
  linkId: Type.String(),
  courseTitle: Type.String(),
  providerName: Type.String(),
  completedOn: Type.String(),
  hours: Type.Number(),
  category: Type.String(),
  format: stringEnum(ACTIVITY_FORMATS),
  certificateNumber: Type.Optional(Type.String()),
  status: stringEnum(COMPLETION_STATUSES),
  reportedAt: Time,
  decidedAt: TimeOrNull,
};

/** What a provider reported, as the provider sees it: its own report and the person's decision. */
export const CompletionReportSchema = Type.Object(reportFields, { $id: 'CeCompletionReport' });
export type CompletionReport = Static<typeof CompletionReportSchema>;
export const REPORT_FIELDS = Object.keys(reportFields) as (keyof CompletionReport)[];

/** A reported completion as the person sees it: the report and, once accepted, its activity. */
export const ReportedCompletionSchema = Type.Object(
  { ...reportFields, activityId: Type.Union([Type.String(), Type.Null()]), version: Type.Integer() },
  { $id: 'CeReportedCompletion' },
);
export type ReportedCompletion = Static<typeof ReportedCompletionSchema>;
export const COMPLETION_FIELDS = Object.keys(
  ReportedCompletionSchema.properties,
) as (keyof ReportedCompletion)[];

export const DecisionInputSchema = Type.Object(
  { decision: stringEnum(['accept', 'decline'] as const) },
  { additionalProperties: false },
);

/** A decided completion and, when accepted, the activity it became. */
export const DecidedCompletionSchema = Type.Object({
  completion: ref(ReportedCompletionSchema),
  activity: Type.Optional(ref(ActivitySchema)),
});

export const CompletionListQuerySchema = Type.Object(
  {
    status: Type.Optional(stringEnum(COMPLETION_STATUSES)),
    cursor: CursorQuery,
    limit: limitQuery(50),
  },
  { additionalProperties: false },
);
export type CompletionListQuery = Static<typeof CompletionListQuerySchema>;

export const PageQuerySchema = Type.Object(
  { cursor: CursorQuery, limit: limitQuery(50) },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuerySchema>;
