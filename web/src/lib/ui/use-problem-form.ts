import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { toFormErrors, type FormErrors } from '../api/problem';
import { focusFirstInvalid } from './field';

type Options = {
  /** Reads the form's data into a request and sends it; a thrown error is shown on the form. */
  send: (data: FormData) => Promise<unknown>;
  /** After a successful send, once errors are cleared (reset the form, say it was saved). */
  onSaved?: (form: HTMLFormElement) => void;
  /** After a failed send, once errors are shown (clear a "saved" line). */
  onFailed?: () => void;
};

export type ProblemForm<F extends string> = {
  ref: RefObject<HTMLFormElement | null>;
  errors: FormErrors<F>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
};

/**
 * Sends `data` and answers the errors to show: none on success, else each API error at the field
 * it names (of `fields`) and the rest for the whole form. Kept apart from React so it is testable.
 */
export async function sendForErrors<F extends string>(
  fields: readonly F[],
  send: () => Promise<unknown>,
): Promise<{ isSaved: true } | { isSaved: false; errors: FormErrors<F> }> {
  try {
    await send();
    return { isSaved: true };
  } catch (error) {
    return { isSaved: false, errors: toFormErrors(error, fields) };
  }
}

/**
 * A form that sends to the API and shows its problem+json answer: errors at their fields, the
 * rest above the form, and focus on the first invalid field (after the render that marks it) so
 * keyboard and screen-reader users land on the problem. One submit path for every form.
 */
export function useProblemForm<F extends string>(fields: readonly F[], options: Options): ProblemForm<F> {
  const ref = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors<F>>({ fields: {} });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    void sendForErrors(fields, () => options.send(data)).then((outcome) => {
      if (outcome.isSaved) {
        setErrors({ fields: {} });
        options.onSaved?.(form);
        return;
      }
      options.onFailed?.();
      setErrors(outcome.errors);
      requestAnimationFrame(() => focusFirstInvalid(ref.current));
    });
  };

  return { ref, errors, onSubmit };
}
