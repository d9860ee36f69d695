import type { AiResult } from '../../platform/ai/ai-client.js';
import type { StructuredRequest } from '../../platform/ai/types.js';
import type { AppDeps } from '../../platform/deps.js';
import { RewriteAnswerSchema, type RewriteAnswer, type RewriteSuggestion } from './ai-schema.js';
import { readPartialReply } from './partial-reply.js';
import { REWRITE_PROMPT } from './prompts/rewrite-biff-v1.js';

/** The rewrite request: the versioned prompt and the draft's text, nothing else (P-AI-1). */
function rewriteRequest(draft: string, signal?: AbortSignal): StructuredRequest<typeof RewriteAnswerSchema> {
  return {
    task: 'rewrite',
    instructions: REWRITE_PROMPT.instructions,
    input: draft,
    formatName: 'biff_rewrite',
    schema: RewriteAnswerSchema,
    maxOutputTokens: 4000,
    ...(signal === undefined ? {} : { signal }),
  };
}

function toSuggestion(draft: string, result: AiResult<RewriteAnswer>): RewriteSuggestion {
  return {
    original: draft,
    reply: result.value.reply,
    removed: result.value.removed,
    questionsToAnswer: result.value.questionsToAnswer,
    promptVersion: REWRITE_PROMPT.version,
    provider: result.provider,
    model: result.model,
  };
}

/**
 * Suggests a calmer (BIFF) version of a draft reply. Only the draft's text is sent — no names,
 * ids, emails or workspace (P-AI-1) — and nothing is stored or changed: the suggestion goes back
 * to the person, who keeps their original and decides what to use (P-AI-2).
 */
export async function suggestRewrite(
  deps: AppDeps,
  draft: string,
  signal?: AbortSignal,
): Promise<RewriteSuggestion> {
  return toSuggestion(draft, await deps.ai.generate(rewriteRequest(draft, signal)));
}

/** How far a streamed rewrite has come: the reply written so far and the output received. */
export type RewriteProgress = { reply: string; receivedChars: number };

/**
 * The same suggestion through the provider's streaming API. `onProgress` gets the reply as the
 * model writes it (unchecked: shown as progress only); the returned suggestion is checked
 * against the answer's schema like suggestRewrite's.
 */
export async function streamRewrite(
  deps: AppDeps,
  draft: string,
  signal: AbortSignal,
  onProgress: (progress: RewriteProgress) => void,
): Promise<RewriteSuggestion> {
  let received = '';
  let shown = '';
  const result = await deps.ai.stream(rewriteRequest(draft, signal), (delta) => {
    received += delta;
    const reply = readPartialReply(received);
    if (reply === shown) return;
    shown = reply;
    onProgress({ reply, receivedChars: received.length });
  });
  return toSuggestion(draft, result);
}
