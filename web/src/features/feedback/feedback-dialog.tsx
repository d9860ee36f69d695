import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { FormAlert, Notice } from '../../lib/ui/status';
import { FEEDBACK_MESSAGE_MAX_LENGTH } from './feedback-parts';
import { useSendFeedback } from './hooks';
import { capturePage } from './screenshot';

/**
 * The feedback button and its dialog: a message, the page address and browser (shown, so the
 * person knows what is sent), and an optional screenshot they can look at and remove first.
 */
export function FeedbackButton({ workspaceId }: { workspaceId: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [isOpen, setIsOpen] = useState(false);

  const onOpen = () => {
    setIsOpen(true);
    dialogRef.current?.showModal();
  };
  const onClose = () => {
    dialogRef.current?.close();
    setIsOpen(false);
  };

  return (
    <>
      <button type="button" className="button button-quiet" onClick={onOpen} data-testid="feedback-open">
        Feedback
      </button>
      <dialog
        ref={dialogRef}
        className="dialog feedback-dialog"
        aria-labelledby="feedback-title"
        onClose={onClose}
      >
        {isOpen && <FeedbackForm workspaceId={workspaceId} dialog={dialogRef.current} onDone={onClose} />}
      </dialog>
    </>
  );
}

function FeedbackForm({
  workspaceId,
  dialog,
  onDone,
}: {
  workspaceId: string;
  dialog: HTMLDialogElement | null;
  onDone: () => void;
}) {
  const send = useSendFeedback(workspaceId);
  const messageId = useId();
  const [message, setMessage] = useState('');
  const [screenshot, setScreenshot] = useState<string | undefined>();
  const [screenshotError, setScreenshotError] = useState<string | undefined>();
  const [isCapturing, setIsCapturing] = useState(false);
  const pageUrl = window.location.href;
  const myFeedbackLink = (
    <Link
      to={`/w/${encodeURIComponent(workspaceId)}/feedback/mine`}
      onClick={onDone}
      data-testid="feedback-mine-link"
    >
      Your feedback: see, correct or remove what you sent
    </Link>
  );
  const userAgent = navigator.userAgent.slice(0, 500);

  const onCapture = async () => {
    setIsCapturing(true);
    setScreenshotError(undefined);
    try {
      setScreenshot(await capturePage(document.body, dialog));
    } catch (error) {
      setScreenshotError(error instanceof Error ? error.message : 'The screenshot could not be taken.');
    } finally {
      setIsCapturing(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (message.trim() === '') return;
    send.mutate({
      message: message.trim(),
      pageUrl,
      userAgent,
      ...(screenshot === undefined ? {} : { screenshot }),
    });
  };

  if (send.isSuccess)
    return (
      <div className="dialog-body">
        <h2 id="feedback-title">Thank you</h2>
        <Notice tone="success" role="status" testId="feedback-sent">
          <p>Your feedback was sent to the workspace’s admins.</p>
        </Notice>
        <div className="form-actions">
          <button type="button" className="button" onClick={onDone} autoFocus>
            Close
          </button>
          {myFeedbackLink}
        </div>
      </div>
    );

  return (
    <form className="dialog-body" onSubmit={onSubmit} noValidate>
      <h2 id="feedback-title">Send feedback</h2>
      <div className="field">
        <label htmlFor={messageId}>What happened, or what would help?</label>
        <textarea
          id={messageId}
          rows={5}
          maxLength={FEEDBACK_MESSAGE_MAX_LENGTH}
          required
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          data-testid="feedback-message"
          autoFocus
        />
      </div>
      <div className="field">
        <p className="muted small">
          Sent with your message: this page’s address (<code>{pageUrl}</code>) and your browser (
          <code>{userAgent}</code>).
        </p>
      </div>
      <div className="field">
        {screenshot === undefined ? (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void onCapture()}
            disabled={isCapturing}
            data-testid="feedback-capture"
          >
            {isCapturing ? 'Taking a screenshot…' : 'Add a screenshot of this page'}
          </button>
        ) : (
          <figure className="feedback-screenshot">
            <img
              src={screenshot}
              alt="The screenshot that will be sent with your feedback"
              data-testid="feedback-screenshot"
            />
            <figcaption>
              Check it shows nothing you do not want to send.{' '}
              <button
                type="button"
                className="button button-quiet"
                onClick={() => setScreenshot(undefined)}
                data-testid="feedback-remove-screenshot"
              >
                Remove screenshot
              </button>
            </figcaption>
          </figure>
        )}
        {screenshotError !== undefined && (
          <FormAlert message={screenshotError} testId="feedback-screenshot-error" />
        )}
      </div>
      {send.isError && <FormAlert message={describeError(send.error)} />}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={send.isPending || message.trim() === ''}
          data-testid="feedback-send"
        >
          {send.isPending ? 'Sending…' : 'Send feedback'}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
      <p className="small">{myFeedbackLink}</p>
    </form>
  );
}
