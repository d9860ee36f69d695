import { Type, type Static } from 'typebox';
import { stringEnum } from '../../../platform/http/schema-ref.js';
import { ChannelSchema, DirectionSchema, IMPORT_FORMATS } from '../schema.js';

/**
 * The most messages one import saves. Every message and the audit entry are written in one
 * DynamoDB transaction (at most 100 items), so an import is saved whole or not at all.
 */
export const MAX_IMPORT_MESSAGES = 90;

/** The most text one import reads: well inside the request body limit and the transaction's 4 MB. */
export const MAX_IMPORT_CHARACTERS = 200_000;

export const ImportInputSchema = Type.Object(
  {
    format: stringEnum(IMPORT_FORMATS, {
      description:
        'text: From/To/Sent/Subject blocks (OurFamilyWizard, TalkingParents, mail); csv: a header row; eml: one email saved as an .eml file (RFC 822)',
    }),
    text: Type.String({
      minLength: 1,
      maxLength: MAX_IMPORT_CHARACTERS,
      pattern: '\\S',
      description: 'The exported thread, pasted or read from the file',
      examples: [
        'Sent: 10/03/2026 at 05:30 PM\nFrom: Jordan Lee\nTo: Sam Lee\nSubject: Pickup Friday\n\nRunning late, there at 6.',
      ],
    }),
    timeZone: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'IANA time zone the export’s dates are in, when they carry no offset',
    }),
    yourName: Type.String({
      minLength: 1,
      maxLength: 120,
      pattern: '\\S',
      description: 'Your name as the export prints it: messages from it are "sent", the others "received"',
    }),
    channel: Type.Optional(ChannelSchema),
    filename: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        pattern: '\\S',
        description: 'Name of the export file, for the copy of its original bytes kept in the vault',
      }),
    ),
    importAgain: Type.Optional(
      Type.Boolean({
        description:
          'Log the thread even though the same export (same fingerprint) was imported before; without it such an import answers 409 thread_already_imported',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ImportInput = Static<typeof ImportInputSchema>;

const ImportedMessageSchema = Type.Object({
  line: Type.Integer({ description: 'Line of the export where the message starts' }),
  occurredAt: Type.String({ format: 'date-time' }),
  direction: DirectionSchema,
  counterpart: Type.String(),
  subject: Type.String(),
  content: Type.String(),
  sha256: Type.String({ description: 'Fingerprint of the message as it stands in the export' }),
});
export type ImportedMessage = Static<typeof ImportedMessageSchema>;

export const ImportPreviewSchema = Type.Object(
  {
    messages: Type.Array(ImportedMessageSchema),
    problems: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() }), {
      description: 'What stops the import; nothing is saved while there are any',
    }),
    threadSha256: Type.String({ description: 'Fingerprint of the whole export as given' }),
    alreadyImportedAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'When this same export was first imported into the workspace, if it was',
      }),
    ),
    alreadyImportedFirstMessageId: Type.Optional(
      Type.String({ description: 'The first message that earlier import logged' }),
    ),
  },
  { $id: 'ThreadImportPreview' },
);
export type ImportPreview = Static<typeof ImportPreviewSchema>;
