import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import type { Feedback, FeedbackStatus } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, LoadMore, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { EditedMark, ScreenshotToggle } from './feedback-parts';
import { useFeedbackList, useMarkFeedback } from './hooks';

const STATUS_LABELS: Record<FeedbackStatus, string> = { open: 'Open', handled: 'Handled', all: 'All' };

/** Feedback members sent from this workspace, for admins to read and mark handled. */
export function FeedbackPage() {
  const { workspaceId } = useCurrentWorkspace();
  const [status, setStatus] = useState<FeedbackStatus>('open');
  const list = useFeedbackList(workspaceId, status);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Feedback"
        description="What members sent with the Feedback button, newest first."
        actions={
          <Link to="mine" className="button" data-testid="feedback-page-mine">
            Your feedback
          </Link>
        }
      />
      <fieldset className="segmented" aria-label="Show">
        {(Object.keys(STATUS_LABELS) as FeedbackStatus[]).map((value) => (
          <label key={value} className="segmented-option">
            <input
              type="radio"
              name="feedback-status"
              value={value}
              checked={status === value}
              onChange={() => setStatus(value)}
            />
            {STATUS_LABELS[value]}
          </label>
        ))}
      </fieldset>
      {list.isPending ? (
        <Loading label="Loading feedback…" />
      ) : list.isError && !list.isFetchNextPageError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 && !list.hasNextPage ? (
        // A page may come back empty with more to read: a filter reads a bounded amount per
        // request, so "nothing matches" is said only once the whole list was read.
        <EmptyState
          title={status === 'open' ? 'No open feedback' : 'No feedback here'}
          testId="feedback-empty"
        />
      ) : (
        <>
          <ul className="card-list" data-testid="feedback-list">
            {items.map((feedback) => (
              <FeedbackItem key={feedback.id} feedback={feedback} workspaceId={workspaceId} />
            ))}
          </ul>
          <LoadMore query={list} label="Load older feedback" testId="feedback-load-more" />
          {list.isFetchNextPageError && <FormAlert message={describeError(list.error)} />}
        </>
      )}
    </>
  );
}

function FeedbackItem({ feedback, workspaceId }: { feedback: Feedback; workspaceId: string }) {
  const mark = useMarkFeedback(workspaceId);
  const isHandled = feedback.handledAt !== undefined;

  return (
    <li className="card feedback-item" data-testid="feedback-item">
      <p className="feedback-message">
        {feedback.message} <EditedMark feedback={feedback} />
      </p>
      <dl className="meta-list small">
        <dt>From</dt>
        <dd>{feedback.submittedBy.label}</dd>
        <dt>When</dt>
        <dd>
          <time dateTime={feedback.createdAt}>{formatDateTime(feedback.createdAt)}</time>
        </dd>
        <dt>Page</dt>
        <dd>
          <code>{feedback.pageUrl}</code>
        </dd>
        <dt>Browser</dt>
        <dd>
          <code>{feedback.userAgent}</code>
        </dd>
        {isHandled && (
          <>
            <dt>Handled</dt>
            <dd>
              by {feedback.handledBy} on{' '}
              <time dateTime={feedback.handledAt}>{formatDateTime(feedback.handledAt ?? '')}</time>
            </dd>
          </>
        )}
      </dl>
      {feedback.hasScreenshot && (
        <ScreenshotToggle
          workspaceId={workspaceId}
          feedbackId={feedback.id}
          alt={`Screenshot sent by ${feedback.submittedBy.label}`}
        />
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={mark.isPending}
          onClick={() => mark.mutate({ feedbackId: feedback.id, handled: !isHandled })}
          data-testid="feedback-mark"
        >
          {isHandled ? 'Open again' : 'Mark handled'}
        </button>
      </div>
      {mark.isError && <FormAlert message={describeError(mark.error)} />}
    </li>
  );
}
