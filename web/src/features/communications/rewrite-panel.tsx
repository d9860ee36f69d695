import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../lib/api/problem';
import { TextAreaField } from '../../lib/ui/field';
import { CopyButton } from '../../lib/ui/copy-button';
import { useRewriteDraft } from './hooks';

/**
 * Draft a reply and ask for a calm (BIFF) rewrite. The suggestion is only shown: the person edits
 * it, copies it, or keeps their own draft. Nothing is sent or saved (P-AI-2).
 */
export function RewritePanel({ workspaceId }: { workspaceId: string }) {
  const [draft, setDraft] = useState('');
  const [suggested, setSuggested] = useState('');
  const rewrite = useRewriteDraft(workspaceId);
  const isAiOff = rewrite.error instanceof ApiError && rewrite.error.code === 'ai_not_configured';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim() === '') return;
    rewrite.mutate(draft, { onSuccess: (suggestion) => setSuggested(suggestion.reply) });
  };

  return (
    <section aria-labelledby="rewrite-heading" className="card" data-testid="rewrite-panel">
      <h2 id="rewrite-heading">Draft a reply</h2>
      <p>
        Write your reply here, then ask for a calmer version: brief, informative, friendly and firm. Nothing
        is sent or saved; your draft stays as you wrote it.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField
          label="Your draft"
          value={draft}
          maxLength={5000}
          rows={6}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={rewrite.isPending || draft.trim() === ''}
        >
          {rewrite.isPending ? 'Rewriting…' : 'Rewrite calmly'}
        </button>
      </form>
      {isAiOff ? (
        <div className="notice" role="status" data-testid="ai-not-configured">
          <p className="notice-title">AI is not configured on this server</p>
          <p>
            Rewriting needs an AI provider, which this server does not have. You can still write your reply
            yourself and log every message.
          </p>
        </div>
      ) : rewrite.isError ? (
        <div className="notice notice-error" role="alert" data-testid="rewrite-error">
          <p>{describeError(rewrite.error)}</p>
        </div>
      ) : null}
      {rewrite.data !== undefined && (
        <div data-testid="rewrite-suggestion">
          <h3>Suggested reply</h3>
          <p className="hint">A suggestion only: edit it as you like, then copy it into your message.</p>
          <TextAreaField
            label="Suggested reply (editable)"
            value={suggested}
            rows={6}
            onChange={(event) => setSuggested(event.target.value)}
          />
          <CopyButton text={suggested} label="Copy the reply" />
          {rewrite.data.removed.length > 0 && (
            <>
              <h3>What was left out, and why</h3>
              <ul>
                {rewrite.data.removed.map((part, index) => (
                  <li key={index}>
                    <del>{part.text}</del> — {part.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {rewrite.data.questionsToAnswer.length > 0 && (
            <>
              <h3>Questions your reply should still answer</h3>
              <ul>
                {rewrite.data.questionsToAnswer.map((question, index) => (
                  <li key={index}>{question}</li>
                ))}
              </ul>
            </>
          )}
          <p className="hint">
            AI-assisted ({rewrite.data.promptVersion}, {rewrite.data.provider} {rewrite.data.model}).
          </p>
        </div>
      )}
    </section>
  );
}
