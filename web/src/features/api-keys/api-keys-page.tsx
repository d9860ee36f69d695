import { useRef, useState, type FormEvent } from 'react';
import { describeError, toFormErrors } from '../../lib/api/problem';
import type { ApiKey, ApiKeyScope, CreatedApiKey } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { CopyButton } from '../../lib/ui/copy-button';
import { FieldErrorText, TextField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { RenameKeyForm } from './rename-key-form';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './hooks';

/** What each scope lets an integrator do. Typed by the API's enum, so a new scope is a type error here. */
const SCOPE_LABELS: Record<ApiKeyScope, string> = {
  'incidents:read': 'Read incidents, messages, summaries and the timeline',
  'incidents:write': 'Record and correct incidents',
  'audit:read': 'Read the audit log',
  'documents:read': 'Read and download documents',
  'documents:write': 'Upload, describe, attach and delete documents',
  'ce:completions:write': 'Redeem people’s link codes and report their CE completions (training providers)',
  'library:read': 'Search and read the library, its templates and checklists',
};
const SCOPES = Object.keys(SCOPE_LABELS) as ApiKeyScope[];

/** Keys for integrators (a law firm's case system, for example): create with scopes, see the secret once, revoke. */
export function ApiKeysPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const canManage = can('api-keys:manage');
  const keys = useApiKeys(workspaceId, { enabled: canManage });
  const revoke = useRevokeApiKey(workspaceId);
  const [created, setCreated] = useState<CreatedApiKey | undefined>();
  const [status, setStatus] = useState('');

  return (
    <>
      <PageHeader
        title="API keys"
        description="Let another system (for example your lawyer’s case software) read or add records in this workspace. Each key works only here, only for its scopes, until revoked."
      />
      {!canManage ? (
        <Notice tone="info" title="Only owners and admins manage API keys">
          <p>Ask an owner or admin of this workspace if you need one.</p>
        </Notice>
      ) : (
        <>
          {created === undefined ? (
            <CreateKeyForm workspaceId={workspaceId} onCreated={setCreated} />
          ) : (
            <CreatedKeyNotice created={created} onDone={() => setCreated(undefined)} />
          )}
          <section className="section" aria-labelledby="keys-heading">
            <h2 id="keys-heading">Keys</h2>
            <p className="status-line" role="status">
              {status}
            </p>
            <FormAlert message={revoke.isError ? describeError(revoke.error) : undefined} />
            {keys.isPending ? (
              <Loading label="Loading API keys…" />
            ) : keys.isError ? (
              <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
            ) : keys.data.items.length === 0 ? (
              <EmptyState title="No API keys yet" />
            ) : (
              <ul className="card-list" data-testid="api-key-list">
                {keys.data.items.map((key) => (
                  <ApiKeyRow
                    key={key.id}
                    apiKey={key}
                    workspaceId={workspaceId}
                    onRenamed={(name) => setStatus(`Key “${key.name}” renamed to “${name}”.`)}
                    isBusy={revoke.isPending}
                    onRevoke={() =>
                      revoke.mutate(key.id, { onSuccess: () => setStatus(`Key “${key.name}” revoked.`) })
                    }
                  />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}

type ApiKeyRowProps = {
  apiKey: ApiKey;
  workspaceId: string;
  isBusy: boolean;
  onRevoke: () => void;
  onRenamed: (name: string) => void;
};

function ApiKeyRow({ apiKey, workspaceId, isBusy, onRevoke, onRenamed }: ApiKeyRowProps) {
  const isRevoked = apiKey.revokedAt !== undefined;
  const [isRenaming, setIsRenaming] = useState(false);
  const renameRef = useRef<HTMLButtonElement>(null);

  const onRenameClosed = (name?: string) => {
    setIsRenaming(false);
    if (name !== undefined) onRenamed(name);
    // Back to the button that opened the form, so keyboard users keep their place.
    window.setTimeout(() => renameRef.current?.focus(), 0);
  };

  return (
    <li className={`card api-key-row${isRevoked ? ' is-revoked' : ''}`} data-testid="api-key-row">
      <div>
        {isRenaming ? (
          <RenameKeyForm apiKey={apiKey} workspaceId={workspaceId} onClose={onRenameClosed} />
        ) : (
          <span className="member-name" data-testid="api-key-row-name">
            {apiKey.name}
          </span>
        )}{' '}
        <code className="small">{apiKey.prefix}…</code>
        <span className="muted small block">
          {apiKey.scopes.join(', ')} · created {formatDateTime(apiKey.createdAt)} ·{' '}
          {apiKey.lastUsedAt === undefined ? 'never used' : `last used ${formatDateTime(apiKey.lastUsedAt)}`}
        </span>
      </div>
      {isRevoked ? (
        <span className="badge badge-deleted">Revoked {formatDateTime(apiKey.revokedAt ?? '')}</span>
      ) : (
        <div className="member-actions">
          {!isRenaming && (
            <button
              ref={renameRef}
              type="button"
              className="button button-quiet"
              aria-label={`Rename key ${apiKey.name}`}
              onClick={() => setIsRenaming(true)}
              data-testid="api-key-rename"
            >
              Rename
            </button>
          )}
          <ConfirmButton
            label="Revoke"
            accessibleLabel={`Revoke key ${apiKey.name}`}
            question={`Revoke “${apiKey.name}”? Systems using it stop working at once.`}
            confirmLabel="Yes, revoke"
            isPending={isBusy}
            onConfirm={onRevoke}
            testId="api-key-revoke"
          />
        </div>
      )}
    </li>
  );
}

function CreateKeyForm({
  workspaceId,
  onCreated,
}: {
  workspaceId: string;
  onCreated: (created: CreatedApiKey) => void;
}) {
  const create = useCreateApiKey(workspaceId);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['incidents:read']);
  const [localErrors, setLocalErrors] = useState<{ name?: string; scopes?: string }>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const firstScopeRef = useRef<HTMLInputElement>(null);
  const errors = create.error === null ? undefined : toFormErrors(create.error, ['name', 'scopes'] as const);
  const scopesError = localErrors.scopes ?? errors?.fields.scopes;

  const onToggleScope = (scope: ApiKeyScope, isChecked: boolean) => {
    setScopes((current) => (isChecked ? [...current, scope] : current.filter((item) => item !== scope)));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: { name?: string; scopes?: string } = {};
    if (name.trim() === '') next.name = 'Name the key after the system that will use it.';
    if (scopes.length === 0) next.scopes = 'Choose at least one scope.';
    setLocalErrors(next);
    if (next.name !== undefined) nameRef.current?.focus();
    else if (next.scopes !== undefined) firstScopeRef.current?.focus();
    else create.mutate({ name: name.trim(), scopes }, { onSuccess: onCreated });
  };

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-labelledby="new-key-heading">
      <h2 id="new-key-heading">New API key</h2>
      <FormAlert message={errors?.form} />
      <TextField
        ref={nameRef}
        label="Key name"
        hint="For example “Smith & Co case system”."
        value={name}
        maxLength={80}
        onChange={(event) => setName(event.target.value)}
        error={localErrors.name ?? errors?.fields.name}
        data-testid="api-key-name"
      />
      <fieldset
        className="fieldset"
        aria-describedby={scopesError === undefined ? undefined : 'scopes-error'}
      >
        <legend>Scopes</legend>
        {SCOPES.map((scope, index) => (
          <div key={scope} className="checkbox-row">
            <input
              ref={index === 0 ? firstScopeRef : undefined}
              id={`scope-${scope}`}
              type="checkbox"
              checked={scopes.includes(scope)}
              aria-invalid={scopesError !== undefined ? true : undefined}
              onChange={(event) => onToggleScope(scope, event.target.checked)}
            />
            <label htmlFor={`scope-${scope}`}>
              <code>{scope}</code> — {SCOPE_LABELS[scope]}
            </label>
          </div>
        ))}
        <FieldErrorText id="scopes" error={scopesError} />
      </fieldset>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending}
          data-testid="api-key-create"
        >
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}

function CreatedKeyNotice({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  return (
    <div className="notice notice-warning secret" role="status" data-testid="api-key-created">
      <p className="notice-title">Copy this key now: you will not see it again</p>
      <p>
        Holdfast keeps only a hash of it. If it is lost, revoke it and create a new one. Treat it like a
        password: anyone with it can use the scopes of “{created.apiKey.name}”.
      </p>
      <div className="secret-row">
        <code className="secret-value" data-testid="api-key-secret">
          {created.secret}
        </code>
        <CopyButton text={created.secret} label="Copy key" testId="api-key-copy" />
      </div>
      <button type="button" className="button" onClick={onDone} data-testid="api-key-done">
        I have copied it
      </button>
    </div>
  );
}
