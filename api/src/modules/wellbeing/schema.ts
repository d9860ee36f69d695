import { Type, type Static, type TProperties } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { CursorQuery, limitQuery, versionField } from '../../platform/http/params.js';

/** Symptoms offered as choices; a person may add their own. */
export const COMMON_SYMPTOMS = [
  'low mood',
  'worry',
  'panic',
  'irritability',
  'fatigue',
  'poor concentration',
  'poor appetite',
  'restlessness',
  'headache',
  'trouble sleeping',
  'intrusive thoughts',
  'feeling numb',
] as const;

/**
 * The offered symptoms, published as a named schema so clients read them from the API's types
 * (a check-in's `symptoms` stays free text: anything else may be typed in).
 */
export const CommonSymptomSchema = Type.Unsafe<(typeof COMMON_SYMPTOMS)[number]>({
  $id: 'WellbeingCommonSymptom',
  type: 'string',
  enum: [...COMMON_SYMPTOMS],
  description: 'A symptom offered as a choice on a check-in; others may be typed in',
});

export const COMPLAINT_STATUSES = ['draft', 'filed', 'resolved'] as const;
export const CARE_NOTE_TYPES = ['therapy', 'psychiatry', 'counseling', 'other'] as const;
export const PROVIDER_TYPES = [
  'therapist',
  'psychiatrist',
  'counselor',
  'physician',
  'hospital',
  'clinic',
  'other',
] as const;

const Score = Type.Integer({ minimum: 1, maximum: 10 });
const ShortList = Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 40 });
const Text = (maxLength: number) => Type.String({ maxLength });
const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** Fields common to every wellbeing record in a response (never keys or ciphertext). */
const recordMeta = {
  id: Type.String(),
  ownerId: Type.String({ description: 'The author; the only person who may change or share it' }),
  sharedWith: Type.Array(Type.String(), { description: 'User ids of members it is shared with (read only)' }),
  isOwn: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  deletedAt: Type.Optional(Type.String({ format: 'date-time' })),
  version: Type.Integer(),
};

/** A record kind: its sensitive fields (each encrypted), and the one plain date it is ordered by. */
export type RecordKind = {
  /** Stored kind name (a plain identifier). */
  kind: string;
  /** URL segment under /wellbeing. */
  path: string;
  /** Name of the record id in its URLs, e.g. `checkInId`. */
  param: string;
  /** Audit action prefix and API tag, e.g. `check-in`. */
  label: string;
  dateField: string;
  sensitive: TProperties;
  required: string[];
};

const Instant = Type.String({ format: 'date-time' });
const Opt = Type.Optional;

/** Check-in fields, in the order the API documents them; the date is the plain, unencrypted one. */
const checkInFields = {
  mood: Score,
  anxiety: Score,
  sleepHours: Type.Number({ minimum: 0, maximum: 24 }),
  symptoms: ShortList,
  triggers: ShortList,
  notes: Text(10_000),
};
const complaintFields = {
  providerName: Type.String({ minLength: 1, maxLength: 200 }),
  providerType: stringEnum(PROVIDER_TYPES),
  category: Type.String({ minLength: 1, maxLength: 120 }),
  description: Type.String({ minLength: 1, maxLength: 20_000 }),
  desiredOutcome: Text(5_000),
  status: stringEnum(COMPLAINT_STATUSES),
  whereFiled: Text(300),
};
const careNoteFields = {
  provider: Type.String({ minLength: 1, maxLength: 200 }),
  type: stringEnum(CARE_NOTE_TYPES),
  notes: Type.String({ minLength: 1, maxLength: 20_000 }),
  followUps: ShortList,
};

export const CHECK_IN: RecordKind = {
  kind: 'checkin',
  path: 'check-ins',
  param: 'checkInId',
  label: 'check-in',
  dateField: 'occurredAt',
  sensitive: checkInFields,
  required: ['mood', 'anxiety'],
};

export const COMPLAINT: RecordKind = {
  kind: 'complaint',
  path: 'complaints',
  param: 'complaintId',
  label: 'complaint',
  dateField: 'date',
  sensitive: complaintFields,
  required: ['providerName', 'providerType', 'category', 'description', 'status'],
};

export const CARE_NOTE: RecordKind = {
  kind: 'carenote',
  path: 'care-notes',
  param: 'careNoteId',
  label: 'care-note',
  dateField: 'sessionDate',
  sensitive: careNoteFields,
  required: ['provider', 'type', 'notes'],
};

/**
 * One kind's schemas from its fields, in their documented order: the body that creates a record,
 * the correction (the version edited, then any field), and the record as answered. Generic over
 * the fields, so each kind keeps its exact static body types (no string-keyed maps); the kinds'
 * `required` above names the fields left non-optional here.
 */
function buildRecordSchemas<const F extends TProperties>(fields: F, $id: string) {
  return {
    input: Type.Object(fields, { additionalProperties: false }),
    patch: Type.Object(
      { version: versionField(), ...Type.Partial(Type.Object(fields)).properties },
      { additionalProperties: false },
    ),
    output: Type.Object({ ...recordMeta, ...fields }, { $id }),
  };
}

const c = checkInFields;
export const CheckInSchemas = buildRecordSchemas(
  {
    occurredAt: Instant,
    mood: c.mood,
    anxiety: c.anxiety,
    sleepHours: Opt(c.sleepHours),
    symptoms: Opt(c.symptoms),
    triggers: Opt(c.triggers),
    notes: Opt(c.notes),
  },
  'WellbeingCheckIn',
);

const m = complaintFields;
export const ComplaintSchemas = buildRecordSchemas(
  {
    date: DateOnly,
    providerName: m.providerName,
    providerType: m.providerType,
    category: m.category,
    description: m.description,
    desiredOutcome: Opt(m.desiredOutcome),
    status: m.status,
    whereFiled: Opt(m.whereFiled),
  },
  'WellbeingComplaint',
);

const n = careNoteFields;
export const CareNoteSchemas = buildRecordSchemas(
  {
    sessionDate: DateOnly,
    provider: n.provider,
    type: n.type,
    notes: n.notes,
    followUps: Opt(n.followUps),
  },
  'WellbeingCareNote',
);

export type CheckInInput = Static<typeof CheckInSchemas.input>;
export type CheckInPatch = Static<typeof CheckInSchemas.patch>;
export type ComplaintInput = Static<typeof ComplaintSchemas.input>;
export type ComplaintPatch = Static<typeof ComplaintSchemas.patch>;
export type CareNoteInput = Static<typeof CareNoteSchemas.input>;
export type CareNotePatch = Static<typeof CareNoteSchemas.patch>;

/** The schemas of any one record kind, as the shared record routes take them. */
export type RecordSchemas = typeof CheckInSchemas | typeof ComplaintSchemas | typeof CareNoteSchemas;
/** A new record of any kind, as its route validated it. */
export type RecordInput = CheckInInput | ComplaintInput | CareNoteInput;
/** A correction of a record of any kind: the version edited and any of its fields. */
export type RecordPatch = CheckInPatch | ComplaintPatch | CareNotePatch;

export const RecordListQuerySchema = Type.Object(
  {
    scope: Type.Optional(
      stringEnum(['mine', 'shared'] as const, { description: 'Your own records, or those shared with you' }),
    ),
    deleted: Type.Optional(Type.Boolean({ description: 'List your deleted records (to restore)' })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: CursorQuery,
    limit: limitQuery(25),
  },
  { additionalProperties: false },
);
export type RecordListQuery = Static<typeof RecordListQuerySchema>;

export const TrendQuerySchema = Type.Object(
  { days: Type.Optional(stringEnum(['30', '90', '365'] as const, { description: 'Days back from now' })) },
  { additionalProperties: false },
);

export const TrendSchema = Type.Object(
  {
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    points: Type.Array(
      Type.Object({
        id: Type.String(),
        occurredAt: Type.String({ format: 'date-time' }),
        mood: Score,
        anxiety: Score,
        sleepHours: Type.Optional(Type.Number()),
      }),
    ),
  },
  { $id: 'WellbeingTrend' },
);
export type Trend = Static<typeof TrendSchema>;

const PlanSection = Text(10_000);

/** The sections of a safety plan (Stanley-Brown), each free text. */
export const safetyPlanFields = {
  warningSigns: PlanSection,
  copingStrategies: PlanSection,
  peopleAndPlaces: PlanSection,
  peopleToAsk: PlanSection,
  professionals: PlanSection,
  safeEnvironment: PlanSection,
  reasonsForLiving: PlanSection,
};
export const SAFETY_PLAN_SECTIONS = Object.keys(safetyPlanFields);

export const SafetyPlanInputSchema = Type.Object(
  {
    version: Type.Optional(versionField('The version you edited (omit for your first plan); stale gets 409')),
    warningSigns: Type.Optional(PlanSection),
    copingStrategies: Type.Optional(PlanSection),
    peopleAndPlaces: Type.Optional(PlanSection),
    peopleToAsk: Type.Optional(PlanSection),
    professionals: Type.Optional(PlanSection),
    safeEnvironment: Type.Optional(PlanSection),
    reasonsForLiving: Type.Optional(PlanSection),
  },
  { additionalProperties: false },
);
export type SafetyPlanInput = Static<typeof SafetyPlanInputSchema>;

export const SafetyPlanSchema = Type.Object(
  {
    version: Type.Integer({ description: 'The plan version this content is' }),
    savedAt: Type.String({ format: 'date-time' }),
    isCurrent: Type.Boolean(),
    ...safetyPlanFields,
  },
  { $id: 'WellbeingSafetyPlan' },
);
export type SafetyPlan = Static<typeof SafetyPlanSchema>;

export const SafetyPlanVersionsSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({ version: Type.Integer(), savedAt: Type.String({ format: 'date-time' }) }),
    ),
    nextCursor: Type.Optional(Type.String()),
  },
  { $id: 'WellbeingSafetyPlanVersions' },
);
