import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { checkTextDraft } from '../draft';

type CorrectionOptions = {
  /** What is stored now; the draft starts from it and an unchanged draft sends nothing. */
  current: string;
  rules: { maxLength: number; whenBlank: string };
  /** Sends the checked, trimmed value; `focusField` puts focus back on the field (after an error). */
  onSave: (value: string, focusField: () => void) => void;
  onUnchanged: () => void;
};

/**
 * The state of a form that corrects one text field (P-RIGHT-2): the draft, the error found before
 * sending (blank, too long), the field's ref for focus, and the submit handler.
 */
export function useCorrectionForm<E extends HTMLInputElement | HTMLTextAreaElement>({
  current,
  rules,
  onSave,
  onUnchanged,
}: CorrectionOptions) {
  const [draft, setDraft] = useState(current);
  const [localError, setLocalError] = useState<string | undefined>();
  const fieldRef = useRef<E>(null);
  const focusField = () => fieldRef.current?.focus();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const check = checkTextDraft(draft, current, rules);
    if ('error' in check) {
      setLocalError(check.error);
      focusField();
      return;
    }
    setLocalError(undefined);
    if ('unchanged' in check) {
      onUnchanged();
      return;
    }
    // The field shows what is sent: the trimmed text.
    setDraft(check.value);
    onSave(check.value, focusField);
  };

  return { draft, setDraft, localError, fieldRef, onSubmit };
}

/** Save (and, when `onCancel` is given, Cancel) under a correction form; `children` follow them. */
export function CorrectionActions({
  isPending,
  saveLabel,
  saveTestId,
  onCancel,
  children,
}: {
  isPending: boolean;
  saveLabel: string;
  saveTestId: string;
  onCancel?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={isPending} data-testid={saveTestId}>
        {isPending ? 'Saving…' : saveLabel}
      </button>
      {onCancel !== undefined && (
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      )}
      {children}
    </div>
  );
}
