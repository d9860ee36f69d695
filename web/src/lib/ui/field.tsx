import { useId, type ComponentProps, type ReactNode } from 'react';

type FieldFrameProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
};

/** Ids for a field's hint and error, to link them with aria-describedby. */
function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint !== undefined ? `${id}-hint` : '', error !== undefined ? `${id}-error` : ''].filter(
    (x) => x !== '',
  );
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame({ id, label, hint, error, children, className }: FieldFrameProps) {
  return (
    <div className={['field', error !== undefined ? 'field-invalid' : '', className ?? ''].join(' ').trim()}>
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      <FieldErrorText id={id} error={error} />
    </div>
  );
}

/** The error text under a field, linked from the control by `${id}-error`. */
export function FieldErrorText({ id, error }: { id: string; error: string | undefined }) {
  if (error === undefined) return null;
  return (
    <p className="field-error" id={`${id}-error`} data-testid="field-error">
      {error}
    </p>
  );
}

type CommonProps = {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
};

type TextFieldProps = CommonProps & Omit<ComponentProps<'input'>, 'className'>;

/** A labelled input with an optional hint and an error shown under it. */
export function TextField({ label, hint, error, className, id, ...inputProps }: TextFieldProps) {
  const generatedId = useId();
  const fieldId = id ?? generatedId;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} error={error} className={className ?? ''}>
      <input
        id={fieldId}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...inputProps}
      />
    </FieldFrame>
  );
}

type TextAreaFieldProps = CommonProps & Omit<ComponentProps<'textarea'>, 'className'>;

/** A labelled textarea with an optional hint and an error shown under it. */
export function TextAreaField({ label, hint, error, className, id, ...textareaProps }: TextAreaFieldProps) {
  const generatedId = useId();
  const fieldId = id ?? generatedId;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} error={error} className={className ?? ''}>
      <textarea
        id={fieldId}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...textareaProps}
      />
    </FieldFrame>
  );
}

type SelectFieldProps = CommonProps & Omit<ComponentProps<'select'>, 'className'>;

/** A labelled select with an optional hint and an error shown under it. */
export function SelectField({
  label,
  hint,
  error,
  className,
  id,
  children,
  ...selectProps
}: SelectFieldProps) {
  const generatedId = useId();
  const fieldId = id ?? generatedId;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} error={error} className={className ?? ''}>
      <select
        id={fieldId}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...selectProps}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

type CheckboxFieldProps = CommonProps & Omit<ComponentProps<'input'>, 'className' | 'type'>;

/** A checkbox with its label beside it, and an error under it. */
export function CheckboxField({ label, hint, error, className, id, ...inputProps }: CheckboxFieldProps) {
  const generatedId = useId();
  const fieldId = id ?? generatedId;
  return (
    <div
      className={['field', 'field-checkbox', error !== undefined ? 'field-invalid' : '', className ?? '']
        .join(' ')
        .trim()}
    >
      <div className="checkbox-row">
        <input
          id={fieldId}
          type="checkbox"
          aria-invalid={error !== undefined ? true : undefined}
          aria-describedby={describedBy(fieldId, hint, error)}
          {...inputProps}
        />
        <label htmlFor={fieldId}>{label}</label>
      </div>
      {hint !== undefined && (
        <p className="field-hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      )}
      <FieldErrorText id={fieldId} error={error} />
    </div>
  );
}

/** Moves focus to the first invalid control inside `form`, so keyboard and screen-reader users land on the problem. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  target?.focus();
}
