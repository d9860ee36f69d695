import type { TSchema } from 'typebox';
import type { AppDeps } from '../../platform/deps.js';

/**
 * A logged message as the timeline and the court report show it beside incidents. Messages belong
 * to the communications module, which reads incidents for its summaries; so the journal states the
 * shape it shows and `app.ts` hands it the communications module's reader and schema, keeping the
 * dependency one way (communications → journal).
 */
export type JournalMessage = {
  id: string;
  version: number;
  occurredAt: string;
  timeZone: string;
  channel: 'app-message' | 'text' | 'email' | 'call' | 'in-person' | 'other';
  direction: 'sent' | 'received';
  counterpart: string;
  subject: string;
  content: string;
  notes: { at: string; by: string; text: string }[];
  createdAt: string;
  updatedAt: string;
};

/** The shared schema of a message (registered at the app's root by the communications module). */
export const MESSAGE_SCHEMA_ID = 'Communication';

/** Where the journal reads messages from. */
export type MessageSources = {
  /** The messages of a range, newest first, at most `max` (the communications module's read). */
  listMessages: (
    deps: AppDeps,
    tenantId: string,
    range: { from?: string; to?: string },
    max: number,
  ) => Promise<{ items: JournalMessage[]; isTruncated: boolean }>;
  /** The messages' schema: safety mode withholds whatever it marks as a location. */
  messageSchema: TSchema;
};
