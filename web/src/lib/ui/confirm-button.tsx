import { useEffect, useRef, useState, type ReactNode } from 'react';

type ConfirmButtonProps = {
  /** The first button's text ("Remove"). */
  label: ReactNode;
  /** The question asked before acting ("Remove Sam from this workspace?"). */
  question: string;
  /** The confirming button's text ("Yes, remove"). */
  confirmLabel: string;
  onConfirm: () => void;
  isPending?: boolean;
  accessibleLabel?: string;
  testId?: string;
};

/** A destructive action that asks once, inline, before it runs (no modal to trap focus in). */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  isPending,
  accessibleLabel,
  testId,
}: ConfirmButtonProps) {
  const [isAsking, setIsAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (isAsking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = isAsking;
  }, [isAsking]);

  if (!isAsking) {
    return (
      <button
        ref={triggerRef}
        type="button"
        className="button button-danger-quiet"
        aria-label={accessibleLabel}
        disabled={isPending}
        onClick={() => setIsAsking(true)}
        data-testid={testId}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="button button-danger"
        onClick={() => {
          setIsAsking(false);
          onConfirm();
        }}
        data-testid={testId === undefined ? undefined : `${testId}-confirm`}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button-quiet" onClick={() => setIsAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
