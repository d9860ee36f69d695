import { useId, type KeyboardEvent, type ReactNode } from 'react';
import { FieldErrorText } from './field';
import { addChips, splitChips } from './chips';

type ChipsInputProps = {
  label: ReactNode;
  /** Singular noun for the remove buttons ("Remove person Alex"). */
  itemName: string;
  value: string[];
  onChange: (value: string[]) => void;
  /** What is typed but not yet added; the form adds it on save (see `mergeChipDraft` in chips.ts). */
  draft: string;
  onDraftChange: (draft: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  id?: string;
  maxLength?: number;
  'data-testid'?: string;
};

/**
 * A list of short values typed into one labelled input: Enter or a comma adds what was typed,
 * and each chip has a real remove button. Text still in the input is added when the form is
 * saved, not on blur: adding on blur moves the layout under the pointer and can swallow the
 * click on the Save button.
 */
export function ChipsInput(props: ChipsInputProps) {
  const { label, itemName, value, onChange, draft, onDraftChange, hint, error, id, maxLength } = props;
  const generatedId = useId();
  const fieldId = id ?? generatedId;

  const onCommit = () => {
    const additions = splitChips(draft);
    if (additions.length > 0) onChange(addChips(value, additions));
    onDraftChange('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      if (draft.trim() !== '' || event.key === ',') event.preventDefault();
      if (draft.trim() !== '') onCommit();
    } else if (event.key === 'Backspace' && draft === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  const onRemove = (index: number) => {
    onChange(value.filter((_, position) => position !== index));
  };

  const described = [
    hint !== undefined ? `${fieldId}-hint` : '',
    error !== undefined ? `${fieldId}-error` : '',
  ]
    .filter((x) => x !== '')
    .join(' ');

  return (
    <div className={['field', 'chips-field', error !== undefined ? 'field-invalid' : ''].join(' ').trim()}>
      <label htmlFor={fieldId}>{label}</label>
      {hint !== undefined && (
        <p className="field-hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      )}
      {value.length > 0 && (
        <ul
          className="chips"
          aria-label={`${typeof label === 'string' ? label : itemName}: ${value.length} added`}
        >
          {value.map((item, index) => (
            <li key={`${item}-${index}`} className="chip">
              <span>{item}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${itemName} ${item}`}
                onClick={() => onRemove(index)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={fieldId}
        type="text"
        value={draft}
        autoComplete="off"
        maxLength={maxLength}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={described === '' ? undefined : described}
        onChange={(event) => onDraftChange(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid={props['data-testid']}
      />
      <FieldErrorText id={fieldId} error={error} />
    </div>
  );
}
