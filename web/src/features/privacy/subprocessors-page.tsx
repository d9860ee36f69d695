import { Link } from 'react-router';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, Loading } from '../../lib/ui/status';
import { usePrivacyInventory } from './hooks';
import { formatPolicyDate } from './policy-date';

/** The outside providers that process data for Holdfast, what they receive and when. */
export function SubprocessorsPage() {
  const inventory = usePrivacyInventory();
  if (inventory.isPending) return <Loading label="Loading the subprocessors…" />;
  if (inventory.isError)
    return <ErrorState error={inventory.error} onRetry={() => void inventory.refetch()} />;
  const { policy, subprocessors } = inventory.data;

  return (
    <article className="privacy-page" data-testid="subprocessors-page">
      <PageHeader
        title="Subprocessors"
        description={
          <>
            Part of the <Link to="/privacy">privacy policy</Link>, version {policy.current.version} (
            {formatPolicyDate(policy.current.effectiveAt)}).
          </>
        }
      />
      <div className="table-wrap">
        <table className="table" data-testid="subprocessors">
          <caption className="visually-hidden">Providers that process data for Holdfast</caption>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Purpose</th>
              <th scope="col">Data it receives</th>
              <th scope="col">When</th>
              <th scope="col">Location</th>
            </tr>
          </thead>
          <tbody>
            {subprocessors.map((provider) => (
              <tr key={provider.id} data-testid="subprocessor">
                <th scope="row" data-label="Provider">
                  {provider.name}
                </th>
                <td data-label="Purpose">{provider.purpose}</td>
                <td data-label="Data it receives">{provider.data}</td>
                <td data-label="When">{provider.when}</td>
                <td data-label="Location">{provider.location}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
