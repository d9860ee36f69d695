import { Type } from 'typebox';
import { ERROR_CODES } from '../../platform/errors.js';
import { stringEnum } from '../../platform/http/schema-ref.js';

/**
 * The events of a streamed rewrite, in order: one `start`, any number of `progress`, then exactly
 * one `result` or one `error`. Each is published as a component so the SPA reads them typed.
 */
export const REWRITE_STREAM_EVENTS = ['start', 'progress', 'result', 'error'] as const;

export const RewriteStreamStartSchema = Type.Object(
  { promptVersion: Type.String({ description: 'The prompt making this suggestion' }) },
  { $id: 'RewriteStreamStart' },
);

export const RewriteProgressSchema = Type.Object(
  {
    reply: Type.String({ description: 'The suggested reply as written so far (not yet checked)' }),
    receivedChars: Type.Integer({ minimum: 0, description: 'Characters of output received so far' }),
  },
  { $id: 'RewriteProgress' },
);

export const RewriteStreamErrorSchema = Type.Object(
  {
    status: Type.Integer({
      description: 'The HTTP status the same failure answers on the non-streaming route',
    }),
    code: stringEnum(Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[], {
      description: 'ai_unavailable (try again later), ai_bad_output (no usable suggestion), internal',
    }),
    detail: Type.String({ description: 'What happened, for the person; never quotes the draft' }),
  },
  { $id: 'RewriteStreamError' },
);

export const REWRITE_STREAM_DESCRIPTION = [
  'The same suggestion as `POST .../drafts/rewrite`, streamed as server-sent events',
  '(`text/event-stream`) while the model writes it. Events, in order: `start`',
  '(RewriteStreamStart), `progress` (RewriteProgress: the reply so far, for display only), then',
  'exactly one `result` (RewriteSuggestion, checked against the answer schema first) or `error`',
  '(RewriteStreamError: a code, never a 500 once the stream started). Closing the connection',
  'cancels the provider call. Refusals that need no provider call (not configured, no quota, bad',
  'input) answer problem+json before any event, as on the non-streaming route. One AI action is',
  'counted per request, and given back when no result is sent. Nothing is saved or sent (P-AI-2).',
].join(' ');
