import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiError, toFormErrors } from '../../lib/api/problem';
import { TextField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { FormAlert } from '../../lib/ui/status';
import { useAcceptInvite } from './hooks';

/** Join a workspace with the code its owner or admin shared. */
export function AcceptInvitePage() {
  const [searchParams] = useSearchParams();
  const [code, setCode] = useState(searchParams.get('code') ?? '');
  const [codeError, setCodeError] = useState<string | undefined>();
  const accept = useAcceptInvite();
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);

  const errors = accept.error === null ? undefined : toFormErrors(accept.error, ['code'] as const);
  const serverCodeError = isApiError(accept.error, { code: 'invalid_invite' })
    ? (accept.error.problem.detail ??
      'This invite code is not valid. It may have expired, been revoked, or be meant for another email address.')
    : errors?.fields.code;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (code.trim() === '') {
      setCodeError('Enter the invite code you were given.');
      inputRef.current?.focus();
      return;
    }
    setCodeError(undefined);
    accept.mutate(code.trim(), {
      onSuccess: ({ workspace }) => void navigate(`/w/${encodeURIComponent(workspace.id)}/incidents`),
      onError: () => inputRef.current?.focus(),
    });
  };

  return (
    <>
      <PageHeader title="Join a workspace" description="Enter the invite code someone shared with you." />
      <form className="form narrow" onSubmit={onSubmit} noValidate>
        {serverCodeError === undefined && <FormAlert message={errors?.form} />}
        <TextField
          ref={inputRef}
          label="Invite code"
          value={code}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setCode(event.target.value)}
          error={codeError ?? serverCodeError}
          data-testid="invite-code"
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={accept.isPending}
          data-testid="invite-accept"
        >
          {accept.isPending ? 'Joining…' : 'Join workspace'}
        </button>
      </form>
    </>
  );
}
