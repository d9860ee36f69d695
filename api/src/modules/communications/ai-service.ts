import type { AppDeps } from '../../platform/deps.js';
import { RewriteAnswerSchema, type RewriteSuggestion } from './ai-schema.js';
import { REWRITE_PROMPT } from './prompts/rewrite-biff-v1.js';

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
  const result = await deps.ai.generate({
    task: 'rewrite',
    instructions: REWRITE_PROMPT.instructions,
    input: draft,
    formatName: 'biff_rewrite',
    schema: RewriteAnswerSchema,
    maxOutputTokens: 4000,
    ...(signal === undefined ? {} : { signal }),
  });
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
