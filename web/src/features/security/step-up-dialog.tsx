import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeError } from '../../lib/api/problem';
import { setStepUpHandler } from '../../lib/api/step-up';
import { TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { useProvePasskey, useSecondFactorStatus, useVerifySecondFactor } from './hooks';

/**
 * The second-factor prompt of step-up: an administrative action answered 401
 * `second_factor_required` opens it; once a passkey, an authenticator code or a recovery code is
 * proven, the action is sent again by the API client. Cancelling leaves the action refused.
 */
export function StepUpDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const settle = useRef<((isProven: boolean) => void) | undefined>(undefined);
  const [isOpen, setIsOpen] = useState(false);
  const [mode, setMode] = useState<'code' | 'recovery'>('code');
  const [value, setValue] = useState('');
  // Read only while the prompt is open: the shell mounts it on every page.
  const status = useSecondFactorStatus(isOpen);
  const verify = useVerifySecondFactor();
  const passkey = useProvePasskey();

  useEffect(
    () =>
      setStepUpHandler(
        () =>
          new Promise<boolean>((resolve) => {
            settle.current = resolve;
            setValue('');
            verify.reset();
            passkey.reset();
            setIsOpen(true);
          }),
      ),
    // Installed once: it only calls setters and the mutations' stable reset functions.
    [],
  );

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (isOpen && !element.open) element.showModal();
    if (!isOpen && element.open) element.close();
  }, [isOpen]);

  const finish = (isProven: boolean) => {
    setIsOpen(false);
    settle.current?.(isProven);
    settle.current = undefined;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = mode === 'code' ? { code: value.trim() } : { recoveryCode: value.trim() };
    verify.mutate(body, { onSuccess: () => finish(true) });
  };

  const hasPasskey = (status.data?.passkeys.length ?? 0) > 0;
  const hasTotp = status.data?.totp !== null && status.data?.totp !== undefined;
  const error = verify.error ?? passkey.error;

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="step-up-heading"
      onCancel={() => finish(false)}
      data-testid="step-up-dialog"
    >
      <h2 id="step-up-heading">Confirm it is you</h2>
      <p>This action changes who can reach your data. Confirm it with your second factor.</p>
      {status.data !== undefined && !hasPasskey && !hasTotp && (
        <p data-testid="step-up-enrol">
          Your role needs a second factor. <a href="/account/security">Set one up on the Security page</a>,
          then try again.
        </p>
      )}
      {hasPasskey && (
        <button
          type="button"
          className="button"
          onClick={() => passkey.mutate(undefined, { onSuccess: () => finish(true) })}
          disabled={passkey.isPending}
          data-testid="step-up-passkey"
        >
          {passkey.isPending ? 'Waiting for your passkey…' : 'Use a passkey'}
        </button>
      )}
      <form className="form" onSubmit={onSubmit}>
        <TextField
          label={mode === 'code' ? 'Code from your authenticator app' : 'Recovery code'}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          autoComplete="one-time-code"
          inputMode={mode === 'code' ? 'numeric' : 'text'}
          required
          data-testid="step-up-code"
        />
        <FormAlert message={error === null ? undefined : describeError(error)} />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={verify.isPending}
            data-testid="step-up-submit"
          >
            {verify.isPending ? 'Checking…' : 'Confirm'}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setMode(mode === 'code' ? 'recovery' : 'code')}
          >
            {mode === 'code' ? 'Use a recovery code instead' : 'Use an authenticator code instead'}
          </button>
          <button type="button" className="button button-quiet" onClick={() => finish(false)}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
