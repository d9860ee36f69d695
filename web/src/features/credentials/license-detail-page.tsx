import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { useDocumentTitle } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { LicenseForm } from './license-form';
import {
  useDeleteLicense,
  useLicenses,
  useRenewal,
  useSetOverrides,
  useUpdateLicense,
} from './license-hooks';
import { CertificatesSection } from './certificates-section';
import { OverridesForm } from './overrides-form';
import { RenewalView } from './renewal-view';
import { TranscriptLinks } from './transcript-links';

/** One license: its rule, numbers in force, cycles and sources; correct it or set your own numbers. */
export function LicenseDetailPage() {
  const { licenseId = '' } = useParams();
  const { workspaceId, can } = useCurrentWorkspace();
  const licenses = useLicenses(workspaceId);
  const renewal = useRenewal(workspaceId, licenseId);
  const update = useUpdateLicense(workspaceId, licenseId);
  const overrides = useSetOverrides(workspaceId, licenseId);
  const remove = useDeleteLicense(workspaceId);
  const navigate = useNavigate();
  const [isEditing, setIsEditing] = useState(false);
  const license = licenses.data?.items.find((item) => item.id === licenseId);
  useDocumentTitle(
    license === undefined ? 'License' : `${license.jurisdiction} ${license.credentialType} license`,
  );

  if (licenses.isPending || renewal.isPending) return <Loading label="Loading the license…" />;
  if (licenses.isError) return <ErrorState error={licenses.error} onRetry={() => void licenses.refetch()} />;
  if (renewal.isError) return <ErrorState error={renewal.error} onRetry={() => void renewal.refetch()} />;
  if (license === undefined) return <ErrorState title="No such license" error={new Error('not found')} />;
  const canWrite = can('credentials:write');

  return (
    <>
      <p>
        <Link to=".." relative="path">
          All licenses
        </Link>
      </p>
      <h2 data-testid="license-heading">
        {license.jurisdiction} {license.credentialType} · {license.number}
      </h2>
      <p>
        Status: {license.status} · supervisor status: {license.supervisorStatus} · issued{' '}
        {license.issuedOn ?? 'unknown'} · expires {license.expiresOn ?? 'unknown'} · first licensed{' '}
        {license.firstLicensedOn ?? 'unknown'}
      </p>
      <RenewalView renewal={renewal.data} />
      {renewal.data.cycles.isKnown && (
        <TranscriptLinks
          workspaceId={workspaceId}
          licenseId={license.id}
          label={`${license.jurisdiction} ${license.credentialType}`}
        />
      )}
      <CertificatesSection
        workspaceId={workspaceId}
        recordType="license"
        recordId={license.id}
        title="License documents"
        canWrite={canWrite}
      />
      {canWrite && (
        <>
          <section className="section" aria-labelledby="own-numbers-heading">
            <h2 id="own-numbers-heading">Your own numbers</h2>
            <OverridesForm
              key={license.version}
              license={license}
              renewal={renewal.data}
              isPending={overrides.isPending}
              onSubmit={(body) => overrides.mutateAsync(body)}
            />
          </section>
          <section className="section" aria-labelledby="edit-license-heading">
            <h2 id="edit-license-heading">Correct this license</h2>
            {isEditing ? (
              <LicenseForm
                key={license.version}
                initial={license}
                submitLabel="Save changes"
                isPending={update.isPending}
                onSubmit={(body) => update.mutateAsync({ ...body, version: license.version })}
                onDone={() => setIsEditing(false)}
              />
            ) : (
              <button type="button" className="button" onClick={() => setIsEditing(true)}>
                Edit license
              </button>
            )}
            <FormAlert message={remove.isError ? describeError(remove.error) : undefined} />
            <ConfirmButton
              label="Delete license"
              question="Delete this license and your numbers for it?"
              confirmLabel="Delete it for good"
              onConfirm={() =>
                remove.mutate(licenseId, { onSuccess: () => void navigate('..', { relative: 'path' }) })
              }
            />
          </section>
        </>
      )}
    </>
  );
}
