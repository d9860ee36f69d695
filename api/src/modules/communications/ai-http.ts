import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';

const problem = (description: string) => Type.Unsafe<unknown>({ $ref: 'Problem#', description });

/** The answers an AI route gives besides its own, as problem+json with a stable code. */
export const AI_PROBLEMS = {
  402: problem('The workspace’s plan includes no AI actions (payment_required)'),
  429: problem(
    'The workspace used its AI actions for this month (ai_quota_exceeded); Retry-After says when the count restarts',
  ),
  502: problem('The AI provider gave no usable answer (ai_bad_output)'),
  503: problem('AI is not configured (ai_not_configured) or the provider is unavailable (ai_unavailable)'),
};

/**
 * Runs a provider call that is abandoned when the person goes away (the connection closing before
 * the answer is written), so no provider work is paid for an answer nobody reads.
 */
export async function withAbortOnClose<T>(
  reply: FastifyReply,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) controller.abort();
  };
  reply.raw.once('close', onClose);
  try {
    return await run(controller.signal);
  } finally {
    reply.raw.off('close', onClose);
  }
}
