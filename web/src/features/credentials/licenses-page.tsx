import { Link } from 'react-router';
import { useDocumentTitle } from '../../lib/ui/page';
import { EmptyState, ErrorState, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { LicenseForm } from './license-form';
import { useCreateLicense, useLicenses } from './license-hooks';

/** Every license kept here, and a form to add one. */
export function LicensesPage() {
  useDocumentTitle('Licenses');
  const { workspaceId, can } = useCurrentWorkspace();
  const licenses = useLicenses(workspaceId);
  const create = useCreateLicense(workspaceId);
  const canWrite = can('credentials:write');

  return (
    <>
      <section className="section" aria-labelledby="licenses-heading">
        <h2 id="licenses-heading">Licenses</h2>
        <div className="licenses-list">
          {licenses.isPending ? (
            <Loading label="Loading licenses…" />
          ) : licenses.isError ? (
            <ErrorState error={licenses.error} onRetry={() => void licenses.refetch()} />
          ) : licenses.data.items.length === 0 ? (
            <EmptyState title="No licenses yet">
              <p>
                Add the first license you hold: its renewal cycle and CE hours follow from its state’s rule.
              </p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="licenses-table">
                <caption className="visually-hidden">Your licenses</caption>
                <thead>
                  <tr>
                    <th scope="col">License</th>
                    <th scope="col">Number</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {licenses.data.items.map((license) => (
                    <tr key={license.id}>
                      <th scope="row">
                        <Link to={license.id}>
                          {license.jurisdiction} {license.credentialType}
                        </Link>
                      </th>
                      <td>{license.number}</td>
                      <td>{license.expiresOn ?? 'Unknown'}</td>
                      <td>{license.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </section>
      {canWrite && (
        <section className="section" aria-labelledby="add-license-heading">
          <h2 id="add-license-heading">Add a license</h2>
          <LicenseForm
            submitLabel="Add license"
            isPending={create.isPending}
            onSubmit={(body) => create.mutateAsync(body)}
          />
        </section>
      )}
    </>
  );
}
