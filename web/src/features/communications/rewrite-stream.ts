import { api } from '../../lib/api/client';
import { ApiError, networkError, toProblem } from '../../lib/api/problem';
import type { components } from '../../lib/api/schema';
import { readServerSentEvents } from './event-stream-reader';

export type RewriteSuggestion = components['schemas']['RewriteSuggestion'];
export type RewriteProgress = components['schemas']['RewriteProgress'];
type RewriteStreamError = components['schemas']['RewriteStreamError'];

/**
 * Asks for a calm rewrite over the streaming route: `onProgress` gets the reply as it is written,
 * the promise the checked suggestion. Aborting `signal` (Cancel, leaving the page) closes the
 * connection, which cancels the provider call on the server. Refusals (AI off, quota, bad draft)
 * and error events throw an ApiError like any other call.
 */
export async function streamRewrite(
  workspaceId: string,
  draft: string,
  signal: AbortSignal,
  onProgress: (progress: RewriteProgress) => void,
): Promise<RewriteSuggestion> {
  const result = await api.POST('/v1/workspaces/{workspaceId}/drafts/rewrite/stream', {
    params: { path: { workspaceId } },
    body: { draft },
    parseAs: 'stream',
    signal,
  });
  if (!result.response.ok)
    throw new ApiError(toProblem(result.error, result.response.status, result.response.statusText));
  if (!result.data) throw networkError();
  for await (const { event, data } of readServerSentEvents(result.data)) {
    if (event === 'progress') onProgress(JSON.parse(data) as RewriteProgress);
    else if (event === 'result') return JSON.parse(data) as RewriteSuggestion;
    else if (event === 'error') {
      const failure = JSON.parse(data) as RewriteStreamError;
      throw new ApiError(toProblem({ ...failure, title: failure.detail }, failure.status));
    }
  }
  // The connection ended without a result: the same as not reaching the API.
  throw networkError();
}
