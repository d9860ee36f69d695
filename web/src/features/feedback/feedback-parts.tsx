import { useState } from 'react';
import type { Feedback } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';

/** The API's limit on a feedback message. */
export const FEEDBACK_MESSAGE_MAX_LENGTH = 5000;

/** The URL of the screenshot sent with a piece of feedback (served to its author and to admins). */
export function feedbackScreenshotUrl(workspaceId: string, feedbackId: string): string {
  return `/v1/workspaces/${encodeURIComponent(workspaceId)}/feedback/${encodeURIComponent(feedbackId)}/screenshot`;
}

/** A button that shows or hides the screenshot of a piece of feedback; it is loaded only when shown. */
export function ScreenshotToggle({
  workspaceId,
  feedbackId,
  alt,
}: {
  workspaceId: string;
  feedbackId: string;
  alt: string;
}) {
  const [isShown, setIsShown] = useState(false);
  return (
    <div>
      <button
        type="button"
        className="button button-quiet"
        aria-expanded={isShown}
        onClick={() => setIsShown((shown) => !shown)}
      >
        {isShown ? 'Hide screenshot' : 'Show screenshot'}
      </button>
      {isShown && (
        <img className="feedback-screenshot" src={feedbackScreenshotUrl(workspaceId, feedbackId)} alt={alt} />
      )}
    </div>
  );
}

/** "Edited" beside a message its author corrected, with the time in its tooltip and for screen readers. */
export function EditedMark({ feedback }: { feedback: Feedback }) {
  if (feedback.editedAt === undefined) return null;
  return (
    <span
      className="badge"
      data-testid="feedback-edited"
      title={`Edited ${formatDateTime(feedback.editedAt)}`}
    >
      Edited <span className="visually-hidden">{formatDateTime(feedback.editedAt)}</span>
    </span>
  );
}
