import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { CursorQuery, IdParam, limitQuery, versionField } from '../../platform/http/params.js';

export const CHANNELS = ['app-message', 'text', 'email', 'call', 'in-person', 'other'] as const;
export const DIRECTIONS = ['sent', 'received'] as const;

export const ChannelSchema = stringEnum(CHANNELS);
export const DirectionSchema = stringEnum(DIRECTIONS);

/** Text a person writes: never empty or only whitespace. */
const text = (maxLength: number, description?: string) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '\\S',
    ...(description === undefined ? {} : { description }),
  });

/** The fields a person writes about a message between co-parents. */
const communicationFields = {
  occurredAt: Type.String({
    format: 'date-time',
    description: 'When it was sent or received, ISO 8601 with offset',
  }),
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. America/Chicago' }),
  channel: ChannelSchema,
  direction: DirectionSchema,
  counterpart: text(120, 'Who it was with, as a label (e.g. "Other parent")'),
  subject: Type.String({ maxLength: 300 }),
  content: text(50_000, 'The message, verbatim when received'),
  linkedIncidentIds: Type.Array(IdParam, { maxItems: 20, description: 'Incidents this message relates to' }),
};

/** Fields a received message keeps verbatim: a correction is a note beside it instead. */
export const VERBATIM_FIELDS = ['subject', 'content'] as const;

export const CommunicationInputSchema = Type.Object(
  {
    ...communicationFields,
    subject: Type.Optional(communicationFields.subject),
    linkedIncidentIds: Type.Optional(communicationFields.linkedIncidentIds),
  },
  { additionalProperties: false },
);
export type CommunicationInput = Static<typeof CommunicationInputSchema>;

export type CommunicationField = keyof CommunicationInput;
export const COMMUNICATION_FIELDS: readonly CommunicationField[] = Object.keys(
  CommunicationInputSchema.properties,
).filter((field): field is CommunicationField => field in communicationFields);

export const CommunicationPatchSchema = Type.Object(
  {
    version: versionField(),
    occurredAt: Type.Optional(communicationFields.occurredAt),
    timeZone: Type.Optional(communicationFields.timeZone),
    channel: Type.Optional(ChannelSchema),
    counterpart: Type.Optional(communicationFields.counterpart),
    subject: Type.Optional(communicationFields.subject),
    content: Type.Optional(communicationFields.content),
    linkedIncidentIds: Type.Optional(communicationFields.linkedIncidentIds),
  },
  { additionalProperties: false },
);
export type CommunicationPatch = Static<typeof CommunicationPatchSchema>;

// No version: a note is appended beside the message and changes none of its fields, so two
// people adding notes at once both keep theirs.
export const NoteInputSchema = Type.Object(
  { text: text(5000, 'The correction or remark, kept beside the message') },
  { additionalProperties: false },
);
export type NoteInput = Static<typeof NoteInputSchema>;

const NoteSchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  by: Type.String(),
  text: Type.String(),
});

/** Formats of an exported message thread the log can import. */
export const IMPORT_FORMATS = ['text', 'csv', 'eml'] as const;

/** Where an imported message came from: fingerprints a reader can check against the export file. */
const ImportedFromSchema = Type.Object({
  format: stringEnum(IMPORT_FORMATS),
  threadSha256: Type.String({ description: 'SHA-256 of the whole export as imported' }),
  sha256: Type.String({ description: 'SHA-256 of this message’s own text in the export' }),
});

export const CommunicationSchema = Type.Object(
  {
    id: Type.String(),
    ...communicationFields,
    notes: Type.Array(NoteSchema),
    importedFrom: Type.Optional(ImportedFromSchema),
    originalDocumentId: Type.Optional(
      Type.String({
        description:
          'For an imported message: the vault document holding the export’s original bytes (its SHA-256 is importedFrom.threadSha256)',
      }),
    ),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'Communication' },
);
export type Communication = Static<typeof CommunicationSchema>;

/** Every attribute of a communication as stored and answered, in order. */
export const COMMUNICATION_STORED_FIELDS: readonly (keyof Communication)[] = Object.keys(
  CommunicationSchema.properties,
).filter((field): field is keyof Communication => field in CommunicationSchema.properties);

/** At most this many notes beside one message. */
export const MAX_NOTES = 50;

export const CommunicationListQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    channel: Type.Optional(ChannelSchema),
    direction: Type.Optional(DirectionSchema),
    cursor: CursorQuery,
    limit: limitQuery(25),
  },
  { additionalProperties: false },
);
export type CommunicationListQuery = Static<typeof CommunicationListQuerySchema>;
