import { useCallback, useEffect, useRef, useState } from 'react';
import { streamRewrite, type RewriteSuggestion } from './rewrite-stream';

export type RewriteStreamState =
  | { phase: 'idle' }
  | { phase: 'streaming'; reply: string; receivedChars: number }
  | { phase: 'cancelled' }
  | { phase: 'failed'; error: unknown }
  | { phase: 'done'; suggestion: RewriteSuggestion };

/**
 * One streamed rewrite at a time: `start` asks for one (cancelling any still running), `cancel`
 * stops it, and leaving the page cancels too, so no provider work runs for nobody.
 */
export function useRewriteStream(workspaceId: string) {
  const [state, setState] = useState<RewriteStreamState>({ phase: 'idle' });
  const running = useRef<AbortController | null>(null);

  useEffect(() => () => running.current?.abort(), []);

  const start = useCallback(
    (draft: string) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      setState({ phase: 'streaming', reply: '', receivedChars: 0 });
      streamRewrite(workspaceId, draft, controller.signal, (progress) => {
        if (!controller.signal.aborted) setState({ phase: 'streaming', ...progress });
      }).then(
        (suggestion) => {
          if (!controller.signal.aborted) setState({ phase: 'done', suggestion });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ phase: 'failed', error });
        },
      );
    },
    [workspaceId],
  );

  const cancel = useCallback(() => {
    running.current?.abort();
    running.current = null;
    setState({ phase: 'cancelled' });
  }, []);

  const dismiss = useCallback(() => setState({ phase: 'idle' }), []);

  return { state, start, cancel, dismiss };
}
