import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../lib/api/problem';
import { TextAreaField } from '../../lib/ui/field';
import { CopyButton } from '../../lib/ui/copy-button';
import type { DraftTemplate } from './draft-template';
import { RewriteDiff } from './rewrite-diff';
import type { RewriteSuggestion } from './rewrite-stream';
import { TemplatePicker } from './template-picker';
import { useRewriteStream, type RewriteStreamState } from './use-rewrite-stream';

/** What the live region says, so a screen reader hears the rewrite start, finish or stop. */
function statusText(state: RewriteStreamState): string {
  if (state.phase === 'streaming')
    return state.reply === ''
      ? 'Writing a calmer version…'
      : 'Writing a calmer version… (shown below as it arrives)';
  if (state.phase === 'done') return 'The suggestion is ready below. Nothing has been sent.';
  if (state.phase === 'cancelled') return 'Cancelled. Your draft is unchanged.';
  return '';
}

type RewritePanelProps = {
  workspaceId: string;
  /** A library template the page was opened with: the draft starts with its text. */
  initialTemplate?: DraftTemplate | undefined;
};

/**
 * Draft a reply and ask for a calm (BIFF) rewrite, streamed as it is written with a Cancel
 * button. The suggestion is shown against the draft; the person may use it (the original stays
 * one click away), edit it, copy it, or keep their own draft. Nothing is sent or saved (P-AI-2).
 * The draft may start from a library template, passed in or chosen here.
 */
export function RewritePanel({ workspaceId, initialTemplate }: RewritePanelProps) {
  const [draft, setDraft] = useState(initialTemplate?.text ?? '');
  const [original, setOriginal] = useState<string | null>(null);
  const [templateTitle, setTemplateTitle] = useState(initialTemplate?.title);
  const rewrite = useRewriteStream(workspaceId);
  const { state } = rewrite;
  const isStreaming = state.phase === 'streaming';
  const error = state.phase === 'failed' ? state.error : undefined;
  const isAiOff = error instanceof ApiError && error.code === 'ai_not_configured';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim() === '' || isStreaming) return;
    rewrite.start(draft);
  };
  const onStartFrom = (template: DraftTemplate) => {
    // What the person had written stays one click away, as their original does beside a rewrite.
    if (draft.trim() !== '' && draft !== template.text) setOriginal(draft);
    setDraft(template.text);
    setTemplateTitle(template.title);
    // A suggestion for the words just replaced no longer applies.
    rewrite.dismiss();
  };
  const onAccept = (suggestion: RewriteSuggestion, reply: string) => {
    setOriginal(suggestion.original);
    setDraft(reply);
    rewrite.dismiss();
  };

  return (
    <section aria-labelledby="rewrite-heading" className="card" data-testid="rewrite-panel">
      <h2 id="rewrite-heading">Draft a reply</h2>
      <p>
        Write your reply here, then ask for a calmer version: brief, informative, friendly and firm. Nothing
        is sent or saved; your draft stays as you wrote it until you choose to use the suggestion.
      </p>
      <TemplatePicker workspaceId={workspaceId} isDisabled={isStreaming} onChoose={onStartFrom} />
      {templateTitle !== undefined && (
        <p className="hint" role="status" data-testid="draft-template-note">
          {templateTitle === ''
            ? 'Started from a library template.'
            : `Started from the template “${templateTitle}”.`}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField
          label="Your draft"
          value={draft}
          maxLength={5000}
          rows={6}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={isStreaming || draft.trim() === ''}>
          {isStreaming ? 'Rewriting…' : 'Rewrite calmly'}
        </button>{' '}
        {isStreaming && (
          <button type="button" className="button" onClick={rewrite.cancel}>
            Cancel
          </button>
        )}
      </form>
      {original !== null && original !== draft && (
        <details data-testid="rewrite-original">
          <summary>Your original draft (kept)</summary>
          <p className="preserve-lines">{original}</p>
          <button type="button" className="button" onClick={() => setDraft(original)}>
            Put my original back
          </button>
        </details>
      )}
      <p role="status" aria-live="polite" className="hint" data-testid="rewrite-status">
        {statusText(state)}
      </p>
      {isStreaming && state.reply !== '' && (
        <div aria-busy="true" data-testid="rewrite-progress">
          <h3>Suggestion so far</h3>
          <p className="preserve-lines">{state.reply}</p>
        </div>
      )}
      {isAiOff ? (
        <div className="notice" role="status" data-testid="ai-not-configured">
          <p className="notice-title">AI is not configured on this server</p>
          <p>
            Rewriting needs an AI provider, which this server does not have. You can still write your reply
            yourself and log every message.
          </p>
        </div>
      ) : error !== undefined ? (
        <div className="notice notice-error" role="alert" data-testid="rewrite-error">
          <p>{describeError(error)}</p>
        </div>
      ) : null}
      {state.phase === 'done' && (
        <SuggestionView
          key={state.suggestion.reply}
          suggestion={state.suggestion}
          onAccept={onAccept}
          onKeepMine={rewrite.dismiss}
        />
      )}
    </section>
  );
}

function SuggestionView({
  suggestion,
  onAccept,
  onKeepMine,
}: {
  suggestion: RewriteSuggestion;
  onAccept: (suggestion: RewriteSuggestion, reply: string) => void;
  onKeepMine: () => void;
}) {
  const [suggested, setSuggested] = useState(suggestion.reply);
  return (
    <div data-testid="rewrite-suggestion">
      <h3>Suggested reply</h3>
      <p className="hint">A suggestion only: edit it as you like, use it as your draft, or keep your own.</p>
      <h4>What changed</h4>
      <RewriteDiff original={suggestion.original} suggested={suggested} />
      <TextAreaField
        label="Suggested reply (editable)"
        value={suggested}
        rows={6}
        onChange={(event) => setSuggested(event.target.value)}
      />
      <p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => onAccept(suggestion, suggested)}
        >
          Use this as my draft
        </button>{' '}
        <button type="button" className="button" onClick={onKeepMine}>
          Keep my draft
        </button>{' '}
        <CopyButton text={suggested} label="Copy the reply" />
      </p>
      {suggestion.removed.length > 0 && (
        <>
          <h4>What was left out, and why</h4>
          <ul data-testid="rewrite-removed">
            {suggestion.removed.map((part, index) => (
              <li key={index}>
                <del>
                  <span className="visually-hidden">[removed: </span>
                  {part.text}
                  <span className="visually-hidden">] </span>
                </del>{' '}
                — {part.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {suggestion.questionsToAnswer.length > 0 && (
        <>
          <h4>Questions your reply should still answer</h4>
          <ul>
            {suggestion.questionsToAnswer.map((question, index) => (
              <li key={index}>{question}</li>
            ))}
          </ul>
        </>
      )}
      <p className="hint">
        AI-assisted ({suggestion.promptVersion}, {suggestion.provider} {suggestion.model}).
      </p>
    </div>
  );
}
