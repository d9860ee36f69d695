import { useId } from 'react';
import { describeError, isApiError } from '../../lib/api/problem';
import { Notice } from '../../lib/ui/status';
import { useWrittenFeedback, type WrittenFeedback } from './hooks';

const LEVEL_LABELS: Record<WrittenFeedback['criteria'][number]['level'], string> = {
  met: 'Met',
  partly: 'Partly met',
  'not-yet': 'Not yet',
};

type Props = { workspaceId: string; attemptId: string; text: string };

/**
 * "Get feedback" on a written answer: AI comments per rubric criterion and one suggestion. It is
 * feedback only (P-AI-2): nothing is ticked or rated for the person, who still scores themselves.
 * The live region announces when feedback is asked for, ready, or unavailable.
 */
export function WrittenFeedbackPanel({ workspaceId, attemptId, text }: Props) {
  const feedback = useWrittenFeedback(workspaceId, attemptId);
  const headingId = useId();
  const isEmpty = text.trim() === '';
  const isAiOff = isApiError(feedback.error, { code: 'ai_not_configured' });

  const onAsk = () => {
    if (isEmpty || feedback.isPending) return;
    feedback.mutate(text.trim());
  };

  const status = feedback.isPending
    ? 'Asking for feedback on your answer…'
    : feedback.data !== undefined
      ? 'Feedback is ready below. It does not score your answer: tick the points yourself.'
      : isAiOff
        ? 'Feedback is unavailable on this server. Score your answer yourself against the points below.'
        : '';

  return (
    <div className="practice-ai-feedback" data-testid="practice-ai-feedback">
      <button
        type="button"
        className="button"
        onClick={onAsk}
        aria-disabled={isEmpty || feedback.isPending}
        data-testid="practice-get-feedback"
      >
        {feedback.isPending ? 'Asking…' : 'Get feedback'}
      </button>
      <p className="hint">
        {isEmpty
          ? 'Write your answer first; then you can ask for feedback.'
          : 'Sends only the exercise, its points and your answer to an AI provider. Nothing is saved.'}
      </p>
      <p role="status" aria-live="polite" className="hint" data-testid="practice-feedback-status">
        {status}
      </p>
      {isAiOff ? (
        <Notice title="Feedback is unavailable" testId="ai-not-configured">
          <p>
            AI feedback needs an AI provider, which this server does not have. Everything else works: score
            your answer against the points below and rate how it went.
          </p>
        </Notice>
      ) : feedback.isError ? (
        <Notice tone="error" role="alert" testId="practice-feedback-error">
          <p>{describeError(feedback.error)}</p>
        </Notice>
      ) : null}
      {feedback.data !== undefined && (
        <section aria-labelledby={headingId} data-testid="practice-feedback-criteria">
          <h3 id={headingId}>Feedback on your answer</h3>
          <ul className="practice-explanations">
            {feedback.data.criteria.map((criterion) => (
              <li key={criterion.criterionId} data-testid={`practice-feedback-${criterion.criterionId}`}>
                <strong>
                  {LEVEL_LABELS[criterion.level]}: {criterion.criterion}
                </strong>
                <br />
                {criterion.comment}
              </li>
            ))}
          </ul>
          <p>
            <strong>Suggestion:</strong> {feedback.data.suggestion}
          </p>
          <p className="hint">Written by AI ({feedback.data.promptVersion}); your own scoring decides.</p>
        </section>
      )}
    </div>
  );
}
