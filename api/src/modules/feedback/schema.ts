import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { CursorQuery, limitQuery } from '../../platform/http/params.js';

const SCREENSHOT_MAX_CHARS = 400_000;

export const FeedbackInputSchema = Type.Object(
  {
    message: Type.String({ minLength: 1, maxLength: 5000 }),
    pageUrl: Type.String({ maxLength: 2000 }),
    userAgent: Type.String({ maxLength: 500 }),
    /** A PNG or JPEG the user saw and chose to send, as a data URL (at most about 300 KB). */
    screenshot: Type.Optional(
      Type.String({
        maxLength: SCREENSHOT_MAX_CHARS,
        pattern: '^data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+$',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FeedbackInput = Static<typeof FeedbackInputSchema>;

export const FeedbackSchema = Type.Object(
  {
    id: Type.String(),
    message: Type.String(),
    pageUrl: Type.String(),
    userAgent: Type.String(),
    hasScreenshot: Type.Boolean(),
    submittedBy: Type.Object({ id: Type.String(), label: Type.String() }),
    createdAt: Type.String({ format: 'date-time' }),
    handledAt: Type.Optional(Type.String({ format: 'date-time' })),
    handledBy: Type.Optional(Type.String()),
    /** When the author last corrected the message. */
    editedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'Feedback' },
);
export type Feedback = Static<typeof FeedbackSchema>;

/** A change to a piece of feedback: its author corrects the message; admins mark it handled. */
export const FeedbackPatchSchema = Type.Object(
  {
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' })),
    handled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type FeedbackPatch = Static<typeof FeedbackPatchSchema>;

export const FeedbackListQuerySchema = Type.Object({
  status: Type.Optional(stringEnum(['open', 'handled', 'all'] as const)),
  limit: limitQuery(25),
  cursor: CursorQuery,
});
export type FeedbackListQuery = Static<typeof FeedbackListQuerySchema>;
