import { useState } from 'react';
import { describeError } from '../../lib/api/problem';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { CopyButton } from '../../lib/ui/copy-button';
import { TextField } from '../../lib/ui/field';
import { useDocumentTitle } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { useProblemForm } from '../../lib/ui/use-problem-form';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import {
  useCreateProviderLink,
  useProviderLinks,
  useRevokeProviderLink,
  type ProviderLink,
} from './completion-hooks';

const FIELDS = ['providerLabel', 'expiresInDays'] as const;

const STATUS_LABEL: Record<ProviderLink['status'], string> = {
  waiting: 'Code not used yet',
  linked: 'Linked',
  revoked: 'Revoked',
  expired: 'Code expired',
  ended: 'Ended: the provider’s workspace was deleted',
};

function LinkRow({
  workspaceId,
  link,
  canWrite,
}: {
  workspaceId: string;
  link: ProviderLink;
  canWrite: boolean;
}) {
  const revoke = useRevokeProviderLink(workspaceId);
  return (
    <li className="card" data-testid="provider-link-row">
      <h3>{link.providerLabel}</h3>
      <p>
        <span data-testid="provider-link-status">{STATUS_LABEL[link.status]}</span>
        {link.status === 'waiting' && ` · the code works until ${new Date(link.expiresAt).toLocaleString()}`}
        {link.linkedAt !== null && ` · linked ${new Date(link.linkedAt).toLocaleDateString()}`}
      </p>
      {canWrite && (link.status === 'waiting' || link.status === 'linked') && (
        <ConfirmButton
          label="Revoke"
          question={`Revoke the link with ${link.providerLabel}? It can report nothing more.`}
          confirmLabel="Yes, revoke"
          onConfirm={() => revoke.mutate(link.id)}
          isPending={revoke.isPending}
          accessibleLabel={`Revoke the link with ${link.providerLabel}`}
          testId="provider-link-revoke"
        />
      )}
      {revoke.isError && <FormAlert message={describeError(revoke.error)} />}
    </li>
  );
}

/** Link codes for training providers: make one to give a provider, see the links, revoke one. */
export function ProviderLinksPage() {
  useDocumentTitle('Training providers');
  const { workspaceId, can } = useCurrentWorkspace();
  const canWrite = can('credentials:write');
  const links = useProviderLinks(workspaceId);
  const create = useCreateProviderLink(workspaceId);
  const [createdCode, setCreatedCode] = useState<string | undefined>();
  const { ref, errors, onSubmit } = useProblemForm(FIELDS, {
    send: async (data) => {
      const label = data.get('providerLabel');
      const created = await create.mutateAsync({
        providerLabel: typeof label === 'string' ? label : '',
        expiresInDays: Number(data.get('expiresInDays')),
      });
      setCreatedCode(created.code);
    },
    onSaved: (form) => form.reset(),
  });

  return (
    <>
      <section className="section" aria-labelledby="provider-links-heading">
        <h2 id="provider-links-heading">Training providers</h2>
        <p>
          Give a training provider a link code and it can report the courses you complete there. Each report
          waits on your CE activities page until you accept or decline it. The provider sees only what it
          reported and your decision.
        </p>
        {createdCode !== undefined && (
          <Notice tone="success" title="Link code created" testId="provider-code-created">
            <p>Give this code to the provider now: it is shown this once and works once.</p>
            <p>
              <code data-testid="provider-code">{createdCode}</code>
            </p>
            <CopyButton text={createdCode} label="Copy code" />
          </Notice>
        )}
        {links.isPending ? (
          <Loading label="Loading provider links…" />
        ) : links.isError ? (
          <ErrorState error={links.error} onRetry={() => void links.refetch()} />
        ) : links.data.items.length === 0 ? (
          <EmptyState title="No providers linked yet">
            <p>Create a code below and give it to the provider where you take courses.</p>
          </EmptyState>
        ) : (
          <ul className="card-list">
            {links.data.items.map((link) => (
              <LinkRow key={link.id} workspaceId={workspaceId} link={link} canWrite={canWrite} />
            ))}
          </ul>
        )}
      </section>
      {canWrite && (
        <section className="section" aria-labelledby="new-provider-link-heading">
          <h2 id="new-provider-link-heading">Create a link code</h2>
          <form ref={ref} className="form" onSubmit={onSubmit} noValidate data-testid="provider-link-form">
            <FormAlert message={errors.form} />
            <TextField
              label="Which provider is it for?"
              name="providerLabel"
              hint="Only you see this, e.g. “State CE Institute”."
              required
              maxLength={120}
              error={errors.fields.providerLabel}
            />
            <TextField
              label="Days the code can be used"
              name="expiresInDays"
              type="number"
              min={1}
              max={30}
              defaultValue="7"
              required
              error={errors.fields.expiresInDays}
            />
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create code'}
            </button>
          </form>
        </section>
      )}
    </>
  );
}
