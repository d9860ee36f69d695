import { asLocation } from '../../platform/safety/safety-mode.js';
import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { CursorQuery, limitQuery, versionField } from '../../platform/http/params.js';
// Type only: the timeline answers messages as the communications module presents them.
import { MESSAGE_SCHEMA_ID, type JournalMessage } from './messages.js';

export const INCIDENT_CATEGORIES = [
  'missed-exchange',
  'late-pickup',
  'communication',
  'safety-concern',
  'medical',
  'school',
  'schedule-change',
  'financial',
  'other',
] as const;

export const CategorySchema = stringEnum(INCIDENT_CATEGORIES);

const Name = Type.String({ minLength: 1, maxLength: 120 });
const Names = Type.Array(Name, { maxItems: 50 });

/** The fields a person writes; every one of them can be corrected later (P-RIGHT-2). */
const incidentFields = {
  occurredAt: Type.String({ format: 'date-time', description: 'When it happened, ISO 8601 with offset' }),
  timeZone: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'IANA time zone where it happened, e.g. America/Chicago',
  }),
  category: CategorySchema,
  // An address or place: withheld outside the owner's own view in safety mode.
  location: asLocation(Type.String({ maxLength: 300 })),
  peopleInvolved: Names,
  childrenPresent: Names,
  narrative: Type.String({ minLength: 1, maxLength: 20_000 }),
  witnesses: Names,
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 40, pattern: '^[^,]+$' }), { maxItems: 30 }),
  followUpNeeded: Type.Boolean(),
};

export const IncidentInputSchema = Type.Object(
  {
    ...incidentFields,
    location: Type.Optional(incidentFields.location),
    peopleInvolved: Type.Optional(Names),
    childrenPresent: Type.Optional(Names),
    witnesses: Type.Optional(Names),
    tags: Type.Optional(incidentFields.tags),
    followUpNeeded: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type IncidentInput = Static<typeof IncidentInputSchema>;

/**
 * The names of the fields a person writes, in the schema's order: the one list the journal, its
 * export and the privacy inventory take them from. The filter types the keys without a cast.
 */
export type IncidentField = keyof IncidentInput;
export const INCIDENT_FIELDS: readonly IncidentField[] = Object.keys(IncidentInputSchema.properties).filter(
  (field): field is IncidentField => field in incidentFields,
);

export const IncidentPatchSchema = Type.Object(
  {
    version: versionField(),
    occurredAt: Type.Optional(incidentFields.occurredAt),
    timeZone: Type.Optional(incidentFields.timeZone),
    category: Type.Optional(CategorySchema),
    location: Type.Optional(incidentFields.location),
    peopleInvolved: Type.Optional(Names),
    childrenPresent: Type.Optional(Names),
    narrative: Type.Optional(incidentFields.narrative),
    witnesses: Type.Optional(Names),
    tags: Type.Optional(incidentFields.tags),
    followUpNeeded: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type IncidentPatch = Static<typeof IncidentPatchSchema>;

export const IncidentSchema = Type.Object(
  {
    id: Type.String(),
    ...incidentFields,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    deletedAt: Type.Optional(Type.String({ format: 'date-time' })),
    version: Type.Integer(),
  },
  { $id: 'Incident' },
);
export type Incident = Static<typeof IncidentSchema>;

/** Every attribute of an incident as stored and answered (its fields and their bookkeeping), in order. */
export const INCIDENT_STORED_FIELDS: readonly (keyof Incident)[] = Object.keys(
  IncidentSchema.properties,
).filter((field): field is keyof Incident => field in IncidentSchema.properties);

export const IncidentListQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    category: Type.Optional(CategorySchema),
    child: Type.Optional(Type.String({ maxLength: 120 })),
    tag: Type.Optional(Type.String({ maxLength: 40 })),
    deleted: Type.Optional(
      Type.Boolean({ description: 'List deleted incidents (to restore) instead of live ones' }),
    ),
    cursor: CursorQuery,
    limit: limitQuery(25),
  },
  { additionalProperties: false },
);
export type IncidentListQuery = Static<typeof IncidentListQuerySchema>;

/** What a timeline can show: incidents, messages, or both when `kind` is left out. */
export const TIMELINE_KINDS = ['incidents', 'communications'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    kind: Type.Optional(
      stringEnum(TIMELINE_KINDS, {
        description: 'Show only incidents or only messages (both when left out)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuerySchema>;

export const TimelineSchema = Type.Object(
  {
    days: Type.Array(
      Type.Object({
        date: Type.String({ description: 'YYYY-MM-DD in the record’s own time zone' }),
        incidents: Type.Array(Type.Unsafe<Incident>({ $ref: 'Incident#' })),
        communications: Type.Array(Type.Unsafe<JournalMessage>({ $ref: `${MESSAGE_SCHEMA_ID}#` }), {
          description: 'Messages of the day, oldest first; only for callers who may read messages',
        }),
      }),
    ),
    isTruncated: Type.Boolean({
      description: 'True when the range held more incidents or messages than one timeline shows',
    }),
  },
  { $id: 'Timeline' },
);
