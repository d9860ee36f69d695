import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { describeError, toFormErrors } from '../../lib/api/problem';
import type { Feedback } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { CorrectionActions, useCorrectionForm } from '../../lib/ui/correction-form';
import { TextAreaField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, LoadMore, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { EditedMark, FEEDBACK_MESSAGE_MAX_LENGTH, ScreenshotToggle } from './feedback-parts';
import { useEditFeedbackMessage, useMyFeedback, useRemoveFeedbackScreenshot } from './hooks';

/**
 * The feedback the signed-in person sent in this workspace (any role): they correct its message
 * and look at or remove its screenshot (P-RIGHT-2). Admins read everyone's on the Feedback page.
 */
export function MyFeedbackPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const list = useMyFeedback(workspaceId);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const [status, setStatus] = useState('');

  return (
    <>
      <PageHeader
        title="Your feedback"
        description="What you sent with the Feedback button in this workspace, newest first. Correct a message or remove a screenshot at any time."
        actions={
          can('feedback:manage') ? (
            <Link to=".." relative="path" className="button">
              Everyone’s feedback
            </Link>
          ) : undefined
        }
      />
      <p className="status-line" role="status" data-testid="my-feedback-status">
        {status}
      </p>
      {list.isPending ? (
        <Loading label="Loading your feedback…" />
      ) : list.isError && !list.isFetchNextPageError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 && !list.hasNextPage ? (
        // A page may come back empty with more to read: a filter reads a bounded amount per
        // request, so "nothing matches" is said only once the whole list was read.
        <EmptyState title="You have not sent feedback in this workspace" testId="my-feedback-empty">
          <p>Use the Feedback button at the top of any page of this workspace.</p>
        </EmptyState>
      ) : (
        <>
          <ul className="card-list" data-testid="my-feedback-list">
            {items.map((feedback) => (
              <MyFeedbackItem
                key={feedback.id}
                feedback={feedback}
                workspaceId={workspaceId}
                onDone={setStatus}
              />
            ))}
          </ul>
          <LoadMore query={list} label="Load older feedback" testId="my-feedback-load-more" />
          {list.isFetchNextPageError && <FormAlert message={describeError(list.error)} />}
        </>
      )}
    </>
  );
}

function MyFeedbackItem({
  feedback,
  workspaceId,
  onDone,
}: {
  feedback: Feedback;
  workspaceId: string;
  onDone: (status: string) => void;
}) {
  const [isEditing, setIsEditing] = useState(false);
  const removeScreenshot = useRemoveFeedbackScreenshot(workspaceId);
  const editRef = useRef<HTMLButtonElement>(null);
  const isHandled = feedback.handledAt !== undefined;
  const sentAt = formatDateTime(feedback.createdAt);

  const onEditClosed = (status?: string) => {
    setIsEditing(false);
    if (status !== undefined) onDone(status);
    // Back to the button that opened the form, so keyboard users keep their place.
    window.setTimeout(() => editRef.current?.focus(), 0);
  };

  return (
    <li className="card feedback-item" data-testid="my-feedback-item">
      {isEditing ? (
        <EditMessageForm feedback={feedback} workspaceId={workspaceId} onClose={onEditClosed} />
      ) : (
        <p className="feedback-message" data-testid="my-feedback-message">
          {feedback.message} <EditedMark feedback={feedback} />
        </p>
      )}
      <dl className="meta-list small">
        <dt>Sent</dt>
        <dd>
          <time dateTime={feedback.createdAt}>{sentAt}</time>
        </dd>
        <dt>Page</dt>
        <dd>
          <code>{feedback.pageUrl}</code>
        </dd>
        <dt>Status</dt>
        <dd data-testid="my-feedback-state" data-state={isHandled ? 'handled' : 'open'}>
          {isHandled ? (
            <>
              Handled on <time dateTime={feedback.handledAt}>{formatDateTime(feedback.handledAt ?? '')}</time>
            </>
          ) : (
            'Open: not handled yet'
          )}
        </dd>
      </dl>
      {feedback.hasScreenshot && (
        <div className="record-actions">
          <ScreenshotToggle
            workspaceId={workspaceId}
            feedbackId={feedback.id}
            alt={`The screenshot you sent on ${sentAt}`}
          />
          <ConfirmButton
            label="Remove screenshot"
            accessibleLabel={`Remove the screenshot sent on ${sentAt}`}
            question="Remove this screenshot? It is deleted for good; your message stays."
            confirmLabel="Yes, remove"
            isPending={removeScreenshot.isPending}
            onConfirm={() =>
              removeScreenshot.mutate(feedback.id, { onSuccess: () => onDone('Screenshot removed.') })
            }
            testId="my-feedback-remove-screenshot"
          />
        </div>
      )}
      {removeScreenshot.isError && <FormAlert message={describeError(removeScreenshot.error)} />}
      {!isEditing && (
        <div className="form-actions">
          <button
            ref={editRef}
            type="button"
            className="button"
            aria-label={`Edit message sent on ${sentAt}`}
            onClick={() => setIsEditing(true)}
            data-testid="my-feedback-edit"
          >
            Edit message
          </button>
        </div>
      )}
    </li>
  );
}

function EditMessageForm({
  feedback,
  workspaceId,
  onClose,
}: {
  feedback: Feedback;
  workspaceId: string;
  onClose: (status?: string) => void;
}) {
  const edit = useEditFeedbackMessage(workspaceId);
  const form = useCorrectionForm<HTMLTextAreaElement>({
    current: feedback.message,
    rules: {
      maxLength: FEEDBACK_MESSAGE_MAX_LENGTH,
      whenBlank: 'Write your message, or cancel to keep it as it was.',
    },
    onUnchanged: () => onClose(),
    onSave: (message, focusField) =>
      edit.mutate(
        { feedbackId: feedback.id, message },
        { onSuccess: () => onClose('Message saved.'), onError: focusField },
      ),
  });
  const errors = edit.error === null ? undefined : toFormErrors(edit.error, ['message'] as const);

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormAlert message={errors?.form} />
      <TextAreaField
        ref={form.fieldRef}
        label="Your message"
        rows={5}
        maxLength={FEEDBACK_MESSAGE_MAX_LENGTH}
        value={form.draft}
        onChange={(event) => form.setDraft(event.target.value)}
        error={form.localError ?? errors?.fields.message}
        autoFocus
        data-testid="my-feedback-edit-message"
      />
      <CorrectionActions
        isPending={edit.isPending}
        saveLabel="Save message"
        saveTestId="my-feedback-save"
        onCancel={() => onClose()}
      />
    </form>
  );
}
